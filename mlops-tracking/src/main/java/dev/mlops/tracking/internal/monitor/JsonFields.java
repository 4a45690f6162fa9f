package dev.mlops.tracking.internal.monitor;

import dev.mlops.core.CorruptedDataException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the fields of a detector document. Doubles are written exactly (shortest
 * round-tripping decimal); NaN and the infinities, which JSON lacks, are written as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}. Stateless and thread-safe.
 */
public final class JsonFields {
  /** The mapper every detector document is read and written with; thread-safe once built. */
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonFields() {}

  /**
   * Writes a double, exact and possibly non-finite.
   *
   * @param node the object
   * @param name the field
   * @param value the value
   */
  public static void putDouble(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.put(name, Double.toString(value));
    }
  }

  /**
   * Appends a double, exact and possibly non-finite.
   *
   * @param array the array
   * @param value the value
   */
  public static void addDouble(ArrayNode array, double value) {
    if (Double.isFinite(value)) {
      array.add(value);
    } else {
      array.add(Double.toString(value));
    }
  }

  /**
   * Reads a field.
   *
   * @param node the object
   * @param name the field
   * @return the field's node
   * @throws CorruptedDataException if the field is absent
   */
  public static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new CorruptedDataException("detector state: missing field '" + name + "'");
    }
    return value;
  }

  /**
   * Reads a double written by {@link #putDouble(ObjectNode, String, double)}.
   *
   * @param node the object
   * @param name the field
   * @return the value
   * @throws CorruptedDataException if the field is absent or not a number
   */
  public static double getDouble(JsonNode node, String name) {
    return toDouble(field(node, name), name);
  }

  /**
   * Converts an element written by {@link #addDouble(ArrayNode, double)}.
   *
   * @param value the node
   * @param where the field, for the message
   * @return the value
   * @throws CorruptedDataException if the node is not a number
   */
  public static double toDouble(JsonNode value, String where) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isString()) {
      switch (value.stringValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw new CorruptedDataException("detector state: field '" + where + "' is not a number: " + value);
  }

  /**
   * Reads a long.
   *
   * @param node the object
   * @param name the field
   * @return the value
   * @throws CorruptedDataException if the field is absent or not an integer
   */
  public static long getLong(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new CorruptedDataException("detector state: field '" + name + "' is not an integer: " + value);
    }
    return value.longValue();
  }

  /**
   * Reads an int.
   *
   * @param node the object
   * @param name the field
   * @return the value
   * @throws CorruptedDataException if the field is absent or not an int
   */
  public static int getInt(JsonNode node, String name) {
    long value = getLong(node, name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new CorruptedDataException("detector state: field '" + name + "' is out of range: " + value);
    }
    return (int) value;
  }

  /**
   * Reads a boolean.
   *
   * @param node the object
   * @param name the field
   * @return the value
   * @throws CorruptedDataException if the field is absent or not a boolean
   */
  public static boolean getBoolean(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isBoolean()) {
      throw new CorruptedDataException("detector state: field '" + name + "' is not a boolean: " + value);
    }
    return value.booleanValue();
  }

  /**
   * Reads a string.
   *
   * @param node the object
   * @param name the field
   * @return the value
   * @throws CorruptedDataException if the field is absent or not a string
   */
  public static String getString(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isString()) {
      throw new CorruptedDataException("detector state: field '" + name + "' is not a string: " + value);
    }
    return value.stringValue();
  }

  /**
   * Reads an array of doubles.
   *
   * @param node the object
   * @param name the field
   * @return the values
   * @throws CorruptedDataException if the field is absent or holds a non-number
   */
  public static double[] getDoubles(JsonNode node, String name) {
    JsonNode array = field(node, name);
    if (!array.isArray()) {
      throw new CorruptedDataException("detector state: field '" + name + "' is not an array");
    }
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = toDouble(array.get(i), name + "[" + i + "]");
    }
    return values;
  }

  /**
   * Parses a versioned document and checks its format and version.
   *
   * @param json the document
   * @param what what the document holds, for messages ("detector state")
   * @param format the expected {@code format} field
   * @param version the expected {@code version} field
   * @return the root object
   * @throws CorruptedDataException if the document is not JSON, not an object, or of another format or
   *     version
   */
  public static JsonNode parseVersioned(String json, String what, String format, int version) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new CorruptedDataException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    checkVersioned(root, what, format, version);
    return root;
  }

  /**
   * Checks the format and version of a versioned document.
   *
   * @param root the document
   * @param what what the document holds, for messages
   * @param format the expected {@code format} field
   * @param version the expected {@code version} field
   * @throws CorruptedDataException if the document is not an object, or of another format or version
   */
  public static void checkVersioned(JsonNode root, String what, String format, int version) {
    if (root == null || !root.isObject()) {
      throw new CorruptedDataException(what + " must be a JSON object");
    }
    String actual = getString(root, "format");
    if (!format.equals(actual)) {
      throw new CorruptedDataException(what + " has format '" + actual + "', expected '" + format + "'");
    }
    int actualVersion = getInt(root, "version");
    if (actualVersion != version) {
      throw new CorruptedDataException(what + " has version " + actualVersion + "; this library reads version "
          + version);
    }
  }

  /**
   * Writes an array of doubles.
   *
   * @param node the object
   * @param name the field
   * @param values the values
   * @param length how many leading values to write
   */
  public static void putDoubles(ObjectNode node, String name, double[] values, int length) {
    ArrayNode array = node.putArray(name);
    for (int i = 0; i < length; i++) {
      addDouble(array, values[i]);
    }
  }
}
