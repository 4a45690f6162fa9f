package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Corrections of p-values for testing many columns at once, returned as adjusted p-values (to compare
 * with the unchanged alpha), with the definitions statsmodels' {@code multipletests} uses.
 */
public enum MultipleTesting {
  /** No correction: each column at level alpha (the expected false alarms grow with the column count). */
  NONE,
  /** Bonferroni: {@code min(1, m p)}; controls the family-wise error rate. */
  BONFERRONI,
  /** Holm's step-down: uniformly more powerful than Bonferroni, same family-wise guarantee. */
  HOLM,
  /** Benjamini-Hochberg step-up: controls the false discovery rate among drifted columns. */
  BENJAMINI_HOCHBERG;

  /**
   * Adjusts p-values.
   *
   * @param pValues p-values in [0, 1], one per test
   * @return adjusted p-values in the same order, each in [0, 1] and at least the raw one
   * @throws InvalidInputException if a p-value is outside [0, 1]
   */
  public double[] adjust(double[] pValues) {
    Objects.requireNonNull(pValues, "pValues");
    for (int i = 0; i < pValues.length; i++) {
      if (!(pValues[i] >= 0.0 && pValues[i] <= 1.0)) {
        throw new InvalidInputException("pValues[" + i + "] is " + pValues[i] + "; it must be in [0, 1]");
      }
    }
    int m = pValues.length;
    double[] out = new double[m];
    if (this == NONE) {
      return pValues.clone();
    }
    if (this == BONFERRONI) {
      for (int i = 0; i < m; i++) {
        out[i] = Math.min(1.0, pValues[i] * m);
      }
      return out;
    }
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    if (this == HOLM) {
      double running = 0.0;
      for (int rank = 0; rank < m; rank++) {
        int i = order[rank];
        running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
        out[i] = running;
      }
      return out;
    }
    double running = 1.0;
    for (int rank = m - 1; rank >= 0; rank--) {
      int i = order[rank];
      running = Math.min(running, Math.min(1.0, pValues[i] * m / (rank + 1)));
      out[i] = running;
    }
    return out;
  }
}
