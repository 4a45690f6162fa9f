package dev.mlops.validation.model;

import java.util.Objects;

/**
 * How one requirement of a gate fared.
 *
 * @param requirement the requirement
 * @param status passed, failed or skipped
 * @param observed the value compared with the bound: the metric, the worst slice's value, the fairness
 *     metric, or for a champion requirement the end of the difference's confidence interval on the
 *     challenger's unfavourable side; NaN when skipped
 * @param reason a sentence saying what was compared and why it passed, failed or was skipped
 */
public record RequirementResult(Requirement requirement, GateStatus status, double observed, String reason) {
  /**
   * Checks the components.
   *
   * @param requirement the requirement
   * @param status passed, failed or skipped
   * @param observed the value compared with the bound: the metric, the worst slice's value, the fairness
   *     metric, or for a champion requirement the end of the difference's confidence interval on the
   *     challenger's unfavourable side; NaN when skipped
   * @param reason a sentence saying what was compared and why it passed, failed or was skipped
   */
  public RequirementResult {
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }
}
