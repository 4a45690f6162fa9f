package dev.mlops.validation.internal.drift;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.drift.Binning;
import dev.mlops.validation.drift.ColumnHistogram;
import dev.mlops.validation.drift.DatasetProfile;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link DatasetProfile}: {@code {"format": "mlops-drift-profile", "version": 1,
 * "columns": [{"name", "binning": {"kind", "edges" | "categories", "other"}, "counts"}]}}.
 *
 * <p>Stateless and thread-safe; the mapper is immutable.
 */
public final class ProfileJson {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "mlops-drift-profile";
  /** The only version written and read. */
  public static final int VERSION = 1;

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ProfileJson() {}

  /**
   * Writes a profile.
   *
   * @param profile the profile
   * @return the JSON text
   */
  public static String write(DatasetProfile profile) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    ArrayNode cols = root.putArray("columns");
    for (ColumnHistogram c : profile.columns()) {
      ObjectNode col = cols.addObject();
      col.put("name", c.name());
      writeBinning(col.putObject("binning"), c.binning());
      ArrayNode counts = col.putArray("counts");
      for (long n : c.counts()) {
        counts.add(n);
      }
    }
    return MAPPER.writeValueAsString(root);
  }

  static void writeBinning(ObjectNode node, Binning b) {
    node.put("kind", b.kind().name());
    if (b.kind() == Binning.Kind.NUMERIC) {
      ArrayNode edges = node.putArray("edges");
      for (double e : b.edges()) {
        edges.add(e);
      }
    } else {
      ArrayNode cats = node.putArray("categories");
      b.categories().forEach(cats::add);
      node.put("other", b.hasOther());
    }
  }

  /**
   * Reads a profile.
   *
   * @param json the JSON text
   * @return the profile
   * @throws CorruptedDataException if the text is not a version-1 profile
   */
  public static DatasetProfile read(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (!FORMAT.equals(text(root, "format")) || root.path("version").asInt(-1) != VERSION) {
        throw new CorruptedDataException("not a " + FORMAT + " version " + VERSION + " document");
      }
      List<ColumnHistogram> cols = new ArrayList<>();
      for (JsonNode col : array(root, "columns")) {
        String name = text(col, "name");
        Binning binning = readBinning(col.path("binning"), name);
        JsonNode countsNode = array(col, "counts");
        long[] counts = new long[countsNode.size()];
        for (int i = 0; i < counts.length; i++) {
          if (!countsNode.get(i).canConvertToLong()) {
            throw new CorruptedDataException("profile column '" + name + "' count " + i + " is not an integer");
          }
          counts[i] = countsNode.get(i).asLong();
        }
        cols.add(ColumnHistogram.of(name, binning, counts));
      }
      return DatasetProfile.of(cols);
    } catch (JacksonException | InvalidInputException e) {
      throw new CorruptedDataException("drift profile JSON is malformed: " + e.getMessage(), e);
    }
  }

  private static Binning readBinning(JsonNode node, String column) {
    String kind = text(node, "kind");
    if ("NUMERIC".equals(kind)) {
      JsonNode e = array(node, "edges");
      double[] edges = new double[e.size()];
      for (int i = 0; i < edges.length; i++) {
        if (!e.get(i).isNumber()) {
          throw new CorruptedDataException("profile column '" + column + "' edge " + i + " is not a number");
        }
        edges[i] = e.get(i).asDouble();
      }
      return Binning.numeric(edges);
    }
    if ("CATEGORICAL".equals(kind)) {
      List<String> cats = new ArrayList<>();
      for (JsonNode c : array(node, "categories")) {
        if (!c.isString()) {
          throw new CorruptedDataException("profile column '" + column + "' has a non-text category");
        }
        cats.add(c.asString());
      }
      return Binning.categorical(cats, node.path("other").asBoolean(false));
    }
    throw new CorruptedDataException("profile column '" + column + "' has unknown binning kind " + kind);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isString()) {
      throw new CorruptedDataException("field '" + field + "' is missing or not text");
    }
    return v.asString();
  }

  private static JsonNode array(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new CorruptedDataException("field '" + field + "' is missing or not an array");
    }
    return v;
  }
}
