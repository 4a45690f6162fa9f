package dev.mlops.tracking.monitor.anomaly;

import java.util.Objects;

/**
 * One anomalous point of a metric history.
 *
 * @param index the position in the history
 * @param value the value at that position
 * @param detail why the value is anomalous, with the bounds it broke
 */
public record Anomaly(int index, double value, String detail) {
  /**
   * Checks the fields.
   *
   * @param index the position in the history
   * @param value the value at that position
   * @param detail why the value is anomalous, with the bounds it broke
   */
  public Anomaly {
    Objects.requireNonNull(detail, "detail");
  }
}
