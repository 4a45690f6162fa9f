package dev.mlops.tracking.monitor;

/** Where a {@link MetricMonitor} stands after a value. */
public enum MonitorState {
  /** No warning in force and no drift at this value. */
  STABLE,
  /** A warning is in force (it clears only after the configured run of quiet values). */
  WARNING,
  /** A drift was notified at this value (a drift inside the cool-down is counted but not reported here). */
  DRIFT
}
