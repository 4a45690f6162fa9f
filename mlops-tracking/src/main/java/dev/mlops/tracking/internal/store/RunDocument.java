package dev.mlops.tracking.internal.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of a run record: identity, status, times, owner lease, params, tags and latest metrics.
 *
 * @param id the run id
 * @param experimentId the experiment id
 * @param name the run name
 * @param parentId the parent run id, or null
 * @param status the recorded status name
 * @param startTime epoch milliseconds
 * @param endTime epoch milliseconds, or null while running
 * @param owner the process that runs it
 * @param heartbeat the last time the owner renewed its lease, epoch milliseconds
 * @param params the params
 * @param tags the tags
 * @param metrics the latest point per metric key
 */
public record RunDocument(String id, String experimentId, String name, @Nullable String parentId, String status,
    long startTime, @Nullable Long endTime, ProcessOwner owner, long heartbeat, Map<String, String> params,
    Map<String, String> tags, Map<String, LatestMetric> metrics) {
  /** Replaces absent maps with empty ones. */
  public RunDocument {
    params = params == null ? new LinkedHashMap<>() : params;
    tags = tags == null ? new LinkedHashMap<>() : tags;
    metrics = metrics == null ? new LinkedHashMap<>() : metrics;
  }

  /**
   * The latest point of one metric, as stored.
   *
   * @param value the value (NaN and infinities stored as strings)
   * @param step the step
   * @param timestamp epoch milliseconds
   */
  public record LatestMetric(double value, long step, long timestamp) {}
}
