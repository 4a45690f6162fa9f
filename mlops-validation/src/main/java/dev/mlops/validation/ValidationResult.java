package dev.mlops.validation;

import dev.mlops.validation.internal.json.ValidationJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of running a {@link ValidationSuite}: the overall {@link ValidationStatus} and one
 * {@link RuleResult} per rule, in suite order. Immutable and thread-safe.
 */
public final class ValidationResult {
  private final String suite;
  private final ValidationStatus status;
  private final List<RuleResult> results;

  /**
   * Creates a result.
   *
   * @param suite the suite name
   * @param status the overall status
   * @param results the per-rule results
   */
  public ValidationResult(String suite, ValidationStatus status, List<RuleResult> results) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.status = Objects.requireNonNull(status, "status");
    this.results = List.copyOf(results);
  }

  /**
   * Returns the suite name.
   *
   * @return the name
   */
  public String suite() {
    return suite;
  }

  /**
   * Returns the overall status.
   *
   * @return PASSED, WARNING or FAILED
   */
  public ValidationStatus status() {
    return status;
  }

  /**
   * Returns one result per rule, in suite order.
   *
   * @return an immutable list
   */
  public List<RuleResult> results() {
    return results;
  }

  /**
   * Returns the results whose status is not {@link RuleStatus#PASSED}.
   *
   * @return an immutable list
   */
  public List<RuleResult> problems() {
    List<RuleResult> out = new ArrayList<>();
    for (RuleResult r : results) {
      if (r.status() != RuleStatus.PASSED) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Writes the result as JSON ({@code {"schema": "mlops.validation.result/v1", "suite", "status", "results": [...]}};
   * NaN and infinite observed values are written as strings {@code "NaN"}, {@code "Infinity"}).
   *
   * @return the JSON text
   */
  public String toJson() {
    return ValidationJson.resultToJson(this);
  }

  /**
   * Returns a multi-line human summary: the status, then one line per rule.
   *
   * @return the text
   */
  public String summary() {
    StringBuilder sb = new StringBuilder("suite '").append(suite).append("': ").append(status).append('\n');
    for (RuleResult r : results) {
      sb.append("  [").append(r.status()).append("] ").append(r.check()).append(": ").append(r.rule())
          .append(" -- ").append(r.message()).append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
