package dev.mlops.tracking.monitor;

import dev.mlops.tracking.internal.monitor.ConfigChecks;

/**
 * Settings of ADWIN; {@link #defaults()} are River's ({@code delta=0.002, clock=32, max_buckets=5,
 * min_window_length=5, grace_period=10}).
 *
 * @param delta the significance of the cut test, in (0, 1); smaller means fewer false alarms
 * @param clock check for a cut every {@code clock} values (1 checks at every value)
 * @param maxBuckets how many buckets of each size are kept before two are merged, at least 2
 * @param minWindowLength the smallest sub-window a cut may leave on either side, at least 1
 * @param gracePeriod no cut is checked until the window holds more than this many values
 */
public record AdwinConfig(double delta, int clock, int maxBuckets, int minWindowLength, int gracePeriod) {
  /**
   * Validates the settings.
   *
   * @throws dev.mlops.core.InvalidInputException naming the setting out of range
   * @param delta the significance of the cut test, in (0, 1); smaller means fewer false alarms
   * @param clock check for a cut every {@code clock} values (1 checks at every value)
   * @param maxBuckets how many buckets of each size are kept before two are merged, at least 2
   * @param minWindowLength the smallest sub-window a cut may leave on either side, at least 1
   * @param gracePeriod no cut is checked until the window holds more than this many values
   */
  public AdwinConfig {
    ConfigChecks.openUnit("AdwinConfig", "delta", delta);
    ConfigChecks.atLeast("AdwinConfig", "clock", clock, 1);
    ConfigChecks.atLeast("AdwinConfig", "maxBuckets", maxBuckets, 2);
    ConfigChecks.atLeast("AdwinConfig", "minWindowLength", minWindowLength, 1);
    ConfigChecks.atLeast("AdwinConfig", "gracePeriod", gracePeriod, 0);
  }

  /**
   * River's defaults.
   *
   * @return the default settings
   */
  public static AdwinConfig defaults() {
    return new AdwinConfig(0.002, 32, 5, 5, 10);
  }

  /**
   * Returns a copy with another significance.
   *
   * @param value the significance, in (0, 1)
   * @return the new settings
   */
  public AdwinConfig withDelta(double value) {
    return new AdwinConfig(value, clock, maxBuckets, minWindowLength, gracePeriod);
  }

  /**
   * Returns a copy with another clock.
   *
   * @param value check every this many values, at least 1
   * @return the new settings
   */
  public AdwinConfig withClock(int value) {
    return new AdwinConfig(delta, value, maxBuckets, minWindowLength, gracePeriod);
  }

  /**
   * Returns a copy with another bucket count.
   *
   * @param value buckets of each size kept before merging, at least 2
   * @return the new settings
   */
  public AdwinConfig withMaxBuckets(int value) {
    return new AdwinConfig(delta, clock, value, minWindowLength, gracePeriod);
  }

  /**
   * Returns a copy with another minimum sub-window length.
   *
   * @param value the minimum, at least 1
   * @return the new settings
   */
  public AdwinConfig withMinWindowLength(int value) {
    return new AdwinConfig(delta, clock, maxBuckets, value, gracePeriod);
  }

  /**
   * Returns a copy with another grace period.
   *
   * @param value the grace period, at least 0
   * @return the new settings
   */
  public AdwinConfig withGracePeriod(int value) {
    return new AdwinConfig(delta, clock, maxBuckets, minWindowLength, value);
  }
}
