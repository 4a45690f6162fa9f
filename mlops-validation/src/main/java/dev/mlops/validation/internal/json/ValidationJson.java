package dev.mlops.validation.internal.json;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Check;
import dev.mlops.validation.RowFilter;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RuleResult;
import dev.mlops.validation.Severity;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationStatus;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.ValueCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON forms of suites ({@value #SUITE_SCHEMA}) and results ({@value #RESULT_SCHEMA}), written with Jackson's tree
 * model (no default typing, no polymorphism). Stateless and thread-safe.
 */
public final class ValidationJson {
  /** The schema tag of suite JSON. */
  public static final String SUITE_SCHEMA = "mlops.validation.suite/v1";
  /** The schema tag of result JSON. */
  public static final String RESULT_SCHEMA = "mlops.validation.result/v1";
  /** The shared mapper. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ValidationJson() {}

  /**
   * Writes a number, or its text when it is NaN or infinite (JSON has no such numbers).
   *
   * @param node the object
   * @param key the key
   * @param value the value or {@code null}
   */
  public static void putNumber(ObjectNode node, String key, @Nullable Double value) {
    if (value == null) {
      node.putNull(key);
    } else if (Double.isNaN(value) || Double.isInfinite(value)) {
      node.put(key, value.toString());
    } else {
      node.put(key, value);
    }
  }

  /**
   * Reads a number written by {@link #putNumber}.
   *
   * @param node the node
   * @return the value or {@code null}
   */
  public static @Nullable Double readNumber(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isString()) {
      return Double.valueOf(node.stringValue());
    }
    return node.doubleValue();
  }

  /**
   * Pretty-prints a tree.
   *
   * @param node the tree
   * @return the text
   */
  public static String write(JsonNode node) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  /**
   * Parses JSON text into a tree, checking its schema tag.
   *
   * @param json the text
   * @param schema the expected tag
   * @return the root object
   * @throws InvalidInputException if malformed or of another schema
   */
  public static JsonNode read(String json, String schema) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("expected a JSON object with \"schema\": \"" + schema + "\"");
    }
    String got = root.path("schema").asString("");
    if (!schema.equals(got)) {
      throw new InvalidInputException("unsupported JSON schema '" + got + "'; this version reads '" + schema + "'");
    }
    return root;
  }

  /**
   * Writes a result.
   *
   * @param result the result
   * @return the JSON text
   */
  public static String resultToJson(ValidationResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", RESULT_SCHEMA);
    root.put("suite", result.suite());
    root.put("status", result.status().name());
    ArrayNode rs = root.putArray("results");
    for (RuleResult r : result.results()) {
      ObjectNode n = rs.addObject();
      n.put("check", r.check());
      n.put("rule", r.rule());
      n.put("severity", r.severity().name());
      n.put("status", r.status().name());
      putNumber(n, "observedValue", r.observedValue());
      n.put("elementCount", r.elementCount());
      n.put("unexpectedCount", r.unexpectedCount());
      putNumber(n, "errorBound", r.errorBound());
      ArrayNode samples = n.putArray("samples");
      for (ValueCount v : r.samples()) {
        samples.addObject().put("value", v.value()).put("count", v.count());
      }
      n.put("message", r.message());
    }
    return write(root);
  }

  /**
   * Writes a suite.
   *
   * @param suite the suite (no lambda rules)
   * @return the JSON text
   */
  public static String suiteToJson(ValidationSuite suite) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SUITE_SCHEMA);
    root.put("name", suite.name());
    root.put("onNoData", suite.onNoData().name());
    root.put("onInconclusive", suite.onInconclusive().name());
    ArrayNode checks = root.putArray("checks");
    for (Check c : suite.checks()) {
      ObjectNode cn = checks.addObject();
      cn.put("name", c.name());
      cn.put("severity", c.severity().name());
      ArrayNode rules = cn.putArray("rules");
      for (Rule r : c.rules()) {
        ObjectNode rn = rules.addObject();
        rn.put("type", r.type());
        ArrayNode cols = rn.putArray("columns");
        r.columns().forEach(cols::add);
        ObjectNode params = rn.putObject("params");
        for (Map.Entry<String, Object> e : r.params().entrySet()) {
          Object v = e.getValue();
          if (v instanceof List) {
            ArrayNode a = params.putArray(e.getKey());
            ((List<?>) v).forEach(x -> a.add(String.valueOf(x)));
          } else if (v instanceof Boolean) {
            params.put(e.getKey(), (Boolean) v);
          } else if (v instanceof Long || v instanceof Integer) {
            params.put(e.getKey(), ((Number) v).longValue());
          } else if (v instanceof Number) {
            putNumber(params, e.getKey(), ((Number) v).doubleValue());
          } else {
            params.put(e.getKey(), (String) v);
          }
        }
        rn.put("mostly", r.mostly());
        if (r.where() != null) {
          rn.set("where", filterToJson(r.where()));
        }
        if (r.severity() != null) {
          rn.put("severity", r.severity().name());
        }
        rn.put("nullsFail", r.nullsFail());
        rn.put("nanAsNull", r.nanAsNull());
        rn.put("emptyAsNull", r.emptyAsNull());
      }
    }
    return write(root);
  }

  private static ObjectNode filterToJson(RowFilter f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("op", f.op().name());
    if (f.column() != null) {
      n.put("column", f.column());
    }
    Object v = f.value();
    if (v instanceof Boolean) {
      n.put("value", (Boolean) v);
    } else if (v instanceof Long || v instanceof Integer) {
      n.put("value", ((Number) v).longValue());
    } else if (v instanceof Number) {
      n.put("value", ((Number) v).doubleValue());
    } else if (v != null) {
      n.put("value", (String) v);
    }
    if (!f.values().isEmpty()) {
      ArrayNode a = n.putArray("values");
      f.values().forEach(a::add);
    }
    if (!f.children().isEmpty()) {
      ArrayNode a = n.putArray("children");
      f.children().forEach(c -> a.add(filterToJson(c)));
    }
    return n;
  }

  private static RowFilter filterFromJson(JsonNode n) {
    RowFilter.Op op = enumOf(RowFilter.Op.class, n.path("op").asString(""), "filter op");
    String column = n.has("column") ? n.get("column").asString() : null;
    Object value = n.has("value") ? scalar(n.get("value")) : null;
    List<String> values = new ArrayList<>();
    n.path("values").values().forEach(x -> values.add(x.asString()));
    List<RowFilter> children = new ArrayList<>();
    n.path("children").values().forEach(x -> children.add(filterFromJson(x)));
    return RowFilter.of(op, column, value, values, children);
  }

  private static @Nullable Object scalar(JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isString()) {
      return v.stringValue();
    }
    return null;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String text, String what) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("unknown " + what + " '" + text + "'", e);
    }
  }

  /**
   * Reads a suite.
   *
   * @param json the JSON text
   * @return the suite
   */
  public static ValidationSuite suiteFromJson(String json) {
    JsonNode root = read(json, SUITE_SCHEMA);
    ValidationSuite.Builder b = ValidationSuite.builder(root.path("name").asString(""))
        .onNoData(enumOf(ValidationStatus.class, root.path("onNoData").asString("WARNING"), "onNoData"))
        .onInconclusive(enumOf(ValidationStatus.class, root.path("onInconclusive").asString("WARNING"),
            "onInconclusive"));
    for (JsonNode cn : root.path("checks").values()) {
      List<Rule> rules = new ArrayList<>();
      for (JsonNode rn : cn.path("rules").values()) {
        rules.add(ruleFromJson(rn));
      }
      b.addCheck(Check.of(cn.path("name").asString(""), enumOf(Severity.class, cn.path("severity").asString(""),
          "severity"), rules));
    }
    return b.build();
  }

  private static Rule ruleFromJson(JsonNode rn) {
    String type = rn.path("type").asString("");
    if (type.isEmpty()) {
      throw new InvalidInputException("a rule in the suite JSON has no \"type\"");
    }
    List<String> columns = new ArrayList<>();
    rn.path("columns").values().forEach(c -> columns.add(c.asString()));
    Map<String, Object> params = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : rn.path("params").properties()) {
      JsonNode v = e.getValue();
      if (v.isArray()) {
        List<String> texts = new ArrayList<>();
        v.values().forEach(x -> texts.add(x.asString()));
        params.put(e.getKey(), texts);
      } else if (v.isString() && isSpecialNumber(v.stringValue()) && !"regex".equals(e.getKey())) {
        params.put(e.getKey(), Double.valueOf(v.stringValue()));
      } else {
        Object s = scalar(v);
        if (s == null) {
          throw new InvalidInputException("rule " + type + ": parameter '" + e.getKey() + "' is null or an object");
        }
        params.put(e.getKey(), s);
      }
    }
    Rule r = Rule.of(type, columns, params).withMostly(rn.path("mostly").asDouble(1.0));
    if (rn.has("where")) {
      r = r.withWhere(filterFromJson(rn.get("where")));
    }
    if (rn.has("severity") && !rn.get("severity").isNull()) {
      r = r.withSeverity(enumOf(Severity.class, rn.get("severity").asString(), "severity"));
    }
    return r.withNullPolicy(rn.path("nullsFail").asBoolean(false), rn.path("nanAsNull").asBoolean(false),
        rn.path("emptyAsNull").asBoolean(false));
  }

  private static boolean isSpecialNumber(String s) {
    return s.equals("Infinity") || s.equals("-Infinity") || s.equals("NaN");
  }
}
