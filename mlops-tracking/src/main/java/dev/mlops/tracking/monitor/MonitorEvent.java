package dev.mlops.tracking.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * A notification from a {@link MetricMonitor}.
 *
 * @param metric the monitored metric's name
 * @param kind what happened
 * @param index the 0-based position of the value in the monitored stream (counting from the first
 *     value the monitor ever saw, across restarts)
 * @param value the value that caused the event
 * @param at when the monitor processed the value, from its clock
 */
public record MonitorEvent(String metric, Kind kind, long index, double value, Instant at) {
  /**
   * Checks the fields.
   *
   * @param metric the monitored metric's name
   * @param kind what happened
   * @param index the 0-based position of the value in the monitored stream (counting from the first
   *     value the monitor ever saw, across restarts)
   * @param value the value that caused the event
   * @param at when the monitor processed the value, from its clock
   */
  public MonitorEvent {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }

  /** The kinds of event. */
  public enum Kind {
    /** The detector entered its warning zone while no warning was in force. */
    WARNING,
    /** A warning in force ended after the configured run of values without warning. */
    WARNING_CLEARED,
    /** The detector reported a drift, outside the cool-down of the previous notified drift. */
    DRIFT
  }
}
