package dev.mlops.validation.model;

import java.util.Objects;

/**
 * The comparison of a challenger with a champion on the same rows: the difference
 * {@code challenger - champion} of a metric, its confidence interval and the two-sided p-value of "no
 * difference".
 *
 * @param metric the metric's name
 * @param method {@code delong}, {@code mcnemar-exact}, {@code mcnemar-chi2} or {@code paired-bootstrap}
 * @param challenger the challenger's value
 * @param champion the champion's value
 * @param difference {@code challenger - champion}
 * @param lower the difference's interval, lower end
 * @param upper the difference's interval, upper end
 * @param confidence the confidence level
 * @param pValue the two-sided p-value
 */
public record PairedComparison(String metric, String method, double challenger, double champion, double difference,
    double lower, double upper, double confidence, double pValue) {
  /**
   * Checks the names.
   *
   * @param metric the metric's name
   * @param method {@code delong}, {@code mcnemar-exact}, {@code mcnemar-chi2} or {@code paired-bootstrap}
   * @param challenger the challenger's value
   * @param champion the champion's value
   * @param difference {@code challenger - champion}
   * @param lower the difference's interval, lower end
   * @param upper the difference's interval, upper end
   * @param confidence the confidence level
   * @param pValue the two-sided p-value
   */
  public PairedComparison {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(method, "method");
  }
}
