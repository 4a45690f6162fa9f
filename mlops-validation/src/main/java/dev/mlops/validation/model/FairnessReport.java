package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Group fairness of a binary classifier over a sensitive column, as fairlearn's {@code MetricFrame} with
 * {@code selection_rate}, {@code true_positive_rate} and {@code false_positive_rate} per group and its
 * between-groups aggregates. A group's true (false) positive rate is 0 when it has no positive (negative)
 * rows, as fairlearn's rates (scikit-learn's normalized confusion matrix) give. Immutable and thread-safe.
 *
 * @param sensitiveColumn the sensitive column
 * @param threshold a score at or above it predicts positive
 * @param groups the rates per group, ordered by group value
 */
public record FairnessReport(String sensitiveColumn, double threshold, List<GroupRates> groups) {
  /**
   * Copies the groups.
   *
   * @param sensitiveColumn the sensitive column
   * @param threshold a score at or above it predicts positive
   * @param groups the rates per group, ordered by group value
   */
  public FairnessReport {
    Objects.requireNonNull(sensitiveColumn, "sensitiveColumn");
    groups = List.copyOf(groups);
  }

  /**
   * Measures a binary classifier's group rates on a table.
   *
   * @param table the rows
   * @param predictions binary label and score columns (weights optional)
   * @param sensitiveColumn the column whose values form the groups
   * @param threshold the decision threshold
   * @return the report
   * @throws InvalidInputException if the predictions are not binary, a column is missing or malformed, or
   *     the table is empty
   */
  public static FairnessReport of(Table table, Predictions predictions, String sensitiveColumn, double threshold) {
    if (predictions.task() != Predictions.Task.BINARY) {
      throw new InvalidInputException("fairness metrics need a binary classifier, not " + predictions.task());
    }
    if (table.rowCount() == 0) {
      throw new InvalidInputException("fairness metrics need at least one row");
    }
    List<GroupRates> out = new ArrayList<>();
    for (Map.Entry<List<String>, int[]> g : SlicedEvaluation.groups(table, List.of(sensitiveColumn)).entrySet()) {
      ThresholdMetrics m = ((BinaryEvaluation) predictions.evaluate(table, g.getValue())).at(threshold);
      out.add(new GroupRates(g.getKey().get(0), g.getValue().length, m.selectionRate(), m.recall(), m.falsePositiveRate()));
    }
    return new FairnessReport(sensitiveColumn, threshold, out);
  }

  /** @return the largest minus the smallest selection rate */
  public double demographicParityDifference() {
    return difference(GroupRates::selectionRate);
  }

  /** @return the smallest divided by the largest selection rate; NaN when every group selects nobody */
  public double demographicParityRatio() {
    double max = max(GroupRates::selectionRate);
    double min = -max(g -> -g.selectionRate());
    return min / max;
  }

  /** @return the larger of the true and false positive rate differences */
  public double equalizedOddsDifference() {
    return Math.max(difference(GroupRates::truePositiveRate), difference(GroupRates::falsePositiveRate));
  }

  /** @return the largest minus the smallest true positive rate */
  public double equalOpportunityDifference() {
    return difference(GroupRates::truePositiveRate);
  }

  /**
   * One fairness metric.
   *
   * @param metric the metric
   * @return its value
   */
  public double value(FairnessMetric metric) {
    return switch (metric) {
      case DEMOGRAPHIC_PARITY_DIFFERENCE -> demographicParityDifference();
      case DEMOGRAPHIC_PARITY_RATIO -> demographicParityRatio();
      case EQUALIZED_ODDS_DIFFERENCE -> equalizedOddsDifference();
      case EQUAL_OPPORTUNITY_DIFFERENCE -> equalOpportunityDifference();
    };
  }

  private double difference(ToDoubleFunction<GroupRates> rate) {
    return max(rate) + max(g -> -rate.applyAsDouble(g));
  }

  private double max(ToDoubleFunction<GroupRates> rate) {
    double max = Double.NEGATIVE_INFINITY;
    for (GroupRates g : groups) {
      max = Math.max(max, rate.applyAsDouble(g));
    }
    return max;
  }
}
