package dev.mlops.validation.internal.drift;

import dev.mlops.core.InvalidInputException;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Mann-Whitney U test with the semantics of scipy's {@code mannwhitneyu}: U of the first sample from
 * midranks, the normal approximation with tie correction and optional continuity correction, and the
 * exact null distribution (for samples without ties) from the Gaussian binomial coefficients.
 *
 * <p>Stateless and thread-safe.
 */
public final class MannWhitneyU {
  /** scipy's {@code auto} uses the exact p-value when a sample has at most this many values. */
  public static final int AUTO_EXACT_MAX_SIZE = 8;
  /** The exact distribution is refused above this many support points times the smaller size. */
  public static final long EXACT_MAX_WORK = 200_000_000L;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private MannWhitneyU() {}

  /**
   * U of the first sample and the tie term {@code sum(t^3 - t)} over tie groups.
   *
   * @param u1 U of the first sample
   * @param tieTerm the tie correction term
   */
  public record Statistic(double u1, double tieTerm) {}

  /**
   * Computes U of the first sample from the tie groups of two sorted samples.
   *
   * @param groups the tie groups
   * @return the statistic and tie term
   */
  public static Statistic statistic(TiedGroups groups) {
    double rankSumX = 0.0;
    double tieTerm = 0.0;
    long start = 0;
    for (int g = 0; g < groups.size(); g++) {
      long size = (long) groups.countX(g) + groups.countY(g);
      rankSumX += groups.countX(g) * (start + (size + 1) / 2.0);
      double t = size;
      tieTerm += t * t * t - t;
      start += size;
    }
    double n1 = groups.nx();
    return new Statistic(rankSumX - n1 * (n1 + 1) / 2, tieTerm);
  }

  /**
   * The normal-approximation survival probability {@code P(U >= u)} with tie correction.
   *
   * @param u the statistic being tested
   * @param n1 the first size
   * @param n2 the second size
   * @param tieTerm the tie term
   * @param continuity whether to subtract 0.5 from {@code u - mu}
   * @return the one-sided p-value (1 when all values are tied)
   */
  public static double asymptoticSf(double u, long n1, long n2, double tieTerm, boolean continuity) {
    double mu = (double) n1 * n2 / 2;
    double n = n1 + n2;
    double s = Math.sqrt((double) n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
    double numerator = u - mu;
    if (continuity) {
      numerator -= 0.5;
    }
    double z = numerator / s;
    if (Double.isNaN(z)) {
      return 1.0;
    }
    return STANDARD_NORMAL.survivalProbability(z);
  }

  /**
   * The exact survival probability {@code P(U >= u)} for samples without ties.
   *
   * @param u the statistic, truncated to an integer as scipy does
   * @param n1 the first size
   * @param n2 the second size
   * @return the one-sided p-value
   * @throws InvalidInputException if the distribution is too large to enumerate
   */
  public static double exactSf(double u, int n1, int n2) {
    int m = Math.min(n1, n2);
    int n = Math.max(n1, n2);
    long support = (long) m * n;
    if (support * m > EXACT_MAX_WORK) {
      throw new InvalidInputException("exact Mann-Whitney distribution for sizes " + n1 + " and " + n2
          + " needs more than " + EXACT_MAX_WORK + " steps; use the asymptotic method");
    }
    double[] counts = gaussianBinomial(m, n);
    long k = support - (long) u;
    if (k < 0) {
      return 0.0;
    }
    double total = 0.0;
    for (int i = 0; i <= Math.min(k, support); i++) {
      total += counts[i];
    }
    return total / binomial(m + n, m);
  }

  /** Coefficients of the Gaussian binomial [m+n choose m]_q: counts of arrangements by U. */
  private static double[] gaussianBinomial(int m, int n) {
    int degree = m * n;
    double[] c = new double[degree + 1];
    c[0] = 1.0;
    int current = 0;
    for (int i = 1; i <= m; i++) {
      int shift = n + i;
      int newDegree = current + n;
      for (int j = newDegree; j >= shift; j--) {
        c[j] -= c[j - shift];
      }
      for (int j = i; j <= newDegree; j++) {
        c[j] += c[j - i];
      }
      current = newDegree;
    }
    return c;
  }

  private static double binomial(int n, int k) {
    double r = 1.0;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r;
  }
}
