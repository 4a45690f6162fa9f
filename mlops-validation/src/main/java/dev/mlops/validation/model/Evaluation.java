package dev.mlops.validation.model;

import org.jspecify.annotations.Nullable;

/**
 * The entry point of model evaluation: metrics of one model's predictions on labelled rows, each equal to
 * scikit-learn's metric of the same name (Debian's scikit-learn 1.2; the tests hold committed oracle values
 * to 1e-12 relative).
 *
 * <ul>
 *   <li>{@link #binary(boolean[], double[])}: ranking, probability, calibration and threshold metrics of a
 *       score for the positive class;</li>
 *   <li>{@link #multiclass(int[], double[][])}: label and probability metrics of one probability per class;</li>
 *   <li>{@link #regression(double[], double[])}: error metrics of a numeric prediction.</li>
 * </ul>
 *
 * <p>Inputs are copied; an evaluation is immutable and safe to share between threads. Every factory has an
 * overload with sample weights (finite, not negative, not all zero). Bad input - arrays of different
 * lengths, no rows, NaN or infinite values - raises {@link dev.mlops.core.InvalidInputException} naming
 * the array and row, where scikit-learn raises {@code ValueError}.
 */
public abstract sealed class Evaluation permits BinaryEvaluation, MulticlassEvaluation, RegressionEvaluation {
  Evaluation() {}

  /**
   * Evaluates a binary classifier's scores.
   *
   * @param actual the true labels, {@code true} for the positive class
   * @param score the scores; higher means more likely positive (probabilities for log loss, Brier score
   *     and calibration)
   * @return the evaluation
   * @throws dev.mlops.core.InvalidInputException if lengths differ, there are no rows or a score is not finite
   */
  public static BinaryEvaluation binary(boolean[] actual, double[] score) {
    return new BinaryEvaluation(actual.clone(), score.clone(), null);
  }

  /**
   * Evaluates a binary classifier's scores with sample weights.
   *
   * @param actual the true labels
   * @param score the scores
   * @param weight the sample weights
   * @return the evaluation
   * @throws dev.mlops.core.InvalidInputException if lengths differ, there are no rows, a score is not
   *     finite or a weight is negative, not finite, or all are zero
   */
  public static BinaryEvaluation binary(boolean[] actual, double[] score, double[] weight) {
    return new BinaryEvaluation(actual.clone(), score.clone(), weight.clone());
  }

  /**
   * Evaluates a multiclass classifier's probabilities; class {@code c} is column {@code c}.
   *
   * @param actual the true classes, {@code 0..k-1}
   * @param probabilities one row of {@code k >= 2} probabilities per row
   * @return the evaluation
   * @throws dev.mlops.core.InvalidInputException if lengths differ, rows have different widths, a class
   *     is out of range or a probability is not finite
   */
  public static MulticlassEvaluation multiclass(int[] actual, double[][] probabilities) {
    return new MulticlassEvaluation(actual.clone(), MulticlassEvaluation.copy(probabilities), null);
  }

  /**
   * Evaluates a multiclass classifier's probabilities with sample weights.
   *
   * @param actual the true classes
   * @param probabilities one row of probabilities per row
   * @param weight the sample weights
   * @return the evaluation
   * @throws dev.mlops.core.InvalidInputException as {@link #multiclass(int[], double[][])}, or for bad weights
   */
  public static MulticlassEvaluation multiclass(int[] actual, double[][] probabilities, double[] weight) {
    return new MulticlassEvaluation(actual.clone(), MulticlassEvaluation.copy(probabilities), weight.clone());
  }

  /**
   * Evaluates a regression model's predictions.
   *
   * @param actual the true values
   * @param predicted the predictions
   * @return the evaluation
   * @throws dev.mlops.core.InvalidInputException if lengths differ, there are no rows or a value is not finite
   */
  public static RegressionEvaluation regression(double[] actual, double[] predicted) {
    return new RegressionEvaluation(actual.clone(), predicted.clone(), null);
  }

  /**
   * Evaluates a regression model's predictions with sample weights.
   *
   * @param actual the true values
   * @param predicted the predictions
   * @param weight the sample weights
   * @return the evaluation
   * @throws dev.mlops.core.InvalidInputException as {@link #regression(double[], double[])}, or for bad weights
   */
  public static RegressionEvaluation regression(double[] actual, double[] predicted, double[] weight) {
    return new RegressionEvaluation(actual.clone(), predicted.clone(), weight.clone());
  }

  /** @return the number of rows evaluated */
  public abstract int size();

  /**
   * The same model evaluated on a resample of its rows (a row may appear several times).
   *
   * @param rows row indices, with repetition
   * @return the evaluation of those rows
   */
  abstract Evaluation resample(int[] rows);

  /**
   * Whether another evaluation scored the same rows with the same labels and weights, so that the two can
   * be compared pairwise.
   *
   * @param other the other evaluation
   * @return true if the labels and weights are equal
   */
  abstract boolean sameRows(Evaluation other);

  static double weightOf(double @Nullable [] weight, int row) {
    return weight == null ? 1.0 : weight[row];
  }
}
