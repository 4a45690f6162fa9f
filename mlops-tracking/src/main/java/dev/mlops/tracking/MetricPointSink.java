package dev.mlops.tracking;

/**
 * Receives a run's metric points one at a time, in logging order, without a {@link MetricPoint} per point:
 * {@link Tracker#forEachMetricPoint(String, MetricPointSink)} streams a long series through it into
 * whatever form the caller keeps (primitive arrays, a running aggregate). A key is decoded once per stored
 * entry of up to 4,096 points (when the run interleaves no more than eight keys), so points of one key
 * mostly pass the same {@code String} instance.
 */
@FunctionalInterface
public interface MetricPointSink {
  /**
   * Takes one point.
   *
   * @param key the metric key
   * @param value the value (NaN and infinities as logged)
   * @param step the step
   * @param timestampMillis when it was logged, in epoch milliseconds
   */
  void accept(String key, double value, long step, long timestampMillis);
}
