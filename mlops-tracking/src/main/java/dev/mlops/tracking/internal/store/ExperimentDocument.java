package dev.mlops.tracking.internal.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON body of an experiment record.
 *
 * @param id the experiment id
 * @param name the name
 * @param createdAt creation time, epoch milliseconds
 * @param tags the tags
 * @param deleted the soft-delete flag
 */
public record ExperimentDocument(String id, String name, long createdAt, Map<String, String> tags, boolean deleted) {
  /** Normalizes the tags into a sorted copy. */
  public ExperimentDocument {
    tags = new TreeMap<>(tags == null ? Map.of() : tags);
  }
}
