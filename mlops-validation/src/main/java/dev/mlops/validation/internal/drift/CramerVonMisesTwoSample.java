package dev.mlops.validation.internal.drift;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The two-sample Cramer-von Mises test (Anderson 1962) with the semantics of scipy's
 * {@code cramervonmises_2samp}: midranks for ties, T from U, the exact p-value by the lattice-path
 * frequency recursion of Xiao, Gordon and Yakovlev (2006), and the asymptotic p-value from the limiting
 * distribution of the one-sample statistic after standardizing T by its exact mean and variance.
 *
 * <p>Stateless and thread-safe.
 */
public final class CramerVonMisesTwoSample {
  /** scipy's {@code auto} uses the exact p-value when both samples have at most this many values. */
  public static final int AUTO_EXACT_MAX_SIZE = 20;
  /** The exact recursion is refused above this product of the sample sizes (it grows too fast). */
  public static final long EXACT_MAX_PRODUCT = 400;

  private CramerVonMisesTwoSample() {}

  /**
   * The statistic T and the U it is computed from.
   *
   * @param t the statistic T
   * @param u the rank statistic U of Anderson's equation 10
   */
  public record Statistic(double t, double u) {}

  /**
   * Computes T and U from two sorted samples.
   *
   * @param groups the tie groups of the two sorted samples
   * @return the statistic
   */
  public static Statistic statistic(TiedGroups groups) {
    long nx = groups.nx();
    long ny = groups.ny();
    double sumX = 0.0;
    double sumY = 0.0;
    long rankStart = 0;
    long ix = 0;
    long iy = 0;
    for (int g = 0; g < groups.size(); g++) {
      int cx = groups.countX(g);
      int cy = groups.countY(g);
      long size = cx + cy;
      double midrank = rankStart + (size + 1) / 2.0;
      for (int i = 0; i < cx; i++) {
        ix++;
        double d = midrank - ix;
        sumX += d * d;
      }
      for (int i = 0; i < cy; i++) {
        iy++;
        double d = midrank - iy;
        sumY += d * d;
      }
      rankStart += size;
    }
    double u = nx * sumX + ny * sumY;
    double k = (double) nx * ny;
    double bigN = nx + ny;
    double t = u / (k * bigN) - (4 * k - 1) / (6 * bigN);
    return new Statistic(t, u);
  }

  /**
   * The asymptotic p-value of T.
   *
   * @param t the statistic
   * @param nx the first sample size
   * @param ny the second sample size
   * @return the p-value
   */
  public static double asymptoticP(double t, long nx, long ny) {
    double bigN = nx + ny;
    double k = (double) nx * ny;
    double et = (1 + 1 / bigN) / 6;
    double vt = (bigN + 1) * (4 * k * bigN - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k);
    vt = vt / (45 * bigN * bigN * 4 * k);
    double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
    if (tn < 0.003) {
      return 1.0;
    }
    return Math.max(0.0, 1.0 - limitingCdf(tn));
  }

  /**
   * The CDF of the limiting Cramer-von Mises distribution (Csorgo and Faraway 1996, eq. 1.2), summed
   * until a term falls below 1e-7 as scipy does.
   *
   * @param x the argument, positive
   * @return the CDF
   */
  static double limitingCdf(double x) {
    double total = 0.0;
    double piPow = Math.pow(Math.PI, 1.5);
    for (int k = 0; ; k++) {
      double u = Math.exp(LogGamma.value(k + 0.5) - LogGamma.value(k + 1.0)) / (piPow * Math.sqrt(x));
      double y = 4.0 * k + 1;
      double q = y * y / (16 * x);
      double z = u * Math.sqrt(y) * ModifiedBesselK.quarterOrderScaled(q);
      total += z;
      if (!(Math.abs(z) >= 1e-7)) {
        return total;
      }
    }
  }

  /**
   * The exact p-value {@code P(U >= u)} over all equally likely arrangements.
   *
   * @param u the rank statistic U (may be fractional with ties, then floored like scipy)
   * @param m the first sample size
   * @param n the second sample size
   * @return the p-value
   */
  public static double exactP(double u, int m, int n) {
    long lcm = (long) m / gcd(m, n) * n;
    long a = lcm / m;
    long b = lcm / n;
    long mn = (long) m * n;
    double numerator = (double) (lcm * lcm * (m + n)) * (6 * u - (double) (mn * (4 * mn - 1)));
    double zeta = pythonFloorDiv(numerator, 6.0 * mn * mn);
    // gs[v]: sorted distinct values and their frequencies of g_{u,v}
    long[][] values = new long[m + 1][];
    long[][] freqs = new long[m + 1][];
    for (int v = 0; v <= m; v++) {
      values[v] = v == 0 ? new long[] {0} : new long[0];
      freqs[v] = v == 0 ? new long[] {1} : new long[0];
    }
    for (int row = 0; row <= n; row++) {
      long[] tmpValues = new long[0];
      long[] tmpFreqs = new long[0];
      for (int v = 0; v <= m; v++) {
        long[][] merged = mergeSum(tmpValues, tmpFreqs, values[v], freqs[v]);
        long shift = (a * v - b * row) * (a * v - b * row);
        long[] shifted = merged[0];
        for (int i = 0; i < shifted.length; i++) {
          shifted[i] += shift;
        }
        tmpValues = shifted;
        tmpFreqs = merged[1];
        values[v] = tmpValues;
        freqs[v] = tmpFreqs;
      }
    }
    long count = 0;
    long[] last = values[m];
    for (int i = 0; i < last.length; i++) {
      if (last[i] >= zeta) {
        count += freqs[m][i];
      }
    }
    return count / binomial(m + n, m);
  }

  private static long[][] mergeSum(long[] av, long[] af, long[] bv, long[] bf) {
    long[] v = new long[av.length + bv.length];
    long[] f = new long[v.length];
    int i = 0;
    int j = 0;
    int o = 0;
    while (i < av.length || j < bv.length) {
      if (j >= bv.length || (i < av.length && av[i] < bv[j])) {
        v[o] = av[i];
        f[o++] = af[i++];
      } else if (i >= av.length || bv[j] < av[i]) {
        v[o] = bv[j];
        f[o++] = bf[j++];
      } else {
        v[o] = av[i];
        f[o++] = af[i++] + bf[j++];
      }
    }
    return new long[][] {Arrays.copyOf(v, o), Arrays.copyOf(f, o)};
  }

  private static double binomial(int n, int k) {
    double r = 1.0;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return Math.rint(r);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** Python's and numpy's float floor division, which rounds a near-integer quotient to nearest. */
  static double pythonFloorDiv(double a, double b) {
    double mod = a % b;
    double div = (a - mod) / b;
    if (mod != 0.0 && ((b < 0) != (mod < 0))) {
      div -= 1.0;
    }
    if (div != 0.0) {
      double floor = Math.floor(div);
      if (div - floor > 0.5) {
        floor += 1.0;
      }
      return floor;
    }
    return Math.copySign(0.0, a / b);
  }
}
