package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.model.CompensatedSum;
import dev.mlops.validation.internal.model.Inputs;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Error metrics of a regression model's predictions, each equal to scikit-learn's function of the same
 * name (single output). Means are weighted means when sample weights are given. Immutable and thread-safe.
 */
public final class RegressionEvaluation extends Evaluation {
  private final double[] actual;
  private final double[] predicted;
  private final double @Nullable [] weight;
  private final double total;

  RegressionEvaluation(double[] actual, double[] predicted, double @Nullable [] weight) {
    Inputs.checkLengths("actual", actual.length, "predicted", predicted.length);
    Inputs.checkFinite("actual", actual);
    Inputs.checkFinite("predicted", predicted);
    if (weight != null) {
      Inputs.checkWeights(weight, actual.length);
    }
    this.actual = actual;
    this.predicted = predicted;
    this.weight = weight;
    this.total = weight == null ? actual.length : CompensatedSum.of(weight);
  }

  @Override
  public int size() {
    return actual.length;
  }

  private interface Term {
    double of(int row);
  }

  private double mean(Term term) {
    CompensatedSum sum = new CompensatedSum();
    for (int i = 0; i < actual.length; i++) {
      sum.add(weightOf(weight, i) * term.of(i));
    }
    return sum.value() / total;
  }

  /** @return the mean absolute error ({@code mean_absolute_error}) */
  public double meanAbsoluteError() {
    return mean(i -> Math.abs(predicted[i] - actual[i]));
  }

  /** @return the mean squared error ({@code mean_squared_error}) */
  public double meanSquaredError() {
    return mean(i -> (actual[i] - predicted[i]) * (actual[i] - predicted[i]));
  }

  /** @return the root of the mean squared error ({@code mean_squared_error(squared=False)}) */
  public double rootMeanSquaredError() {
    return Math.sqrt(meanSquaredError());
  }

  /**
   * The mean absolute percentage error ({@code mean_absolute_percentage_error}):
   * {@code |predicted - actual| / max(|actual|, eps)}, a fraction, not a percentage; {@code eps} is the
   * double's machine epsilon, so an actual value of 0 gives a huge but finite error, as in scikit-learn.
   *
   * @return the error
   */
  public double meanAbsolutePercentageError() {
    double eps = Math.ulp(1.0);
    return mean(i -> Math.abs(predicted[i] - actual[i]) / Math.max(Math.abs(actual[i]), eps));
  }

  /**
   * The median absolute error ({@code median_absolute_error}): without weights the median of the
   * absolute errors (the mean of the middle two for an even count); with weights scikit-learn 1.2's
   * weighted percentile: the smallest error whose cumulative weight reaches half the total.
   *
   * @return the error
   */
  public double medianAbsoluteError() {
    int n = actual.length;
    double[] errors = new double[n];
    for (int i = 0; i < n; i++) {
      errors[i] = Math.abs(predicted[i] - actual[i]);
    }
    if (weight == null) {
      Arrays.sort(errors);
      return n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(errors[a], errors[b]));
    double[] cdf = new double[n];
    double run = 0;
    for (int i = 0; i < n; i++) {
      run += weight[order[i]];
      cdf[i] = run;
    }
    double target = 0.5 * cdf[n - 1];
    if (target == 0) {
      target = Math.nextUp(target);
    }
    int at = 0;
    while (at < n - 1 && cdf[at] < target) {
      at++;
    }
    return errors[order[at]];
  }

  /**
   * The coefficient of determination ({@code r2_score}).
   *
   * @return R²; when the actual values are constant, 1 if the predictions are exact and 0 otherwise
   *     (scikit-learn's {@code force_finite}); NaN for a single row, as scikit-learn returns
   */
  public double r2() {
    if (actual.length < 2) {
      return Double.NaN;
    }
    double mean = mean(i -> actual[i]);
    double numerator = mean(i -> (actual[i] - predicted[i]) * (actual[i] - predicted[i]));
    double denominator = mean(i -> (actual[i] - mean) * (actual[i] - mean));
    return finite(numerator, denominator);
  }

  /**
   * The explained variance ({@code explained_variance_score}): {@code 1 - Var(actual - predicted) / Var(actual)}.
   *
   * @return the explained variance; when the actual values are constant (a single row included), 1 if
   *     the residuals are constant and 0 otherwise (scikit-learn's {@code force_finite})
   */
  public double explainedVariance() {
    double meanResidual = mean(i -> actual[i] - predicted[i]);
    double numerator = mean(i -> (actual[i] - predicted[i] - meanResidual) * (actual[i] - predicted[i] - meanResidual));
    double mean = mean(i -> actual[i]);
    double denominator = mean(i -> (actual[i] - mean) * (actual[i] - mean));
    return finite(numerator, denominator);
  }

  private static double finite(double numerator, double denominator) {
    if (denominator == 0) {
      return numerator == 0 ? 1 : 0;
    }
    return 1 - numerator / denominator;
  }

  /**
   * The pinball (quantile) loss at a quantile ({@code mean_pinball_loss(alpha=quantile)}).
   *
   * @param quantile the quantile in [0, 1]
   * @return the loss
   * @throws InvalidInputException if the quantile lies outside [0, 1]
   */
  public double pinballLoss(double quantile) {
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new InvalidInputException("quantile is " + quantile + "; it must lie in [0, 1]");
    }
    return mean(i -> {
      double diff = actual[i] - predicted[i];
      return diff >= 0 ? quantile * diff : -(1 - quantile) * diff;
    });
  }

  @Override
  RegressionEvaluation resample(int[] rows) {
    double[] a = new double[rows.length];
    double[] p = new double[rows.length];
    double[] w = weight == null ? null : new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      a[i] = actual[rows[i]];
      p[i] = predicted[rows[i]];
      if (w != null) {
        w[i] = weight[rows[i]];
      }
    }
    return new RegressionEvaluation(a, p, w);
  }

  @Override
  boolean sameRows(Evaluation other) {
    return other instanceof RegressionEvaluation r && Arrays.equals(actual, r.actual) && Arrays.equals(weight, r.weight);
  }

  @Override
  public String toString() {
    return "RegressionEvaluation[rows=" + size() + "]";
  }
}
