package dev.mlops.tracking.monitor;

import dev.mlops.tracking.internal.monitor.ConfigChecks;

/**
 * Settings of HDDM_W; {@link #defaults()} are River's ({@code drift_confidence=0.001,
 * warning_confidence=0.005, lambda_val=0.05, two_sided_test=False}).
 *
 * @param driftConfidence the significance of a drift, in (0, 1)
 * @param warningConfidence the significance of a warning, in (0, 1)
 * @param lambda the weight of the newest value in the exponentially weighted averages, in (0, 1)
 * @param twoSided whether decreases of the error rate are reported too
 */
public record HddmWConfig(double driftConfidence, double warningConfidence, double lambda, boolean twoSided) {
  /**
   * Validates the settings.
   *
   * @throws dev.mlops.core.InvalidInputException naming the setting out of range
   * @param driftConfidence the significance of a drift, in (0, 1)
   * @param warningConfidence the significance of a warning, in (0, 1)
   * @param lambda the weight of the newest value in the exponentially weighted averages, in (0, 1)
   * @param twoSided whether decreases of the error rate are reported too
   */
  public HddmWConfig {
    ConfigChecks.openUnit("HddmWConfig", "driftConfidence", driftConfidence);
    ConfigChecks.openUnit("HddmWConfig", "warningConfidence", warningConfidence);
    ConfigChecks.openUnit("HddmWConfig", "lambda", lambda);
  }

  /**
   * River's defaults.
   *
   * @return the default settings
   */
  public static HddmWConfig defaults() {
    return new HddmWConfig(0.001, 0.005, 0.05, false);
  }

  /**
   * Returns a copy with other significances.
   *
   * @param drift the drift significance
   * @param warning the warning significance
   * @return the new settings
   */
  public HddmWConfig withConfidences(double drift, double warning) {
    return new HddmWConfig(drift, warning, lambda, twoSided);
  }

  /**
   * Returns a copy with another weight of the newest value.
   *
   * @param value the weight, in (0, 1)
   * @return the new settings
   */
  public HddmWConfig withLambda(double value) {
    return new HddmWConfig(driftConfidence, warningConfidence, value, twoSided);
  }

  /**
   * Returns a copy with the two-sided test switched.
   *
   * @param value whether decreases are reported too
   * @return the new settings
   */
  public HddmWConfig withTwoSided(boolean value) {
    return new HddmWConfig(driftConfidence, warningConfidence, lambda, value);
  }
}
