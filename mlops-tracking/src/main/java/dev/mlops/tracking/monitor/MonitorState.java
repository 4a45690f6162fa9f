package dev.mlops.tracking.monitor;

/** Where a {@link MetricMonitor} stands after a value. */
public enum MonitorState {
  /** No warning in force and no drift at this value. */
  STABLE,
  /** A warning is in force (it clears only after the configured run of quiet values). */
  WARNING,
  /** The detector reported a drift at this value. */
  DRIFT
}
