package dev.mlops.validation.internal.drift;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.drift.Alternative;
import java.util.function.IntToDoubleFunction;

/**
 * Fisher's exact test on a 2x2 table with the semantics of scipy's {@code fisher_exact}: the sample odds
 * ratio as statistic, hypergeometric tails, and for the two-sided test the sum of the probabilities of all
 * tables at most {@code (1 + 1e-14)} times as likely as the observed one. Its time does not grow with the
 * counts (see {@link HypergeometricTails}): a table totalling two billion takes about as long as a small one.
 *
 * <p>Stateless and thread-safe.
 */
public final class FisherExact {
  private static final double EPSILON = 1e-14;

  private FisherExact() {}

  /**
   * The sample odds ratio and the p-value.
   *
   * @param oddsRatio {@code a d / (b c)}, infinite when {@code b c = 0}, NaN for an empty margin
   * @param pValue the p-value
   */
  public record Outcome(double oddsRatio, double pValue) {}

  /**
   * Runs the test on {@code [[a, b], [c, d]]}.
   *
   * @param table a 2x2 table of non-negative counts
   * @param alternative the alternative hypothesis on the odds ratio
   * @return the outcome
   * @throws InvalidInputException if the table is not 2x2, negative or too large for int counts
   */
  public static Outcome test(long[][] table, Alternative alternative) {
    if (table.length != 2 || table[0].length != 2 || table[1].length != 2) {
      throw new InvalidInputException("Fisher's exact test needs a 2x2 table");
    }
    long a = table[0][0];
    long b = table[0][1];
    long c = table[1][0];
    long d = table[1][1];
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      throw new InvalidInputException("Fisher's exact test needs non-negative counts");
    }
    if (a > Integer.MAX_VALUE || b > Integer.MAX_VALUE || c > Integer.MAX_VALUE || d > Integer.MAX_VALUE
        || a + b + c + d > Integer.MAX_VALUE) {
      throw new InvalidInputException("Fisher's exact test needs a table total of at most " + Integer.MAX_VALUE
          + ", got [[" + a + ", " + b + "], [" + c + ", " + d + "]]; use chiSquare for tables this large");
    }
    if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0) {
      return new Outcome(Double.NaN, 1.0);
    }
    double oddsRatio = c > 0 && b > 0 ? (double) (a * d) / (double) (c * b) : Double.POSITIVE_INFINITY;
    int n1 = (int) (a + b);
    int n2 = (int) (c + d);
    int n = (int) (a + c);
    HypergeometricTails h = new HypergeometricTails(n1 + n2, n1, n);
    double p;
    switch (alternative) {
      case LESS -> p = h.cumulativeProbability((int) a);
      case GREATER -> p = new HypergeometricTails(n1 + n2, n1, (int) (b + d)).cumulativeProbability((int) b);
      default -> p = twoSided(h, (int) a, n);
    }
    return new Outcome(oddsRatio, Math.min(p, 1.0));
  }

  private static double twoSided(HypergeometricTails h, int a, int n) {
    int mode = h.mode();
    double pExact = h.probability(a);
    double pMode = h.probability(mode);
    double gamma = 1 + EPSILON;
    if (Math.abs(pExact - pMode) / Math.max(pExact, pMode) <= EPSILON) {
      return 1.0;
    }
    if (a < mode) {
      double lower = h.cumulativeProbability(a);
      if (h.probability(n) > pExact * gamma) {
        return lower;
      }
      int guess = binarySearch(x -> -h.probability(x), -pExact * gamma, mode, n);
      return lower + h.survivalProbability(guess);
    }
    double upper = h.survivalProbability(a - 1);
    if (h.probability(0) > pExact * gamma) {
      return upper;
    }
    int guess = binarySearch(h::probability, pExact * gamma, 0, mode);
    return upper + h.cumulativeProbability(guess);
  }

  /** Returns i in [lo, hi] with {@code f(i) <= target < f(i + 1)} for an ascending f, as scipy does. */
  private static int binarySearch(IntToDoubleFunction f, double target, int lo, int hi) {
    while (lo < hi) {
      int mid = lo + (hi - lo) / 2;
      double value = f.applyAsDouble(mid);
      if (value < target) {
        lo = mid + 1;
      } else if (value > target) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return f.applyAsDouble(lo) <= target ? lo : lo - 1;
  }
}
