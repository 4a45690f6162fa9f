package dev.mlops.tracking.monitor;

import dev.mlops.tracking.internal.monitor.ConfigChecks;
import java.util.Objects;

/**
 * Settings of Page-Hinkley; {@link #defaults()} are River's ({@code min_instances=30, delta=0.005,
 * threshold=50, alpha=1-0.0001, mode="both"}).
 *
 * @param minInstances no drift is reported before this many values
 * @param delta the magnitude of change tolerated per value
 * @param threshold the decision threshold (lambda)
 * @param alpha the forgetting factor of the cumulative sums, in (0, 1]
 * @param direction which movements of the mean are reported
 */
public record PageHinkleyConfig(int minInstances, double delta, double threshold, double alpha,
    ChangeDirection direction) {
  /**
   * Validates the settings.
   *
   * @throws dev.mlops.core.InvalidInputException naming the setting out of range
   * @param minInstances no drift is reported before this many values
   * @param delta the magnitude of change tolerated per value
   * @param threshold the decision threshold (lambda)
   * @param alpha the forgetting factor of the cumulative sums, in (0, 1]
   * @param direction which movements of the mean are reported
   */
  public PageHinkleyConfig {
    ConfigChecks.atLeast("PageHinkleyConfig", "minInstances", minInstances, 1);
    ConfigChecks.atLeast("PageHinkleyConfig", "delta", delta, 0.0);
    ConfigChecks.above("PageHinkleyConfig", "threshold", threshold, 0.0);
    ConfigChecks.above("PageHinkleyConfig", "alpha", alpha, 0.0);
    if (alpha > 1) {
      throw new dev.mlops.core.InvalidInputException("PageHinkleyConfig.alpha must be in (0, 1], got " + alpha);
    }
    Objects.requireNonNull(direction, "direction");
  }

  /**
   * River's defaults.
   *
   * @return the default settings
   */
  public static PageHinkleyConfig defaults() {
    return new PageHinkleyConfig(30, 0.005, 50.0, 1 - 0.0001, ChangeDirection.BOTH);
  }

  /**
   * Returns a copy with another warm-up.
   *
   * @param value the minimum number of values, at least 1
   * @return the new settings
   */
  public PageHinkleyConfig withMinInstances(int value) {
    return new PageHinkleyConfig(value, delta, threshold, alpha, direction);
  }

  /**
   * Returns a copy with another tolerance.
   *
   * @param value the tolerance, at least 0
   * @return the new settings
   */
  public PageHinkleyConfig withDelta(double value) {
    return new PageHinkleyConfig(minInstances, value, threshold, alpha, direction);
  }

  /**
   * Returns a copy with another threshold.
   *
   * @param value the threshold, above 0
   * @return the new settings
   */
  public PageHinkleyConfig withThreshold(double value) {
    return new PageHinkleyConfig(minInstances, delta, value, alpha, direction);
  }

  /**
   * Returns a copy with another forgetting factor.
   *
   * @param value the factor, in (0, 1]
   * @return the new settings
   */
  public PageHinkleyConfig withAlpha(double value) {
    return new PageHinkleyConfig(minInstances, delta, threshold, value, direction);
  }

  /**
   * Returns a copy watching another direction.
   *
   * @param value the direction
   * @return the new settings
   */
  public PageHinkleyConfig withDirection(ChangeDirection value) {
    return new PageHinkleyConfig(minInstances, delta, threshold, alpha, value);
  }
}
