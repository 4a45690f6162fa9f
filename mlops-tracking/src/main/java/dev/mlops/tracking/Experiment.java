package dev.mlops.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An experiment: a named group of runs, with tags. Created on first use; deleted softly (its runs stay
 * readable, new runs are refused until it is restored). Immutable.
 *
 * @param id the experiment id, 32 hex characters
 * @param name the unique name
 * @param createdAt when it was created
 * @param tags its tags (unmodifiable)
 * @param deleted true if it was soft-deleted
 */
public record Experiment(String id, String name, Instant createdAt, Map<String, String> tags, boolean deleted) {
  /**
   * Creates an experiment value.
   *
   * @param id the id
   * @param name the name
   * @param createdAt the creation time
   * @param tags the tags; copied
   * @param deleted the soft-delete flag
   */
  public Experiment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    tags = Map.copyOf(tags);
  }
}
