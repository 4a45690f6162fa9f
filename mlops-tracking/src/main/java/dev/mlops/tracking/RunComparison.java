package dev.mlops.tracking;

import dev.mlops.core.fingerprint.FingerprintDiff;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A side-by-side comparison of two runs: the params that differ, every metric's latest values with
 * their difference, and the diff of their fingerprints when both carry one. Immutable.
 *
 * @param first the first run
 * @param second the second run
 * @param params the params whose values differ (or exist in one run only), by key
 * @param metrics every metric either run logged, by key
 * @param fingerprintDiff how the runs' fingerprints differ, or null unless both carry one
 */
public record RunComparison(RunSnapshot first, RunSnapshot second, Map<String, ValueDifference> params,
    Map<String, MetricDifference> metrics, @Nullable FingerprintDiff fingerprintDiff) {
  /**
   * Creates a comparison.
   *
   * @param first the first run
   * @param second the second run
   * @param params the differing params; copied
   * @param metrics the metrics; copied
   * @param fingerprintDiff the fingerprint diff, or null
   */
  public RunComparison {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    params = Map.copyOf(params);
    metrics = Map.copyOf(metrics);
  }

  /**
   * Compares two runs.
   *
   * @param first the first run
   * @param second the second run
   * @param fingerprintDiff the diff of their fingerprints, or null if either has none
   * @return the comparison
   */
  public static RunComparison of(RunSnapshot first, RunSnapshot second, @Nullable FingerprintDiff fingerprintDiff) {
    Map<String, ValueDifference> params = new TreeMap<>();
    TreeMap<String, Boolean> keys = new TreeMap<>();
    first.params().keySet().forEach(k -> keys.put(k, true));
    second.params().keySet().forEach(k -> keys.put(k, true));
    for (String k : keys.keySet()) {
      String a = first.params().get(k);
      String b = second.params().get(k);
      if (!Objects.equals(a, b)) {
        params.put(k, new ValueDifference(a, b));
      }
    }
    Map<String, MetricDifference> metrics = new TreeMap<>();
    TreeMap<String, Boolean> metricKeys = new TreeMap<>();
    first.metrics().keySet().forEach(k -> metricKeys.put(k, true));
    second.metrics().keySet().forEach(k -> metricKeys.put(k, true));
    for (String k : metricKeys.keySet()) {
      metrics.put(k, new MetricDifference(first.metrics().get(k), second.metrics().get(k)));
    }
    return new RunComparison(first, second, params, metrics, fingerprintDiff);
  }

  /** @return how the fingerprints differ, if both runs carry one */
  public Optional<FingerprintDiff> fingerprint() {
    return Optional.ofNullable(fingerprintDiff);
  }

  /** @return true if both runs logged the same params */
  public boolean sameParams() {
    return params.isEmpty();
  }

  /**
   * A param value in each run; null where the run did not log it.
   *
   * @param first the first run's value
   * @param second the second run's value
   */
  public record ValueDifference(@Nullable String first, @Nullable String second) {}

  /**
   * A metric's latest value in each run; null where the run did not log it.
   *
   * @param first the first run's value
   * @param second the second run's value
   */
  public record MetricDifference(@Nullable Double first, @Nullable Double second) {
    /** @return second minus first, or NaN if either is missing */
    public double delta() {
      return first == null || second == null ? Double.NaN : second - first;
    }
  }
}
