package dev.mlops.validation.drift;

/**
 * Which p-value a caller asks for when a test offers both an exact and an asymptotic one.
 */
public enum PValueMode {
  /** Let the test choose by sample size and ties, as scipy's {@code method='auto'} does. */
  AUTO,
  /** The exact null distribution; refused with an error when it is too large to enumerate. */
  EXACT,
  /** The limiting distribution. */
  ASYMPTOTIC
}
