package dev.mlops.validation.internal.drift;

/**
 * Distances and divergences between two histograms over the same bins, each normalized to proportions
 * first, with scipy's conventions for empty bins ({@code 0 log 0 = 0}, {@code p log(p / 0) = inf}).
 *
 * <p>Stateless and thread-safe. Arguments are checked by the caller: same length, non-negative, positive
 * sums.
 */
public final class HistogramDistances {
  private HistogramDistances() {}

  private static double[] normalize(double[] w, double sum) {
    double[] p = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      p[i] = w[i] / sum;
    }
    return p;
  }

  /** scipy.special.rel_entr. */
  private static double relativeEntropy(double x, double y) {
    if (x > 0 && y > 0) {
      return x * Math.log(x / y);
    }
    if (x == 0 && y >= 0) {
      return 0.0;
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Population stability index {@code sum((q - p) ln(q / p))}; bins empty on both sides add nothing.
   *
   * @param ref reference weights
   * @param refSum their sum
   * @param cur current weights
   * @param curSum their sum
   * @return the PSI, infinite when a bin is empty on exactly one side
   */
  public static double psi(double[] ref, double refSum, double[] cur, double curSum) {
    double[] p = normalize(ref, refSum);
    double[] q = normalize(cur, curSum);
    double s = 0.0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0 && q[i] == 0) {
        continue;
      }
      s += (q[i] - p[i]) * Math.log(q[i] / p[i]);
    }
    return s;
  }

  /**
   * {@code KL(p || q)} in the given log base, as {@code scipy.stats.entropy(p, q, base)}.
   *
   * @param ref reference weights (p)
   * @param refSum their sum
   * @param cur current weights (q)
   * @param curSum their sum
   * @param base the logarithm base
   * @return the divergence
   */
  public static double kl(double[] ref, double refSum, double[] cur, double curSum, double base) {
    double[] p = normalize(ref, refSum);
    double[] q = normalize(cur, curSum);
    double s = 0.0;
    for (int i = 0; i < p.length; i++) {
      s += relativeEntropy(p[i], q[i]);
    }
    return s / Math.log(base);
  }

  /**
   * Jensen-Shannon distance in the given base, as {@code scipy.spatial.distance.jensenshannon}.
   *
   * @param ref reference weights
   * @param refSum their sum
   * @param cur current weights
   * @param curSum their sum
   * @param base the logarithm base
   * @return the distance, the square root of the divergence
   */
  public static double jensenShannon(double[] ref, double refSum, double[] cur, double curSum, double base) {
    double[] p = normalize(ref, refSum);
    double[] q = normalize(cur, curSum);
    double left = 0.0;
    double right = 0.0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2.0;
      left += relativeEntropy(p[i], m);
      right += relativeEntropy(q[i], m);
    }
    double js = (left + right) / Math.log(base);
    return Math.sqrt(js / 2.0);
  }

  /**
   * Hellinger distance {@code ||sqrt(p) - sqrt(q)||_2 / sqrt(2)}, in [0, 1].
   *
   * @param ref reference weights
   * @param refSum their sum
   * @param cur current weights
   * @param curSum their sum
   * @return the distance
   */
  public static double hellinger(double[] ref, double refSum, double[] cur, double curSum) {
    double[] p = normalize(ref, refSum);
    double[] q = normalize(cur, curSum);
    double s = 0.0;
    for (int i = 0; i < p.length; i++) {
      double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
      s += d * d;
    }
    return Math.sqrt(s) / Math.sqrt(2.0);
  }

  /**
   * Largest absolute difference of proportions.
   *
   * @param ref reference weights
   * @param refSum their sum
   * @param cur current weights
   * @param curSum their sum
   * @return the L-infinity distance
   */
  public static double lInfinity(double[] ref, double refSum, double[] cur, double curSum) {
    double[] p = normalize(ref, refSum);
    double[] q = normalize(cur, curSum);
    double max = 0.0;
    for (int i = 0; i < p.length; i++) {
      max = Math.max(max, Math.abs(p[i] - q[i]));
    }
    return max;
  }
}
