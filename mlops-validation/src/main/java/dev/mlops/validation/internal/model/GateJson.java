package dev.mlops.validation.internal.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.json.ValidationJson;
import dev.mlops.validation.model.GateResult;
import dev.mlops.validation.model.GateStatus;
import dev.mlops.validation.model.ModelGate;
import dev.mlops.validation.model.Requirement;
import dev.mlops.validation.model.RequirementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON forms of model gates ({@value #GATE_SCHEMA}) and their results ({@value #RESULT_SCHEMA}), written
 * with Jackson's tree model, no polymorphism. Stateless and thread-safe.
 */
public final class GateJson {
  /** The schema tag of gate JSON. */
  public static final String GATE_SCHEMA = "mlops.validation.model-gate/v1";
  /** The schema tag of gate result JSON. */
  public static final String RESULT_SCHEMA = "mlops.validation.model-gate-result/v1";

  private GateJson() {}

  /**
   * Writes a gate.
   *
   * @param gate the gate
   * @return pretty-printed JSON
   */
  public static String gateToJson(ModelGate gate) {
    ObjectNode root = ValidationJson.MAPPER.createObjectNode();
    root.put("schema", GATE_SCHEMA);
    root.put("name", gate.name());
    root.put("threshold", gate.threshold());
    root.put("minSliceSize", gate.minSliceSize());
    root.put("confidence", gate.confidence());
    root.put("resamples", gate.resamples());
    root.put("seed", gate.seed());
    ArrayNode rs = root.putArray("requirements");
    for (Requirement r : gate.requirements()) {
      requirement(rs.addObject(), r);
    }
    return ValidationJson.write(root);
  }

  private static void requirement(ObjectNode n, Requirement r) {
    n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    n.put("metric", r.metric());
    if (r.column() != null) {
      n.put("column", r.column());
    }
    n.put(r.kind() == Requirement.Kind.CHAMPION ? "margin" : r.atLeast() ? "atLeast" : "atMost", r.bound());
    if (r.kind() == Requirement.Kind.CHAMPION) {
      n.put("higherIsBetter", r.atLeast());
    }
  }

  /**
   * Reads a gate.
   *
   * @param json the text
   * @return the gate
   * @throws InvalidInputException if malformed
   */
  public static ModelGate gateFromJson(String json) {
    JsonNode root = ValidationJson.read(json, GATE_SCHEMA);
    ModelGate.Builder b = ModelGate.builder(text(root, "name", "gate"))
        .threshold(number(root, "threshold", "gate"))
        .minSliceSize(root.path("minSliceSize").asInt(1))
        .confidence(number(root, "confidence", "gate"))
        .resamples(root.path("resamples").asInt(1000))
        .seed(root.path("seed").asLong(0));
    JsonNode rs = root.path("requirements");
    for (int i = 0; i < rs.size(); i++) {
      b.require(requirementFrom(rs.get(i), "requirements[" + i + "]"));
    }
    return b.build();
  }

  private static Requirement requirementFrom(JsonNode n, String where) {
    Requirement.Kind kind;
    try {
      kind = Requirement.Kind.valueOf(text(n, "kind", where).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where + ": unknown kind '" + n.path("kind").asString("") + "'");
    }
    String column = n.hasNonNull("column") ? n.get("column").asString() : null;
    if (kind == Requirement.Kind.CHAMPION) {
      return new Requirement(kind, text(n, "metric", where), column, n.path("higherIsBetter").asBoolean(true),
          number(n, "margin", where));
    }
    boolean atLeast = n.has("atLeast");
    if (atLeast == n.has("atMost")) {
      throw new InvalidInputException(where + ": exactly one of atLeast and atMost is needed");
    }
    return new Requirement(kind, text(n, "metric", where), column, atLeast, number(n, atLeast ? "atLeast" : "atMost", where));
  }

  /**
   * Writes a gate result.
   *
   * @param result the result
   * @return pretty-printed JSON
   */
  public static String resultToJson(GateResult result) {
    ObjectNode root = ValidationJson.MAPPER.createObjectNode();
    root.put("schema", RESULT_SCHEMA);
    root.put("gate", result.gate());
    root.put("status", result.status().name());
    ArrayNode rs = root.putArray("requirements");
    for (RequirementResult r : result.requirements()) {
      ObjectNode n = rs.addObject();
      requirement(n.putObject("requirement"), r.requirement());
      n.put("status", r.status().name());
      ValidationJson.putNumber(n, "observed", r.observed());
      n.put("reason", r.reason());
    }
    return ValidationJson.write(root);
  }

  /**
   * Reads a gate result.
   *
   * @param json the text
   * @return the result
   * @throws InvalidInputException if malformed
   */
  public static GateResult resultFromJson(String json) {
    JsonNode root = ValidationJson.read(json, RESULT_SCHEMA);
    List<RequirementResult> out = new ArrayList<>();
    JsonNode rs = root.path("requirements");
    for (int i = 0; i < rs.size(); i++) {
      JsonNode n = rs.get(i);
      String where = "requirements[" + i + "]";
      Double observed = ValidationJson.readNumber(n.get("observed"));
      out.add(new RequirementResult(requirementFrom(n.path("requirement"), where), status(n, where),
          observed == null ? Double.NaN : observed, text(n, "reason", where)));
    }
    return new GateResult(text(root, "gate", "result"), status(root, "result"), out);
  }

  private static GateStatus status(JsonNode n, String where) {
    try {
      return GateStatus.valueOf(text(n, "status", where));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where + ": unknown status '" + n.path("status").asString("") + "'");
    }
  }

  private static String text(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null || !v.isString()) {
      throw new InvalidInputException(where + ": \"" + key + "\" must be a string");
    }
    return v.asString();
  }

  private static double number(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null || !v.isNumber()) {
      throw new InvalidInputException(where + ": \"" + key + "\" must be a number");
    }
    return v.asDouble();
  }
}
