package dev.mlops.validation.internal.drift;

import dev.mlops.core.InvalidInputException;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Tests of independence on an r x c table of counts with the semantics of scipy's
 * {@code chi2_contingency}: expected counts from the margins, Yates' correction (each cell moved toward
 * its expectation by at most 0.5) only when there is one degree of freedom, and Pearson's or the
 * log-likelihood (G) statistic against the chi-square distribution.
 *
 * <p>Stateless and thread-safe.
 */
public final class ContingencyTests {
  private ContingencyTests() {}

  /**
   * The statistic, p-value and degrees of freedom, and whether Yates' correction was applied.
   *
   * @param statistic the chi-square or G statistic
   * @param pValue the p-value
   * @param dof the degrees of freedom
   * @param yatesApplied whether the continuity correction changed the table
   */
  public record Outcome(double statistic, double pValue, long dof, boolean yatesApplied) {}

  /**
   * Runs the test.
   *
   * @param table counts, rectangular, non-negative
   * @param yates whether to apply Yates' correction when the table has one degree of freedom
   * @param logLikelihood {@code true} for the G statistic, {@code false} for Pearson's
   * @return the outcome
   * @throws InvalidInputException if the table is ragged, empty or negative, or an expected count is zero
   */
  public static Outcome test(long[][] table, boolean yates, boolean logLikelihood) {
    int rows = table.length;
    if (rows == 0 || table[0].length == 0) {
      throw new InvalidInputException("contingency table is empty");
    }
    int cols = table[0].length;
    double[] rowSums = new double[rows];
    double[] colSums = new double[cols];
    double total = 0.0;
    for (int i = 0; i < rows; i++) {
      if (table[i].length != cols) {
        throw new InvalidInputException("contingency table row " + i + " has " + table[i].length
            + " cells, expected " + cols);
      }
      for (int j = 0; j < cols; j++) {
        if (table[i][j] < 0) {
          throw new InvalidInputException("contingency table cell [" + i + "][" + j + "] is negative: "
              + table[i][j]);
        }
        rowSums[i] += table[i][j];
        colSums[j] += table[i][j];
        total += table[i][j];
      }
    }
    if (total == 0.0) {
      throw new InvalidInputException("contingency table holds no counts (every cell is 0); nothing to test");
    }
    double[][] expected = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        expected[i][j] = rowSums[i] * colSums[j] / total;
        if (expected[i][j] == 0.0) {
          throw new InvalidInputException("expected count of contingency cell [" + i + "][" + j
              + "] is zero (an empty row or column); drop it before testing");
        }
      }
    }
    long dof = (long) rows * cols - rows - cols + 1;
    if (dof == 0) {
      return new Outcome(0.0, 1.0, 0, false);
    }
    boolean correct = dof == 1 && yates;
    double statistic = 0.0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double observed = table[i][j];
        double e = expected[i][j];
        if (correct) {
          double diff = e - observed;
          observed += Math.signum(diff) * Math.min(0.5, Math.abs(diff));
        }
        if (logLikelihood) {
          statistic += observed == 0.0 ? 0.0 : observed * Math.log(observed / e);
        } else {
          double d = observed - e;
          statistic += d * d / e;
        }
      }
    }
    if (logLikelihood) {
      statistic *= 2.0;
    }
    double p = ChiSquaredDistribution.of(dof).survivalProbability(statistic);
    return new Outcome(statistic, p, dof, correct);
  }
}
