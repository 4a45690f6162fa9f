package dev.mlops.validation.internal.json;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.ColumnProfile;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.HistogramBin;
import dev.mlops.validation.Profile;
import dev.mlops.validation.ValueCount;
import dev.mlops.validation.internal.profile.ColumnSketches;
import dev.mlops.validation.internal.profile.ColumnStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON form of a {@link Profile} ({@value #SCHEMA}). Stateless and thread-safe. */
public final class ProfileJson {
  /** The schema tag. */
  public static final String SCHEMA = "mlops.validation.profile/v1";
  private static final double[] QUANTILES = {0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0};

  private ProfileJson() {}

  /**
   * A parsed profile.
   *
   * @param rowCount the rows
   * @param columns the column states
   */
  public record Parsed(long rowCount, List<ColumnStats> columns) {}

  /**
   * Writes a profile.
   *
   * @param rowCount the rows
   * @param stats the column states
   * @param profile the profile (for derived statistics)
   * @return the JSON text
   */
  public static String toJson(long rowCount, List<ColumnStats> stats, Profile profile) {
    ObjectNode root = ValidationJson.MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("rowCount", rowCount);
    ArrayNode cols = root.putArray("columns");
    for (ColumnStats s : stats) {
      ColumnProfile c = profile.column(s.name);
      ObjectNode n = cols.addObject();
      n.put("name", s.name);
      n.put("type", s.type.name());
      n.put("count", s.count);
      n.put("nullCount", s.nulls);
      n.put("nanCount", s.nans);
      n.put("emptyCount", s.empties);
      n.put("approxDistinct", c.approxDistinct());
      n.put("numericCount", s.n);
      if (s.n > 0) {
        n.put("min", s.min);
        n.put("max", s.max);
        n.put("minText", c.minText());
        n.put("maxText", c.maxText());
        n.put("mean", s.mean);
        n.put("m2", s.m2);
        ValidationJson.putNumber(n, "stdDev", c.stdDev());
        ObjectNode q = n.putObject("quantiles");
        for (double p : QUANTILES) {
          q.put(Double.toString(p), c.quantile(p));
        }
        ArrayNode h = n.putArray("histogram");
        for (HistogramBin b : c.histogram(10)) {
          h.addObject().put("low", b.low()).put("high", b.high()).put("count", b.count());
        }
      }
      if (s.minLength != Long.MAX_VALUE) {
        n.put("minLength", s.minLength);
        n.put("maxLength", s.maxLength);
      }
      if (s.values != null) {
        ArrayNode v = n.putArray("valueCounts");
        for (ValueCount vc : c.topValues(Integer.MAX_VALUE)) {
          v.addObject().put("value", vc.value()).put("count", vc.count());
        }
      }
      ObjectNode sk = n.putObject("sketches");
      sk.put("hll", s.sketches.hllBase64());
      sk.put("kll", s.sketches.kllBase64());
    }
    return ValidationJson.write(root);
  }

  /**
   * Reads a profile.
   *
   * @param json the text
   * @return the parsed parts
   * @throws InvalidInputException if malformed
   */
  public static Parsed fromJson(String json) {
    JsonNode root = ValidationJson.read(json, SCHEMA);
    List<ColumnStats> out = new ArrayList<>();
    try {
      for (JsonNode n : root.path("columns").values()) {
        JsonNode sk = n.path("sketches");
        ColumnStats s = new ColumnStats(n.path("name").asString(), ColumnType.valueOf(n.path("type").asString()),
            ColumnSketches.fromBase64(sk.path("hll").asString(), sk.path("kll").asString()));
        s.count = n.path("count").longValue();
        s.nulls = n.path("nullCount").longValue();
        s.nans = n.path("nanCount").longValue();
        s.empties = n.path("emptyCount").longValue();
        s.n = n.path("numericCount").longValue();
        if (s.n > 0) {
          s.min = n.path("min").doubleValue();
          s.max = n.path("max").doubleValue();
          s.mean = n.path("mean").doubleValue();
          s.m2 = n.path("m2").doubleValue();
        }
        if (n.has("minLength")) {
          s.minLength = n.path("minLength").longValue();
          s.maxLength = n.path("maxLength").longValue();
        }
        if (n.has("valueCounts")) {
          Map<String, Long> values = new HashMap<>();
          n.path("valueCounts").values().forEach(v -> values.put(v.path("value").asString(), v.path("count")
              .longValue()));
          s.values = values;
        } else {
          s.values = null;
        }
        out.add(s);
      }
    } catch (RuntimeException e) {
      if (e instanceof InvalidInputException || e instanceof ConfigurationException) {
        throw e; // already says what is wrong: bad input, or a Java version the sketch codec refuses
      }
      throw new InvalidInputException("malformed profile JSON: " + e.getMessage(), e);
    }
    return new Parsed(root.path("rowCount").longValue(), out);
  }
}
