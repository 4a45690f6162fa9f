package dev.mlops.validation;

/** How much a failed rule matters: an {@link #ERROR} fails the suite, a {@link #WARNING} only warns. */
public enum Severity {
  /** A failure makes the suite {@link ValidationStatus#FAILED}. */
  ERROR,
  /** A failure makes the suite {@link ValidationStatus#WARNING} at worst. */
  WARNING
}
