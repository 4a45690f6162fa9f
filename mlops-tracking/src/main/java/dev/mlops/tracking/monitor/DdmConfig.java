package dev.mlops.tracking.monitor;

import dev.mlops.tracking.internal.monitor.ConfigChecks;

/**
 * Settings of DDM; {@link #defaults()} are River's ({@code warm_start=30, warning_threshold=2.0,
 * drift_threshold=3.0}).
 *
 * @param warmStart nothing is reported until more than this many values were seen
 * @param warningThreshold the warning level, in standard deviations above the best error rate
 * @param driftThreshold the drift level, in standard deviations above the best error rate
 */
public record DdmConfig(int warmStart, double warningThreshold, double driftThreshold) {
  /**
   * Validates the settings.
   *
   * @throws dev.mlops.core.InvalidInputException naming the setting out of range
   * @param warmStart nothing is reported until more than this many values were seen
   * @param warningThreshold the warning level, in standard deviations above the best error rate
   * @param driftThreshold the drift level, in standard deviations above the best error rate
   */
  public DdmConfig {
    ConfigChecks.atLeast("DdmConfig", "warmStart", warmStart, 0);
    ConfigChecks.atLeast("DdmConfig", "warningThreshold", warningThreshold, 0.0);
    ConfigChecks.atLeast("DdmConfig", "driftThreshold", driftThreshold, warningThreshold);
  }

  /**
   * River's defaults.
   *
   * @return the default settings
   */
  public static DdmConfig defaults() {
    return new DdmConfig(30, 2.0, 3.0);
  }

  /**
   * Returns a copy with another warm start.
   *
   * @param value the warm start, at least 0
   * @return the new settings
   */
  public DdmConfig withWarmStart(int value) {
    return new DdmConfig(value, warningThreshold, driftThreshold);
  }

  /**
   * Returns a copy with other thresholds.
   *
   * @param warning the warning level, at least 0
   * @param drift the drift level, at least {@code warning}
   * @return the new settings
   */
  public DdmConfig withThresholds(double warning, double drift) {
    return new DdmConfig(warmStart, warning, drift);
  }
}
