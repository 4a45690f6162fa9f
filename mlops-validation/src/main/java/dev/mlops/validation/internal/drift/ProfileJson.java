package dev.mlops.validation.internal.drift;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.drift.Binning;
import dev.mlops.validation.drift.ColumnHistogram;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.NumericScale;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link DatasetProfile}: {@code {"format": "mlops-drift-profile", "version": 2,
 * "columns": [{"name", "binning": {"kind", "scale", "edges" | "categories", "other"}, "counts"}]}}.
 *
 * <p>Version 2 added the numeric binnings' {@code scale} ({@code NUMBER}, {@code EPOCH_DAY},
 * {@code EPOCH_MICROSECOND}); version 1 documents, which predate it, are read as {@code NUMBER}.
 *
 * <p>Stateless and thread-safe; the mapper is immutable.
 */
public final class ProfileJson {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "mlops-drift-profile";
  /** The version written; this and version 1 are read. */
  public static final int VERSION = 2;

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
    writeColumns(root, profile);
    return MAPPER.writeValueAsString(root);
  }

  /**
   * Writes a profile's {@code columns} array into a node (a profile document or one that embeds a profile).
   *
   * @param node the node that receives the {@code columns} field
   * @param profile the profile
   */
  static void writeColumns(ObjectNode node, DatasetProfile profile) {
    ArrayNode cols = node.putArray("columns");
    for (ColumnHistogram c : profile.columns()) {
      ObjectNode col = cols.addObject();
      col.put("name", c.name());
      writeBinning(col.putObject("binning"), c.binning());
      ArrayNode counts = col.putArray("counts");
      for (long n : c.counts()) {
        counts.add(n);
      }
    }
  }

  static void writeBinning(ObjectNode node, Binning b) {
    node.put("kind", b.kind().name());
    if (b.kind() == Binning.Kind.NUMERIC) {
      node.put("scale", b.scale().name());
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
   * @throws CorruptedDataException if the text is not a version-1 or version-2 profile
   */
  public static DatasetProfile read(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (!FORMAT.equals(text(root, "format"))) {
        throw new CorruptedDataException("not a " + FORMAT + " document");
      }
      int version = root.path("version").asInt(-1);
      if (version != 1 && version != VERSION) {
        throw new CorruptedDataException(FORMAT + " version " + root.path("version") + " is not supported; "
            + "this library reads versions 1 and " + VERSION);
      }
      return readColumns(root);
    } catch (JacksonException | InvalidInputException e) {
      throw new CorruptedDataException("drift profile JSON is malformed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the {@code columns} of a profile document (or of a document embedding one).
   *
   * @param root the node holding a {@code columns} array
   * @return the profile
   * @throws CorruptedDataException if a column is malformed
   * @throws InvalidInputException if counts do not fit their binning
   */
  static DatasetProfile readColumns(JsonNode root) {
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
      JsonNode scale = node.get("scale");
      if (scale == null) {
        return Binning.numeric(edges);
      }
      try {
        return Binning.numeric(NumericScale.valueOf(scale.asString()), edges);
      } catch (IllegalArgumentException ex) {
        throw new CorruptedDataException("profile column '" + column + "' has unknown scale " + scale, ex);
      }
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
