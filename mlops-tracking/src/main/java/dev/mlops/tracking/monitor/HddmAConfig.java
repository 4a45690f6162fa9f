package dev.mlops.tracking.monitor;

import dev.mlops.tracking.internal.monitor.ConfigChecks;

/**
 * Settings of HDDM_A; {@link #defaults()} are River's ({@code drift_confidence=0.001,
 * warning_confidence=0.005, two_sided_test=False}).
 *
 * @param driftConfidence the significance of a drift, in (0, 1)
 * @param warningConfidence the significance of a warning, in (0, 1)
 * @param twoSided whether decreases of the error rate are reported too
 */
public record HddmAConfig(double driftConfidence, double warningConfidence, boolean twoSided) {
  /**
   * Validates the settings.
   *
   * @throws dev.mlops.core.InvalidInputException naming the setting out of range
   * @param driftConfidence the significance of a drift, in (0, 1)
   * @param warningConfidence the significance of a warning, in (0, 1)
   * @param twoSided whether decreases of the error rate are reported too
   */
  public HddmAConfig {
    ConfigChecks.openUnit("HddmAConfig", "driftConfidence", driftConfidence);
    ConfigChecks.openUnit("HddmAConfig", "warningConfidence", warningConfidence);
  }

  /**
   * River's defaults.
   *
   * @return the default settings
   */
  public static HddmAConfig defaults() {
    return new HddmAConfig(0.001, 0.005, false);
  }

  /**
   * Returns a copy with other significances.
   *
   * @param drift the drift significance
   * @param warning the warning significance
   * @return the new settings
   */
  public HddmAConfig withConfidences(double drift, double warning) {
    return new HddmAConfig(drift, warning, twoSided);
  }

  /**
   * Returns a copy with the two-sided test switched.
   *
   * @param value whether decreases are reported too
   * @return the new settings
   */
  public HddmAConfig withTwoSided(boolean value) {
    return new HddmAConfig(driftConfidence, warningConfidence, value);
  }
}
