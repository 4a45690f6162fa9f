package dev.mlops.tracking.monitor;

import dev.mlops.tracking.internal.monitor.ConfigChecks;
import java.util.Objects;

/**
 * Settings of CUSUM; {@link #defaults()} are River's ({@code min_instances=30, slack=0.5,
 * threshold=5.0, mode="both"}). Slack and threshold are multiples of the standard deviation measured
 * over the warm-up.
 *
 * @param minInstances the warm-up: the reference mean and deviation are estimated over this many values
 * @param slack the slack k, in reference standard deviations, at least 0
 * @param threshold the decision interval h, in reference standard deviations, above 0
 * @param direction which movements of the mean are reported
 */
public record CusumConfig(int minInstances, double slack, double threshold, ChangeDirection direction) {
  /**
   * Validates the settings.
   *
   * @throws dev.mlops.core.InvalidInputException naming the setting out of range
   * @param minInstances the warm-up: the reference mean and deviation are estimated over this many values
   * @param slack the slack k, in reference standard deviations, at least 0
   * @param threshold the decision interval h, in reference standard deviations, above 0
   * @param direction which movements of the mean are reported
   */
  public CusumConfig {
    ConfigChecks.atLeast("CusumConfig", "minInstances", minInstances, 1);
    ConfigChecks.atLeast("CusumConfig", "slack", slack, 0.0);
    ConfigChecks.above("CusumConfig", "threshold", threshold, 0.0);
    Objects.requireNonNull(direction, "direction");
  }

  /**
   * River's defaults.
   *
   * @return the default settings
   */
  public static CusumConfig defaults() {
    return new CusumConfig(30, 0.5, 5.0, ChangeDirection.BOTH);
  }

  /**
   * Returns a copy with another warm-up.
   *
   * @param value the warm-up length, at least 1
   * @return the new settings
   */
  public CusumConfig withMinInstances(int value) {
    return new CusumConfig(value, slack, threshold, direction);
  }

  /**
   * Returns a copy with another slack.
   *
   * @param value the slack, at least 0
   * @return the new settings
   */
  public CusumConfig withSlack(double value) {
    return new CusumConfig(minInstances, value, threshold, direction);
  }

  /**
   * Returns a copy with another decision interval.
   *
   * @param value the interval, above 0
   * @return the new settings
   */
  public CusumConfig withThreshold(double value) {
    return new CusumConfig(minInstances, slack, value, direction);
  }

  /**
   * Returns a copy watching another direction.
   *
   * @param value the direction
   * @return the new settings
   */
  public CusumConfig withDirection(ChangeDirection value) {
    return new CusumConfig(minInstances, slack, threshold, value);
  }
}
