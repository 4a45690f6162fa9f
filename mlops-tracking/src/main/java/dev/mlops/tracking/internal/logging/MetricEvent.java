package dev.mlops.tracking.internal.logging;

/**
 * One metric point on its way from a caller to the writer. Immutable.
 */
final class MetricEvent {
  final RunState run;
  final String key;
  final double value;
  final long step;
  final long timestamp;
  /** When it was queued ({@link System#nanoTime()}): its cycle starts then, not when the writer drains it. */
  final long queuedNanos = System.nanoTime();

  MetricEvent(RunState run, String key, double value, long step, long timestamp) {
    this.run = run;
    this.key = key;
    this.value = value;
    this.step = step;
    this.timestamp = timestamp;
  }
}
