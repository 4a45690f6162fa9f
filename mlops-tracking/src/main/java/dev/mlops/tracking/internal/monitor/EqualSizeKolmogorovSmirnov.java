package dev.mlops.tracking.internal.monitor;

import java.util.Arrays;

/**
 * The two-sample, two-sided Kolmogorov-Smirnov test for two samples of equal size, exact as scipy's
 * {@code ks_2samp(method="exact")} computes it: the statistic is the largest gap between the two
 * right-continuous empirical distribution functions evaluated at every observed value (so ties are
 * handled as scipy handles them), and the p-value is the share of lattice paths leaving the band
 * {@code |x - y| < h}, summed with the alternating series scipy evaluates in Horner form.
 *
 * <p>KSWIN always compares two windows of the same size, which is the case scipy's {@code auto} method
 * computes exactly. Stateless and thread-safe.
 */
public final class EqualSizeKolmogorovSmirnov {
  private EqualSizeKolmogorovSmirnov() {}

  /**
   * Computes the statistic of two samples of equal size.
   *
   * @param first the first sample, sorted in place
   * @param second the second sample, sorted in place, of the same length
   * @return the statistic, in [0, 1]
   */
  public static double statistic(double[] first, double[] second) {
    Arrays.sort(first);
    Arrays.sort(second);
    int n = first.length;
    int i = 0;
    int j = 0;
    int gap = 0;
    // walk both samples in order; after consuming every copy of a value, compare the step counts
    while (i < n || j < n) {
      double value = i < n && (j >= n || first[i] <= second[j]) ? first[i] : second[j];
      while (i < n && first[i] == value) {
        i++;
      }
      while (j < n && second[j] == value) {
        j++;
      }
      gap = Math.max(gap, Math.abs(i - j));
    }
    return (double) gap / n;
  }

  /**
   * The exact two-sided p-value {@code P(D >= d)} for samples of size {@code n}.
   *
   * @param n the size of each sample, at least 1
   * @param statistic the statistic
   * @return the p-value, in [0, 1]
   */
  public static double pValue(int n, double statistic) {
    int h = (int) Math.rint(statistic * n);
    if (h == 0) {
      return 1.0;
    }
    double p = 0.0;
    for (int k = n / h; k >= 0; k--) {
      double term = 1.0;
      for (int j = 0; j < h; j++) {
        term = (n - (double) k * h - j) * term / (n + (double) k * h + j + 1);
      }
      p = term * (1.0 - p);
    }
    return Math.min(1.0, Math.max(0.0, 2 * p));
  }
}
