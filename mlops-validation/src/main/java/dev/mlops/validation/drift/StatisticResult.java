package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one drift kernel: the method, its statistic and, for tests, the p-value and how it was
 * obtained.
 *
 * <p>Immutable and thread-safe. For distances and divergences {@link #pValue()} is {@code NaN} and
 * {@link #pValueMethod()} is {@link PValueMethod#NONE}. {@link #notes()} explains choices that change the
 * meaning of the numbers (a continuity correction applied, a p-value clipped to a table's range).
 *
 * @param method the statistic or test that was computed
 * @param pValueMethod how the p-value was obtained, {@code NONE} for distances
 * @param statistic the statistic (may be infinite for divergences with empty bins)
 * @param pValue the p-value in [0, 1], or {@code NaN} when the method defines none
 * @param pValueClipped {@code true} when the p-value is a bound (k-sample Anderson-Darling outside its table)
 * @param notes human-readable remarks on the computation, never {@code null}
 */
public record StatisticResult(
    DriftMethod method,
    PValueMethod pValueMethod,
    double statistic,
    double pValue,
    boolean pValueClipped,
    List<String> notes) {

  /**
   * Checks the invariants and copies the notes.
   *
   * @throws InvalidInputException if the p-value is outside [0, 1] for a test, or present for a distance
   * @param method the statistic or test that was computed
   * @param pValueMethod how the p-value was obtained, {@code NONE} for distances
   * @param statistic the statistic (may be infinite for divergences with empty bins)
   * @param pValue the p-value in [0, 1], or {@code NaN} when the method defines none
   * @param pValueClipped {@code true} when the p-value is a bound (k-sample Anderson-Darling outside its table)
   * @param notes human-readable remarks on the computation, never {@code null}
   */
  public StatisticResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pValueMethod, "pValueMethod");
    notes = List.copyOf(notes);
    if (method.hasPValue()) {
      if (!(pValue >= 0.0 && pValue <= 1.0)) {
        throw new InvalidInputException("p-value of " + method + " must be in [0, 1], got " + pValue);
      }
      if (pValueMethod == PValueMethod.NONE) {
        throw new InvalidInputException("a test result (" + method + ") needs a p-value method");
      }
    } else if (!Double.isNaN(pValue) || pValueMethod != PValueMethod.NONE) {
      throw new InvalidInputException(method + " is a distance and has no p-value");
    }
  }

  /**
   * Creates the result of a distance or divergence, which has no p-value.
   *
   * @param method the distance that was computed
   * @param statistic its value
   * @return the result
   */
  public static StatisticResult distance(DriftMethod method, double statistic) {
    return new StatisticResult(method, PValueMethod.NONE, statistic, Double.NaN, false, List.of());
  }

  /**
   * Tells whether this result carries a p-value.
   *
   * @return {@code true} for hypothesis tests
   */
  public boolean hasPValue() {
    return method.hasPValue();
  }
}
