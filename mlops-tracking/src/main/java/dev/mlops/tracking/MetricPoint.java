package dev.mlops.tracking;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One logged value of a metric: key, value, step and wall-clock time in epoch milliseconds.
 *
 * <p>Values may be NaN or infinite. Immutable.
 *
 * @param key the metric key
 * @param value the value
 * @param step the step (0 unless the caller gave one)
 * @param timestampMillis when it was logged, in milliseconds since the epoch (UTC)
 */
public record MetricPoint(String key, double value, long step, long timestampMillis) {
  /**
   * MLflow's order for "the latest value": by step, then timestamp, then value ({@link Double#compare}).
   * The latest value of a metric is the maximum in this order.
   */
  public static final Comparator<MetricPoint> LATEST_ORDER = Comparator.comparingLong(MetricPoint::step)
      .thenComparingLong(MetricPoint::timestampMillis)
      .thenComparing((a, b) -> Double.compare(a.value(), b.value()));

  /**
   * Creates a point.
   *
   * @param key the metric key
   * @param value the value
   * @param step the step
   * @param timestampMillis epoch milliseconds
   */
  public MetricPoint {
    Objects.requireNonNull(key, "key");
  }

  /** @return the timestamp as an instant */
  public Instant time() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /**
   * Tells whether this point supersedes another as the latest value of its metric.
   *
   * @param other the current latest point
   * @return true if this point is later in {@link #LATEST_ORDER}
   */
  public boolean isLaterThan(MetricPoint other) {
    return LATEST_ORDER.compare(this, other) > 0;
  }
}
