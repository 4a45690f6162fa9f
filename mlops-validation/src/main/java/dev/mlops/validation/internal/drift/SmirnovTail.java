package dev.mlops.validation.internal.drift;

import dev.mlops.core.InvalidInputException;
import org.apache.commons.numbers.core.DD;

/**
 * The upper tail {@code P(D_n >= x)} of the two-sided one-sample Kolmogorov-Smirnov distribution for large
 * {@code n} and {@code 2.2 <= n x^2 < 370}, by Miller's approximation {@code 2 P(D_n^+ >= x)} with the
 * one-sided tail summed exactly (Smirnov / Birnbaum-Tingey), the same quantity and formula that Commons
 * Statistics (and scipy's {@code kstwo}) evaluate there, in a few percent of the time.
 *
 * <p>The one-sided tail is {@code x} times the sum over {@code j = 0 .. n - floor(nx) - 1} of
 * {@code A_j = C(n, j) (x + j/n)^(j-1) (1 - x - j/n)^(n-j)}. Commons Statistics evaluates each of the
 * (for {@code n = 500,000}) several hundred thousand terms with two double-double powers, which makes the
 * p-value the largest part of a two-sample test on a million values a side. Here the power part
 * {@code P_j = (x + j/n)^(j-1) (1 - x - j/n)^(n-j)} is carried from one term to the next by its ratio
 * {@code P_j / P_(j-1) = u_j (u_j/u_(j-1))^(j-2) (v_j/v_(j-1))^(n-j) / v_(j-1)} (with {@code u_j = x + j/n},
 * {@code v_j = 1 - u_j}), one {@code exp} of two {@code log1p} per term, whose rounding error is about
 * {@code 1e-15}; every {@value #ANCHOR_EVERY} terms it is computed again exactly in double-double, so
 * the drift never builds up. The binomial coefficient is carried in double-double and the sum is
 * accumulated in double-double with a separate binary exponent, so neither overflows nor loses the small
 * terms. Terms stop, as in Commons Statistics, once one falls below {@code 2^-(53 + log2(N/2))} of the
 * sum. The result agrees with Commons Statistics and scipy 1.10 to about {@code 1e-13} relative
 * ({@code SmirnovTailTest} checks {@code 1e-12} against both).
 *
 * <p>Stateless and thread-safe.
 */
public final class SmirnovTail {
  /** The smallest sample size handled (Commons Statistics uses other methods up to 140). */
  static final int MIN_N = 141;

  /** The largest sample size handled (above it the limiting form is used, which is cheap anyway). */
  static final int MAX_N = 1_000_000;

  /** Terms between two exact evaluations of the power part. */
  static final int ANCHOR_EVERY = 128;

  private SmirnovTail() {}

  /**
   * Tells whether {@link #twoSidedSf} handles a point.
   *
   * @param n the sample size
   * @param x the statistic
   * @return {@code true} for {@code 141 <= n <= 1,000,000}, {@code 0 < x < 0.5} and
   *     {@code 2.2 <= n x^2 < 370}
   */
  public static boolean covers(int n, double x) {
    if (n < MIN_N || n > MAX_N || !(x > 0 && x < 0.5)) {
      return false;
    }
    double nxx = n * x * x;
    return nxx >= 2.2 && nxx < 370;
  }

  /**
   * Computes {@code P(D_n >= x)} for the two-sided one-sample Kolmogorov-Smirnov statistic.
   *
   * @param n the sample size
   * @param x the statistic
   * @return the tail probability
   * @throws InvalidInputException if {@link #covers(int, double)} is false for the point
   */
  public static double twoSidedSf(int n, double x) {
    if (!covers(n, x)) {
      throw new InvalidInputException("the Smirnov tail sum covers 141 <= n <= 1e6, 0 < x < 0.5 and "
          + "2.2 <= n x^2 < 370; got n = " + n + ", x = " + x);
    }
    return 2 * oneSidedSf(n, x);
  }

  private static double oneSidedSf(int n, double x) {
    // nx exactly; k = floor(nx), nudged up when the fraction rounds to 1 (the last term would be zero)
    DD nx = DD.ofProduct(n, x);
    int k = (int) nx.floor().hi();
    if (nx.subtract(k).hi() == 1) {
      k++;
    }
    int last = n - k - 1;
    double nxHi = nx.hi();
    double nxLo = nx.lo();
    int sumBits = 53 + (31 - Integer.numberOfLeadingZeros(Math.max(1, last >> 1)));

    long[] exp = {0};
    int[] frexp = {0};
    // A_0 = (1 - x)^n / x, the sum's first term
    DD sum = DD.ofDifference(1, x).pow(n, exp);
    long sumExp = exp[0];
    sum = sum.divide(x).frexp(frexp);
    sumExp += frexp[0];

    // the binomial coefficient C(n, j) = c 2^cExp with c in [1, 2)
    DD c = DD.ONE;
    long cExp = 0;
    // the power part P_j = p 2^pExp
    double p = 0;
    long pExp = 0;
    for (int j = 1; j <= last; j++) {
      c = c.multiply(DD.fromQuotient(n - j + 1, j));
      int b = Math.getExponent(c.hi());
      if (b != 0) {
        c = c.scalb(-b);
        cExp += b;
      }
      if ((j - 1) % ANCHOR_EVERY == 0) {
        DD s = DD.fromQuotient(j, n).add(x).pow(j - 1, exp);
        long sExp = exp[0];
        DD t = DD.fromQuotient(n - j, n).subtract(x).pow(n - j, exp);
        DD st = s.multiply(t).frexp(frexp);
        p = st.hi();
        pExp = sExp + exp[0] + frexp[0];
      } else {
        // n u_(j-1) = nx + j - 1 and n v_(j-1) = n - nx - j + 1 from the exact nx = nxHi + nxLo: each
        // rounds once relative to its own value, however small n v_(j-1) gets
        double nuPrev = (nxHi + (j - 1)) + nxLo;
        double nvPrev = ((n - j + 1) - nxHi) - nxLo;
        double ratio = (nuPrev + 1) / nvPrev
            * Math.exp((j - 2) * Math.log1p(1 / nuPrev) + (n - j) * Math.log1p(-1 / nvPrev));
        p *= ratio;
        int e = Math.getExponent(p);
        if (e > 64 || e < -64) {
          p = Math.scalb(p, -e);
          pExp += e;
        }
      }
      double term = c.hi() * p;
      long termExp = cExp + pExp + Math.getExponent(term);
      if (termExp <= sumExp + Math.getExponent(sum.hi()) - sumBits) {
        break; // the terms rise, then fall: from here on none adds to the sum
      }
      sum = sum.add(Math.scalb(term, (int) (cExp + pExp - sumExp)));
      int e = Math.getExponent(sum.hi());
      if (e > 64 || e < -64) {
        sum = sum.frexp(frexp);
        sumExp += frexp[0];
      }
    }
    double result = sum.multiply(x).scalb((int) sumExp).doubleValue();
    return Math.min(1, Math.max(0, result));
  }
}
