package dev.mlops.validation;

/** The outcome of one rule on one table. */
public enum RuleStatus {
  /** The observed value met the rule. */
  PASSED,
  /** The observed value broke the rule (or the rule could not apply, e.g. a missing column). */
  FAILED,
  /**
   * Nothing to judge: zero rows (after the {@code where} filter), or a value rule on a column whose values
   * are all null. Table-level rules (size, columns, types) are never {@code NO_DATA}.
   */
  NO_DATA,
  /** An approximate metric's error bound straddles a threshold, so the rule cannot say pass or fail. */
  INCONCLUSIVE
}
