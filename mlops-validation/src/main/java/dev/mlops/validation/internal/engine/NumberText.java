package dev.mlops.validation.internal.engine;

/**
 * How rule descriptions and messages print numbers: whole numbers without a fraction or exponent ({@code 5000000},
 * not {@code 5000000.0} or {@code 5.0E6}), other numbers as {@link Double#toString(double)}, and an infinite
 * bound as {@code unbounded}. Stateless and thread-safe.
 */
public final class NumberText {
  /** The largest magnitude below which every whole double is an exact long (2^53). */
  private static final double EXACT_LONG_LIMIT = 9_007_199_254_740_992.0;

  private NumberText() {}

  /**
   * Formats a number.
   *
   * @param value the number
   * @return its text: whole numbers up to 2^53 as integers, others as Java writes them
   */
  public static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) <= EXACT_LONG_LIMIT) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * Formats a bound of a range.
   *
   * @param value the bound
   * @return {@code unbounded} for an infinite bound, else {@link #number(double)}
   */
  public static String bound(double value) {
    return Double.isInfinite(value) ? "unbounded" : number(value);
  }

  /**
   * Formats an inclusive range, e.g. {@code [1, unbounded]}.
   *
   * @param min the lower bound
   * @param max the upper bound
   * @return the text
   */
  public static String range(double min, double max) {
    return "[" + bound(min) + ", " + bound(max) + "]";
  }
}
