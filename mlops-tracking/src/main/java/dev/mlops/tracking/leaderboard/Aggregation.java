package dev.mlops.tracking.leaderboard;

import dev.mlops.tracking.MetricPoint;
import java.util.List;

/**
 * How a run's metric history becomes one score. NaN values are skipped by MIN, MAX and MEAN; a history
 * with no numbers scores NaN, which ranks last.
 */
public enum Aggregation {
  /** The latest value, by MLflow's (step, timestamp, value) order. */
  LAST,
  /** The smallest value. */
  MIN,
  /** The largest value. */
  MAX,
  /** The arithmetic mean. */
  MEAN;

  /**
   * Aggregates a history.
   *
   * @param history the points of one metric (in any order)
   * @return the score, NaN if there is none
   */
  public double apply(List<MetricPoint> history) {
    if (this == LAST) {
      return history.stream().max(MetricPoint.LATEST_ORDER).map(MetricPoint::value).orElse(Double.NaN);
    }
    double acc = this == MIN ? Double.POSITIVE_INFINITY : this == MAX ? Double.NEGATIVE_INFINITY : 0;
    long n = 0;
    for (MetricPoint p : history) {
      double v = p.value();
      if (Double.isNaN(v)) {
        continue;
      }
      n++;
      acc = this == MIN ? Math.min(acc, v) : this == MAX ? Math.max(acc, v) : acc + v;
    }
    if (n == 0) {
      return Double.NaN;
    }
    return this == MEAN ? acc / n : acc;
  }
}
