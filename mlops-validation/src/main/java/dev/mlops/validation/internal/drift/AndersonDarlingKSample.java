package dev.mlops.validation.internal.drift;

import java.util.Arrays;

/**
 * The k-sample Anderson-Darling test of Scholz and Stephens (1987), with the semantics of scipy's
 * {@code anderson_ksamp}: the midrank statistic A2akN for data with ties (or the right-continuous A2kN),
 * standardized as {@code (A2 - (k - 1)) / sigma}, and a p-value interpolated in the quadratic fit of the
 * log significance levels 0.25 ... 0.001 against the critical values of Table 2, clipped to that range.
 *
 * <p>Stateless and thread-safe.
 */
public final class AndersonDarlingKSample {
  private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
  private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
  private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
  private static final double[] SIGNIFICANCE = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

  /** The largest p-value the interpolation reports; larger true values are clipped to it. */
  public static final double P_CAP = 0.25;
  /** The smallest p-value the interpolation reports; smaller true values are clipped to it. */
  public static final double P_FLOOR = 0.001;

  private AndersonDarlingKSample() {}

  /**
   * The standardized statistic, its p-value and whether the p-value was clipped.
   *
   * @param statistic the standardized statistic
   * @param pValue the interpolated p-value in [0.001, 0.25]
   * @param clipped whether the true p-value lies outside the interpolation range
   */
  public record Outcome(double statistic, double pValue, boolean clipped) {}

  /**
   * Runs the test on sorted samples.
   *
   * @param sorted k &gt;= 2 samples, each sorted ascending and non-empty, with at least two distinct
   *     values in total
   * @param midrank {@code true} for the midrank version (scipy's default), {@code false} for the
   *     right-continuous one
   * @return the outcome
   */
  public static Outcome test(double[][] sorted, boolean midrank) {
    int k = sorted.length;
    int total = 0;
    for (double[] s : sorted) {
      total += s.length;
    }
    double[] pooled = new double[total];
    int at = 0;
    for (double[] s : sorted) {
      System.arraycopy(s, 0, pooled, at, s.length);
      at += s.length;
    }
    Arrays.sort(pooled);
    double[] distinct = new double[total];
    int[] counts = new int[total];
    int m = 0;
    for (int i = 0; i < total; ) {
      int j = i;
      while (j < total && pooled[j] == pooled[i]) {
        j++;
      }
      distinct[m] = pooled[i];
      counts[m] = j - i;
      m++;
      i = j;
    }
    double bigN = total;
    double a2 = unstandardized(sorted, distinct, counts, m, bigN, midrank);

    double harmonic = 0.0;
    for (double[] s : sorted) {
      harmonic += 1.0 / s.length;
    }
    double cumulative = 0.0;
    double g = 0.0;
    for (int j = 0; j < total - 2; j++) {
      cumulative += 1.0 / (total - 1 - j);
      g += cumulative / (j + 2);
    }
    double h = cumulative + 1.0;
    double kk = k;
    double a = (4 * g - 6) * (kk - 1) + (10 - 6 * g) * harmonic;
    double b = (2 * g - 4) * kk * kk + 8 * h * kk + (2 * g - 14 * h - 4) * harmonic - 8 * h + 4 * g - 6;
    double c = (6 * h + 2 * g - 2) * kk * kk + (4 * h - 4 * g + 6) * kk + (2 * h - 6) * harmonic + 4 * h;
    double d = (2 * h + 6) * kk * kk - 4 * h * kk;
    double sigmaSq = (a * bigN * bigN * bigN + b * bigN * bigN + c * bigN + d)
        / ((bigN - 1.0) * (bigN - 2.0) * (bigN - 3.0));
    double dof = k - 1;
    double statistic = (a2 - dof) / Math.sqrt(sigmaSq);

    double[] critical = new double[B0.length];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < critical.length; i++) {
      critical[i] = B0[i] + B1[i] / Math.sqrt(dof) + B2[i] / dof;
      min = Math.min(min, critical[i]);
      max = Math.max(max, critical[i]);
    }
    if (statistic < min) {
      return new Outcome(statistic, P_CAP, true);
    }
    if (statistic > max) {
      return new Outcome(statistic, P_FLOOR, true);
    }
    double[] logSig = new double[SIGNIFICANCE.length];
    for (int i = 0; i < logSig.length; i++) {
      logSig[i] = Math.log(SIGNIFICANCE[i]);
    }
    double[] coef = QuadraticFit.fit(critical, logSig);
    double p = Math.exp((coef[0] * statistic + coef[1]) * statistic + coef[2]);
    return new Outcome(statistic, p, false);
  }

  /** A2akN (midrank, scipy's {@code _anderson_ksamp_midrank}) or A2kN ({@code _anderson_ksamp_right}). */
  private static double unstandardized(double[][] sorted, double[] distinct, int[] counts, int m,
      double bigN, boolean midrank) {
    double sum = 0.0;
    for (double[] s : sorted) {
      double n = s.length;
      double inner = 0.0;
      int pos = 0;
      long cumulative = 0;
      for (int j = 0; j < (midrank ? m : m - 1); j++) {
        double z = distinct[j];
        while (pos < s.length && s[pos] < z) {
          pos++;
        }
        int lessThan = pos;
        while (pos < s.length && s[pos] == z) {
          pos++;
        }
        double lj = counts[j];
        double diff;
        double denominator;
        if (midrank) {
          double bj = cumulative + lj / 2.0;
          diff = bigN * (pos - (pos - lessThan) / 2.0) - bj * n;
          denominator = bj * (bigN - bj) - bigN * lj / 4.0;
        } else {
          double bj = cumulative + lj;
          diff = bigN * pos - bj * n;
          denominator = bj * (bigN - bj);
        }
        inner += lj / bigN * diff * diff / denominator;
        cumulative += counts[j];
      }
      sum += inner / n;
    }
    return midrank ? sum * (bigN - 1.0) / bigN : sum;
  }
}
