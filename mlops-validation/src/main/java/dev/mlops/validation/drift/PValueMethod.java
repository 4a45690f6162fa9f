package dev.mlops.validation.drift;

/**
 * How a p-value was obtained, so that a reader can judge it.
 */
public enum PValueMethod {
  /** From the exact null distribution of the statistic (permutation or hypergeometric counting). */
  EXACT,
  /** From a limiting or approximating distribution (normal, chi-square, Kolmogorov, Cramer-von Mises). */
  ASYMPTOTIC,
  /** Interpolated in a table of critical values (k-sample Anderson-Darling); may be clipped to its range. */
  INTERPOLATED,
  /** The measure is a distance or divergence and defines no p-value. */
  NONE
}
