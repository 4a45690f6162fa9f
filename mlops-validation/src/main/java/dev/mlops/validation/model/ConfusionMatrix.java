package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import java.util.Arrays;

/**
 * A confusion matrix: the (weighted) number of rows of each actual class predicted as each class, rows
 * indexed by the actual class and columns by the predicted one, as scikit-learn's {@code confusion_matrix}.
 * For a binary evaluation class 0 is negative and class 1 positive. Immutable and thread-safe.
 */
public final class ConfusionMatrix {
  private final double[][] counts;

  ConfusionMatrix(double[][] counts) {
    this.counts = counts;
  }

  /** @return the number of classes */
  public int classes() {
    return counts.length;
  }

  /**
   * Returns one cell.
   *
   * @param actual the actual class
   * @param predicted the predicted class
   * @return the weight of rows of class {@code actual} predicted as {@code predicted}
   * @throws InvalidInputException if a class is out of range
   */
  public double count(int actual, int predicted) {
    if (actual < 0 || actual >= counts.length || predicted < 0 || predicted >= counts.length) {
      throw new InvalidInputException("class (" + actual + ", " + predicted + ") is outside 0.." + (counts.length - 1));
    }
    return counts[actual][predicted];
  }

  /** @return a copy of the matrix, {@code [actual][predicted]} */
  public double[][] toArray() {
    double[][] copy = new double[counts.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** @return true positives: class 1 predicted as 1 (binary matrices) */
  public double truePositives() {
    return count(1, 1);
  }

  /** @return false positives: class 0 predicted as 1 (binary matrices) */
  public double falsePositives() {
    return count(0, 1);
  }

  /** @return true negatives: class 0 predicted as 0 (binary matrices) */
  public double trueNegatives() {
    return count(0, 0);
  }

  /** @return false negatives: class 1 predicted as 0 (binary matrices) */
  public double falseNegatives() {
    return count(1, 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix c && Arrays.deepEquals(counts, c.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    return "ConfusionMatrix" + Arrays.deepToString(counts);
  }
}
