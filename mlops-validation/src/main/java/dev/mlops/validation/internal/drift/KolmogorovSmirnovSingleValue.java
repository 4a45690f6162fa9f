package dev.mlops.validation.internal.drift;

import dev.mlops.core.InvalidInputException;

/**
 * The two-sided two-sample Kolmogorov-Smirnov test when one sample (or both) holds a single value, which
 * Commons Statistics refuses and scipy's {@code ks_2samp} accepts.
 *
 * <p>With one value on one side and {@code m} on the other, every arrangement of the pooled sample is the
 * position {@code k} (0 to {@code m}) of the single value among the others, all {@code m + 1} equally
 * likely under the null; that arrangement's D is {@code max(k, m - k) / m}. The exact p-value
 * {@code P(D >= d)} therefore counts the positions with {@code max(k, m - k) >= h}, where
 * {@code h = d m}: this is the lattice-path count scipy's exact method performs, in closed form.
 * The asymptotic p-value is scipy's: the one-sample Kolmogorov distribution at
 * {@code n = round(m / (m + 1))}, which is 1 for {@code m >= 2}, where {@code P(D_1 >= d)} is
 * {@code min(1, 2 (1 - d))}; for {@code m = 1} that n rounds (half to even) to 0 and scipy returns NaN.
 *
 * <p>Stateless and thread-safe.
 */
public final class KolmogorovSmirnovSingleValue {
  private KolmogorovSmirnovSingleValue() {}

  /**
   * The statistic and p-value of a test.
   *
   * @param statistic D, evaluated after each whole tie group
   * @param pValue the exact or asymptotic p-value
   * @param upperStatistic the largest D some ordering of tied values could give (equal to D without
   *     ties between the samples)
   */
  public record Outcome(double statistic, double pValue, double upperStatistic) {}

  /**
   * Runs the test on the tie groups of two samples, one of which holds exactly one value.
   *
   * @param groups the tie groups of the reference and the current sample
   * @param exact {@code true} for the exact p-value, {@code false} for scipy's asymptotic one
   * @return D and the p-value
   * @throws InvalidInputException if neither sample has exactly one value, or the asymptotic p-value is
   *     asked for one value against one value (the limiting distribution is undefined there)
   */
  public static Outcome test(TiedGroups groups, boolean exact) {
    long nx = groups.nx();
    long ny = groups.ny();
    if (Math.min(nx, ny) != 1) {
      throw new InvalidInputException("the single-value Kolmogorov-Smirnov test needs a sample of one "
          + "value, got " + nx + " and " + ny);
    }
    long m = Math.max(nx, ny);
    long h = 0;
    long upper = 0;
    long cx = 0;
    long cy = 0;
    for (int g = 0; g < groups.size(); g++) {
      long gx = groups.countX(g);
      long gy = groups.countY(g);
      // the differences are in units of 1 / (nx ny) = 1 / m
      upper = Math.max(upper, Math.max(Math.abs((cx + gx) * ny - cy * nx), Math.abs(cx * ny - (cy + gy) * nx)));
      cx += gx;
      cy += gy;
      h = Math.max(h, Math.abs(cx * ny - cy * nx));
    }
    double d = (double) h / m;
    double p;
    if (exact) {
      p = h == 0 ? 1.0 : (double) (2 * (m - h + 1) - Math.max(0, m - 2 * h + 1)) / (m + 1);
    } else {
      if (m == 1) {
        throw new InvalidInputException("the asymptotic Kolmogorov-Smirnov p-value is undefined for one "
            + "value against one value (n m / (n + m) = 0.5 rounds to 0; scipy returns NaN); use the "
            + "exact test");
      }
      p = d <= 0.5 ? 1.0 : Math.max(0.0, 2.0 * (1.0 - d));
    }
    return new Outcome(d, p, (double) Math.max(upper, h) / m);
  }
}
