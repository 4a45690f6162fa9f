package dev.mlops.validation.internal.drift;

/**
 * The two-sided two-sample Kolmogorov-Smirnov statistic of two sorted samples, from one merge in integers.
 *
 * <p>The empirical CDFs step by {@code 1/n} and {@code 1/m}; counted in units of {@code 1/(n m)} they
 * step by {@code m} and {@code n}, so the distance between them is an exact {@code long}, and D is that
 * count divided by {@code n m}, rounded once. D is read after each whole group of tied values. The upper
 * statistic is the largest distance some ordering of the values tied between the samples could reach:
 * inside a tie group the path may first take all of one sample's values, then the other's.
 *
 * @param statistic D, in {@code [0, 1]}
 * @param upperStatistic the largest D an ordering of the ties could give; equal to {@code statistic}
 *     when no tie between the samples can raise it
 */
public record KolmogorovSmirnovStatistic(double statistic, double upperStatistic) {
  /**
   * Merges two sorted samples.
   *
   * @param x the first sample, sorted ascending, finite, at least one value
   * @param y the second sample, sorted ascending, finite, at least one value
   * @return D and its upper bound over orderings of ties
   */
  public static KolmogorovSmirnovStatistic ofSorted(double[] x, double[] y) {
    int n = x.length;
    int m = y.length;
    int i = 0;
    int j = 0;
    long d = 0;
    long high = 0;
    long low = 0;
    long tieHigh = 0;
    long tieLow = 0;
    while (i < n && j < m) {
      double z = Math.min(x[i], y[j]);
      long before = d;
      int i0 = i;
      while (i < n && x[i] == z) {
        i++;
      }
      int j0 = j;
      while (j < m && y[j] == z) {
        j++;
      }
      long up = (long) (i - i0) * m;
      long down = (long) (j - j0) * n;
      d = before + up - down;
      if (up != 0 && down != 0) {
        tieHigh = Math.max(tieHigh, before + up);
        tieLow = Math.min(tieLow, before - down);
      }
      high = Math.max(high, d);
      low = Math.min(low, d);
    }
    long dnm = Math.max(high, -low);
    long upper = Math.max(dnm, Math.max(tieHigh, -tieLow));
    return new KolmogorovSmirnovStatistic(scaled(dnm, n, m), scaled(upper, n, m));
  }

  /** {@code count / (n m)} rounded once: both parts are exact after dividing by {@code gcd(n, m)}. */
  private static double scaled(long count, int n, int m) {
    long g = gcd(n, m);
    return (count / g) / ((double) n * (m / g));
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
