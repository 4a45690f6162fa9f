package dev.mlops.validation.internal.model;

/**
 * Neumaier's compensated summation: sums whose error does not grow with the number of terms, so results
 * agree with NumPy's pairwise sums to far better than 1e-12. Not thread-safe.
 */
public final class CompensatedSum {
  private double sum;
  private double compensation;

  /**
   * Adds a term.
   *
   * @param x the term
   */
  public void add(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }

  /** @return the sum so far */
  public double value() {
    return sum + compensation;
  }

  /**
   * Sums an array.
   *
   * @param values the terms
   * @return their sum
   */
  public static double of(double[] values) {
    CompensatedSum s = new CompensatedSum();
    for (double v : values) {
      s.add(v);
    }
    return s.value();
  }
}
