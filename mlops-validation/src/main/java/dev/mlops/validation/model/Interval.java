package dev.mlops.validation.model;

import java.util.Objects;

/**
 * A confidence interval for one metric of one model.
 *
 * @param metric the metric's name
 * @param method how it was computed: {@code percentile-bootstrap} or {@code delong}
 * @param estimate the metric on all rows
 * @param lower the interval's lower end
 * @param upper the interval's upper end
 * @param confidence the confidence level, such as 0.95
 * @param standardError the standard error (the bootstrap distribution's standard deviation)
 * @param resamples the resamples used (0 for an analytic interval)
 */
public record Interval(String metric, String method, double estimate, double lower, double upper, double confidence,
    double standardError, int resamples) {
  /**
   * Checks the names.
   *
   * @param metric the metric's name
   * @param method how it was computed: {@code percentile-bootstrap} or {@code delong}
   * @param estimate the metric on all rows
   * @param lower the interval's lower end
   * @param upper the interval's upper end
   * @param confidence the confidence level, such as 0.95
   * @param standardError the standard error (the bootstrap distribution's standard deviation)
   * @param resamples the resamples used (0 for an analytic interval)
   */
  public Interval {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(method, "method");
  }
}
