package dev.mlops.tracking.monitor;

/** Which movements of the mean a two-sided detector (Page-Hinkley, CUSUM) reports. */
public enum ChangeDirection {
  /** Only increases of the mean. */
  UP,
  /** Only decreases of the mean. */
  DOWN,
  /** Increases and decreases. */
  BOTH
}
