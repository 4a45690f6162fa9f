package dev.mlops.validation.drift;

/**
 * The statistic or test behind a drift result, named after what it computes.
 *
 * <p>Each constant says whether it is a hypothesis test ({@link #hasPValue()}) and whether a larger
 * statistic means more drift ({@link #largerMeansMoreDrift()}); the tests whose statistic is signed
 * (t, z, Mann-Whitney U, odds ratio) answer {@code false}.
 */
public enum DriftMethod {
  /** Two-sample Kolmogorov-Smirnov D, the largest distance between the two empirical CDFs. */
  KOLMOGOROV_SMIRNOV(true, true),
  /** First Wasserstein (earth mover's) distance between the empirical distributions. */
  WASSERSTEIN(false, true),
  /** Wasserstein distance divided by the reference's population standard deviation. */
  WASSERSTEIN_NORMALIZED(false, true),
  /** Energy distance, {@code sqrt(2)} times the L2 distance between the empirical CDFs. */
  ENERGY_DISTANCE(false, true),
  /** Standardized k-sample Anderson-Darling statistic (Scholz and Stephens 1987). */
  ANDERSON_DARLING(true, true),
  /** Two-sample Cramer-von Mises T (Anderson 1962). */
  CRAMER_VON_MISES(true, true),
  /** Pearson's chi-square test of independence on a contingency table. */
  CHI_SQUARE(true, true),
  /** Likelihood-ratio G-test of independence on a contingency table. */
  G_TEST(true, true),
  /** Fisher's exact test on a 2x2 table; the statistic is the sample odds ratio. */
  FISHER_EXACT(true, false),
  /** Two-proportion z-test with pooled variance; the statistic is z. */
  Z_TEST_PROPORTIONS(true, false),
  /** Student's two-sample t-test with pooled variance. */
  T_TEST_STUDENT(true, false),
  /** Welch's two-sample t-test with unequal variances. */
  T_TEST_WELCH(true, false),
  /** Mann-Whitney U test; the statistic is U of the reference. */
  MANN_WHITNEY(true, false),
  /** Population stability index on binned proportions. */
  PSI(false, true),
  /** Kullback-Leibler divergence of the reference from the current proportions. */
  KL_DIVERGENCE(false, true),
  /** Jensen-Shannon distance (square root of the divergence) in an explicit log base. */
  JENSEN_SHANNON(false, true),
  /** Hellinger distance between binned proportions, in [0, 1]. */
  HELLINGER(false, true),
  /** Largest absolute difference between binned proportions (L-infinity). */
  L_INFINITY(false, true);

  private final boolean pValue;
  private final boolean monotone;

  DriftMethod(boolean pValue, boolean monotone) {
    this.pValue = pValue;
    this.monotone = monotone;
  }

  /**
   * Tells whether this method is a hypothesis test that yields a p-value.
   *
   * @return {@code true} for tests, {@code false} for distances and divergences
   */
  public boolean hasPValue() {
    return pValue;
  }

  /**
   * Tells whether a larger statistic always means more drift (distances, D, chi-square).
   *
   * @return {@code false} for signed statistics such as t, z, U and the odds ratio
   */
  public boolean largerMeansMoreDrift() {
    return monotone;
  }
}
