package dev.mlops.tracking.monitor;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.internal.monitor.ConfigChecks;
import java.util.List;
import java.util.Objects;

/**
 * Settings of KSWIN; {@link #defaults(long)} are River's ({@code alpha=0.005, window_size=100,
 * stat_size=30}) with an explicit seed.
 *
 * @param alpha the significance of the Kolmogorov-Smirnov test, in (0, 1); River advises below 0.01
 * @param windowSize the length of the sliding window
 * @param statSize the length of the recent window compared with a sample of the older part, below
 *     {@code windowSize}
 * @param seed the seed of the random sample drawn from the older part of the window
 * @param initialWindow values already collected, to avoid a cold start (at most the last
 *     {@code windowSize} are kept); empty for none
 */
public record KswinConfig(double alpha, int windowSize, int statSize, long seed, List<Double> initialWindow) {
  /**
   * Validates the settings and copies the initial window.
   *
   * @throws InvalidInputException naming the setting out of range
   * @param alpha the significance of the Kolmogorov-Smirnov test, in (0, 1); River advises below 0.01
   * @param windowSize the length of the sliding window
   * @param statSize the length of the recent window compared with a sample of the older part, below
   *     {@code windowSize}
   * @param seed the seed of the random sample drawn from the older part of the window
   * @param initialWindow values already collected, to avoid a cold start (at most the last
   *     {@code windowSize} are kept); empty for none
   */
  public KswinConfig {
    ConfigChecks.openUnit("KswinConfig", "alpha", alpha);
    ConfigChecks.atLeast("KswinConfig", "statSize", statSize, 1);
    if (windowSize < 2 * statSize) {
      // the older part must hold at least statSize values to sample statSize distinct ones from it
      throw new InvalidInputException("KswinConfig.windowSize must be >= 2 * statSize, got windowSize="
          + windowSize + ", statSize=" + statSize);
    }
    initialWindow = List.copyOf(Objects.requireNonNull(initialWindow, "initialWindow"));
    for (int i = 0; i < initialWindow.size(); i++) {
      if (!Double.isFinite(initialWindow.get(i))) {
        throw new InvalidInputException("KswinConfig.initialWindow[" + i + "] is not finite: " + initialWindow.get(i));
      }
    }
  }

  /**
   * River's defaults with a seed.
   *
   * @param seed the seed of the random sampling
   * @return the default settings
   */
  public static KswinConfig defaults(long seed) {
    return new KswinConfig(0.005, 100, 30, seed, List.of());
  }

  /**
   * Returns a copy with another significance.
   *
   * @param value the significance, in (0, 1)
   * @return the new settings
   */
  public KswinConfig withAlpha(double value) {
    return new KswinConfig(value, windowSize, statSize, seed, initialWindow);
  }

  /**
   * Returns a copy with other window lengths.
   *
   * @param window the sliding window length, at least {@code 2 * stat}
   * @param stat the recent window length, at least 1
   * @return the new settings
   */
  public KswinConfig withWindow(int window, int stat) {
    return new KswinConfig(alpha, window, stat, seed, initialWindow);
  }

  /**
   * Returns a copy with another seed.
   *
   * @param value the seed
   * @return the new settings
   */
  public KswinConfig withSeed(long value) {
    return new KswinConfig(alpha, windowSize, statSize, value, initialWindow);
  }

  /**
   * Returns a copy that starts from already collected values.
   *
   * @param values the values, finite
   * @return the new settings
   */
  public KswinConfig withInitialWindow(List<Double> values) {
    return new KswinConfig(alpha, windowSize, statSize, seed, values);
  }
}
