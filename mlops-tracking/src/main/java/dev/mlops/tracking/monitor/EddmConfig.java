package dev.mlops.tracking.monitor;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.internal.monitor.ConfigChecks;

/**
 * Settings of EDDM; {@link #defaults()} are River's ({@code warm_start=30, alpha=0.95, beta=0.9}).
 *
 * @param warmStart nothing is reported until more than this many values and errors were seen
 * @param alpha the warning level: the ratio of the current to the best error-distance statistic below
 *     which the detector warns, in (0, 1)
 * @param beta the drift level, in (0, 1) and at most {@code alpha}
 */
public record EddmConfig(int warmStart, double alpha, double beta) {
  /**
   * Validates the settings.
   *
   * @throws InvalidInputException naming the setting out of range
   * @param warmStart nothing is reported until more than this many values and errors were seen
   * @param alpha the warning level: the ratio of the current to the best error-distance statistic below
   *     which the detector warns, in (0, 1)
   * @param beta the drift level, in (0, 1) and at most {@code alpha}
   */
  public EddmConfig {
    ConfigChecks.atLeast("EddmConfig", "warmStart", warmStart, 0);
    ConfigChecks.openUnit("EddmConfig", "alpha", alpha);
    ConfigChecks.openUnit("EddmConfig", "beta", beta);
    if (alpha < beta) {
      throw new InvalidInputException("EddmConfig.alpha must be >= beta, got alpha=" + alpha + ", beta=" + beta);
    }
  }

  /**
   * River's defaults.
   *
   * @return the default settings
   */
  public static EddmConfig defaults() {
    return new EddmConfig(30, 0.95, 0.9);
  }

  /**
   * Returns a copy with another warm start.
   *
   * @param value the warm start, at least 0
   * @return the new settings
   */
  public EddmConfig withWarmStart(int value) {
    return new EddmConfig(value, alpha, beta);
  }

  /**
   * Returns a copy with other levels.
   *
   * @param warning the warning level alpha
   * @param drift the drift level beta, at most {@code warning}
   * @return the new settings
   */
  public EddmConfig withLevels(double warning, double drift) {
    return new EddmConfig(warmStart, warning, drift);
  }
}
