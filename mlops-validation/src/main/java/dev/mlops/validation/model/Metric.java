package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A named metric of an {@link Evaluation}, with the direction in which it improves: what bootstrap
 * intervals, paired comparisons, slices and gates compute. Built-in metrics have names that
 * {@link #named(String)} parses, so gates that use them can be written to JSON and read back.
 *
 * <p>Names (scikit-learn's, lower case):
 * <ul>
 *   <li>binary and multiclass: {@code roc_auc}, {@code log_loss}, {@code accuracy}, {@code precision},
 *       {@code recall}, {@code f1};</li>
 *   <li>binary only: {@code average_precision}, {@code brier_score}, {@code expected_calibration_error}
 *       (10 bins), {@code balanced_accuracy}, {@code matthews_corrcoef}, {@code selection_rate},
 *       {@code true_positive_rate}, {@code false_positive_rate}; threshold metrics use 0.5 unless the
 *       name ends in {@code @threshold}, as {@code f1@0.3};</li>
 *   <li>multiclass only: {@code cohen_kappa}, {@code top_k_accuracy@k}, and {@code precision},
 *       {@code recall}, {@code f1} with {@code _micro}, {@code _macro} (the default) or {@code _weighted};</li>
 *   <li>regression: {@code mae}, {@code mse}, {@code rmse}, {@code r2}, {@code mape},
 *       {@code median_absolute_error}, {@code explained_variance}, {@code pinball_loss@quantile}.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; two metrics are equal when their names are.
 */
public final class Metric {
  private static final List<String> LOWER_IS_BETTER = List.of("log_loss", "brier_score", "expected_calibration_error",
      "false_positive_rate", "mae", "mse", "rmse", "mape", "median_absolute_error", "pinball_loss");

  /** ROC AUC ({@code roc_auc}). */
  public static final Metric ROC_AUC = named("roc_auc");
  /** Average precision ({@code average_precision}). */
  public static final Metric AVERAGE_PRECISION = named("average_precision");
  /** Log loss ({@code log_loss}). */
  public static final Metric LOG_LOSS = named("log_loss");
  /** Brier score ({@code brier_score}). */
  public static final Metric BRIER_SCORE = named("brier_score");
  /** Accuracy ({@code accuracy}), at threshold 0.5 for binary evaluations. */
  public static final Metric ACCURACY = named("accuracy");
  /** F1 ({@code f1}), at threshold 0.5 for binary evaluations, macro for multiclass. */
  public static final Metric F1 = named("f1");
  /** Mean absolute error ({@code mae}). */
  public static final Metric MAE = named("mae");
  /** Root mean squared error ({@code rmse}). */
  public static final Metric RMSE = named("rmse");
  /** R² ({@code r2}). */
  public static final Metric R2 = named("r2");

  private final String name;
  private final boolean higherIsBetter;
  private final ToDoubleFunction<Evaluation> function;

  private Metric(String name, boolean higherIsBetter, ToDoubleFunction<Evaluation> function) {
    this.name = name;
    this.higherIsBetter = higherIsBetter;
    this.function = function;
  }

  /**
   * Parses a built-in metric's name.
   *
   * @param name the name, such as {@code roc_auc}, {@code f1@0.3} or {@code pinball_loss@0.9}
   * @return the metric
   * @throws InvalidInputException if the name is unknown or its parameter malformed
   */
  public static Metric named(String name) {
    Objects.requireNonNull(name, "name");
    String text = name.trim().toLowerCase(Locale.ROOT);
    int at = text.indexOf('@');
    String base = at < 0 ? text : text.substring(0, at);
    double parameter = Double.NaN;
    if (at >= 0) {
      try {
        parameter = Double.parseDouble(text.substring(at + 1));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("metric '" + name + "' has a malformed parameter after '@'");
      }
      if (!Double.isFinite(parameter)) {
        throw new InvalidInputException("metric '" + name + "' has a non-finite parameter");
      }
    }
    double threshold = at < 0 ? 0.5 : parameter;
    boolean thresholded = thresholded(base);
    if (at >= 0 && !thresholded && !base.equals("top_k_accuracy") && !base.equals("pinball_loss")) {
      throw new InvalidInputException("metric '" + base + "' takes no '@' parameter");
    }
    ToDoubleFunction<Evaluation> f = switch (base) {
      case "roc_auc" -> e -> e instanceof BinaryEvaluation b ? b.rocAuc() : multiclass(e, name).rocAuc();
      case "average_precision" -> e -> binary(e, name).averagePrecision();
      case "log_loss" -> e -> e instanceof BinaryEvaluation b ? b.logLoss() : multiclass(e, name).logLoss();
      case "brier_score" -> e -> binary(e, name).brierScore();
      case "expected_calibration_error" -> e -> binary(e, name).calibration(10).expectedCalibrationError();
      case "accuracy" -> e -> e instanceof BinaryEvaluation b ? b.at(threshold).accuracy() : multiclass(e, name).accuracy();
      case "precision", "precision_macro" -> e -> e instanceof BinaryEvaluation b && base.equals("precision")
          ? b.at(threshold).precision() : multiclass(e, name).precision(Average.MACRO);
      case "recall", "recall_macro" -> e -> e instanceof BinaryEvaluation b && base.equals("recall")
          ? b.at(threshold).recall() : multiclass(e, name).recall(Average.MACRO);
      case "f1", "f1_macro" -> e -> e instanceof BinaryEvaluation b && base.equals("f1")
          ? b.at(threshold).f1() : multiclass(e, name).f1(Average.MACRO);
      case "precision_micro" -> e -> multiclass(e, name).precision(Average.MICRO);
      case "precision_weighted" -> e -> multiclass(e, name).precision(Average.WEIGHTED);
      case "recall_micro" -> e -> multiclass(e, name).recall(Average.MICRO);
      case "recall_weighted" -> e -> multiclass(e, name).recall(Average.WEIGHTED);
      case "f1_micro" -> e -> multiclass(e, name).f1(Average.MICRO);
      case "f1_weighted" -> e -> multiclass(e, name).f1(Average.WEIGHTED);
      case "balanced_accuracy" -> e -> binary(e, name).at(threshold).balancedAccuracy();
      case "matthews_corrcoef" -> e -> binary(e, name).at(threshold).matthewsCorrelation();
      case "selection_rate" -> e -> binary(e, name).at(threshold).selectionRate();
      case "true_positive_rate" -> e -> binary(e, name).at(threshold).recall();
      case "false_positive_rate" -> e -> binary(e, name).at(threshold).falsePositiveRate();
      case "cohen_kappa" -> e -> multiclass(e, name).cohenKappa();
      case "top_k_accuracy" -> {
        if (at < 0 || parameter != Math.rint(parameter) || parameter < 1) {
          throw new InvalidInputException("metric '" + name + "' needs a whole k >= 1, as top_k_accuracy@2");
        }
        int k = (int) parameter;
        yield e -> multiclass(e, name).topKAccuracy(k);
      }
      case "mae" -> e -> regression(e, name).meanAbsoluteError();
      case "mse" -> e -> regression(e, name).meanSquaredError();
      case "rmse" -> e -> regression(e, name).rootMeanSquaredError();
      case "r2" -> e -> regression(e, name).r2();
      case "mape" -> e -> regression(e, name).meanAbsolutePercentageError();
      case "median_absolute_error" -> e -> regression(e, name).medianAbsoluteError();
      case "explained_variance" -> e -> regression(e, name).explainedVariance();
      case "pinball_loss" -> {
        if (at < 0 || parameter < 0 || parameter > 1) {
          throw new InvalidInputException("metric '" + name + "' needs a quantile in [0, 1], as pinball_loss@0.9");
        }
        double q = parameter;
        yield e -> regression(e, name).pinballLoss(q);
      }
      default -> throw new InvalidInputException("unknown metric '" + name + "'; see Metric's Javadoc for the names");
    };
    return new Metric(text, !LOWER_IS_BETTER.contains(base), f);
  }

  /**
   * Whether a binary metric of this name is computed at a decision threshold.
   *
   * @param base the name without its {@code @} parameter
   * @return true for label metrics of binary evaluations
   */
  static boolean thresholded(String base) {
    return switch (base) {
      case "accuracy", "precision", "recall", "f1", "balanced_accuracy", "matthews_corrcoef", "selection_rate",
          "true_positive_rate", "false_positive_rate" -> true;
      default -> false;
    };
  }

  /**
   * A metric of one's own; it works everywhere except in gates read back from JSON, which know only the
   * built-in names.
   *
   * @param name a name not used by a built-in metric
   * @param higherIsBetter whether larger values are better
   * @param function computes the metric; it must be thread-safe
   * @return the metric
   */
  public static Metric of(String name, boolean higherIsBetter, ToDoubleFunction<Evaluation> function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    if (name.isBlank()) {
      throw new InvalidInputException("a metric's name must not be blank");
    }
    return new Metric(name, higherIsBetter, function);
  }

  /** @return the name */
  public String name() {
    return name;
  }

  /** @return true if larger values are better */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /**
   * Computes the metric.
   *
   * @param evaluation the evaluation
   * @return the value
   * @throws InvalidInputException if the metric does not apply to this kind of evaluation or is undefined
   *     on its rows
   */
  public double of(Evaluation evaluation) {
    return function.applyAsDouble(Objects.requireNonNull(evaluation, "evaluation"));
  }

  private static BinaryEvaluation binary(Evaluation e, String metric) {
    if (e instanceof BinaryEvaluation b) {
      return b;
    }
    throw new InvalidInputException("metric '" + metric + "' applies to binary evaluations, not to " + kind(e));
  }

  private static MulticlassEvaluation multiclass(Evaluation e, String metric) {
    if (e instanceof MulticlassEvaluation m) {
      return m;
    }
    throw new InvalidInputException("metric '" + metric + "' applies to multiclass evaluations, not to " + kind(e));
  }

  private static RegressionEvaluation regression(Evaluation e, String metric) {
    if (e instanceof RegressionEvaluation r) {
      return r;
    }
    throw new InvalidInputException("metric '" + metric + "' applies to regression evaluations, not to " + kind(e));
  }

  private static String kind(Evaluation e) {
    return e instanceof BinaryEvaluation ? "binary ones" : e instanceof MulticlassEvaluation ? "multiclass ones" : "regression ones";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Metric m && m.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
