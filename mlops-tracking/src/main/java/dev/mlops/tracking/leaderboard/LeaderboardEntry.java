package dev.mlops.tracking.leaderboard;

import java.util.Map;
import java.util.Objects;

/**
 * One row of a leaderboard. Immutable.
 *
 * @param rank 1 for the best
 * @param runId the run id
 * @param runName the run name
 * @param score the aggregated primary metric
 * @param group the values of the group-by fields (empty without grouping; "" for a missing value)
 * @param params the run's params
 * @param metrics the run's latest metric values
 */
public record LeaderboardEntry(int rank, String runId, String runName, double score, Map<String, String> group,
    Map<String, String> params, Map<String, Double> metrics) {
  /**
   * Creates an entry.
   *
   * @param rank the rank
   * @param runId the run id
   * @param runName the run name
   * @param score the score
   * @param group the group values; copied
   * @param params the params; copied
   * @param metrics the metrics; copied
   */
  public LeaderboardEntry {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(runName, "runName");
    group = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(group));
    params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
    metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
  }
}
