package dev.mlops.validation.model;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.json.CanonicalJson;
import dev.mlops.validation.internal.model.GateJson;
import java.util.List;
import java.util.Objects;

/**
 * The verdict of a {@link ModelGate}: passed if no requirement failed, with every requirement's observed
 * value and reason. Written to JSON with {@link #toJson()} and identified by {@link #digest()}, the
 * SHA-256 of its canonical JSON, which a {@link Promotion} records. Immutable and thread-safe.
 *
 * @param gate the gate's name
 * @param status {@link GateStatus#PASSED} or {@link GateStatus#FAILED}
 * @param requirements each requirement's result, in the gate's order
 */
public record GateResult(String gate, GateStatus status, List<RequirementResult> requirements) {
  /** The domain tag of {@link #digest()}. */
  public static final String DIGEST_DOMAIN = "mlops.model.gate.result.v1";

  /**
   * Copies the requirements.
   *
   * @param gate the gate's name
   * @param status {@link GateStatus#PASSED} or {@link GateStatus#FAILED}
   * @param requirements each requirement's result, in the gate's order
   */
  public GateResult {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(status, "status");
    requirements = List.copyOf(requirements);
  }

  /** @return true if the gate passed */
  public boolean passed() {
    return status == GateStatus.PASSED;
  }

  /** @return the failed requirements */
  public List<RequirementResult> failures() {
    return requirements.stream().filter(r -> r.status() == GateStatus.FAILED).toList();
  }

  /** @return the result as pretty-printed JSON ({@value GateJson#RESULT_SCHEMA}) */
  public String toJson() {
    return GateJson.resultToJson(this);
  }

  /**
   * Reads a result written by {@link #toJson()}.
   *
   * @param json the JSON text
   * @return the result
   * @throws dev.mlops.core.InvalidInputException if malformed or of another schema
   */
  public static GateResult fromJson(String json) {
    return GateJson.resultFromJson(json);
  }

  /** @return the SHA-256 of this result's canonical JSON under {@value #DIGEST_DOMAIN} */
  public Digest digest() {
    return CanonicalJson.digestJson(DIGEST_DOMAIN, toJson());
  }

  /** @return a multi-line summary: the status, then one line per requirement */
  public String summary() {
    StringBuilder s = new StringBuilder("gate ").append(gate).append(": ").append(status).append('\n');
    for (RequirementResult r : requirements) {
      s.append("  ").append(r.status()).append("  ").append(r.requirement().describe()).append(" - ")
          .append(r.reason()).append('\n');
    }
    return s.toString();
  }
}
