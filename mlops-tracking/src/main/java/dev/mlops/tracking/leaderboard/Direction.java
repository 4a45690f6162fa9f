package dev.mlops.tracking.leaderboard;

/** Whether a higher or a lower score ranks first. */
public enum Direction {
  /** Higher is better (accuracy, F1). */
  MAXIMIZE,
  /** Lower is better (loss, error). */
  MINIMIZE
}
