package dev.mlops.tracking;

import dev.mlops.tracking.internal.store.LayoutMap;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A run as stored at the moment it was read: identity, status, times, params, tags and the latest value
 * of each metric. Immutable and safe to share.
 *
 * <p>The status is the effective one: a run recorded as {@link RunStatus#RUNNING} whose process is known
 * to be dead (or whose heartbeat lease expired) reads as {@link RunStatus#KILLED}.
 */
public final class RunSnapshot {
  private final String id;
  private final String experimentId;
  private final String name;
  private final @Nullable String parentId;
  private final RunStatus status;
  private final Instant startTime;
  private final @Nullable Instant endTime;
  private final Map<String, String> params;
  private final Map<String, String> tags;
  private final Map<String, MetricPoint> latest;

  /**
   * Creates a snapshot.
   *
   * @param id the run id
   * @param experimentId the experiment id
   * @param name the run name
   * @param parentId the parent run's id, or null
   * @param status the effective status
   * @param startTime when it started
   * @param endTime when it ended, or null while running
   * @param params the params; copied
   * @param tags the tags; copied
   * @param latest the latest point per metric key; copied
   */
  public RunSnapshot(String id, String experimentId, String name, @Nullable String parentId, RunStatus status,
      Instant startTime, @Nullable Instant endTime, Map<String, String> params, Map<String, String> tags,
      Map<String, MetricPoint> latest) {
    this.id = Objects.requireNonNull(id, "id");
    this.experimentId = Objects.requireNonNull(experimentId, "experimentId");
    this.name = Objects.requireNonNull(name, "name");
    this.parentId = parentId;
    this.status = Objects.requireNonNull(status, "status");
    this.startTime = Objects.requireNonNull(startTime, "startTime");
    this.endTime = endTime;
    this.params = frozen(params);
    this.tags = frozen(tags);
    this.latest = frozen(latest);
  }

  /** An unmodifiable copy in the map's order; a map that is already immutable (the catalog's) is kept as it is. */
  private static <V> Map<String, V> frozen(Map<String, V> map) {
    return map instanceof LayoutMap ? map : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** @return the run id, 32 lowercase hex characters */
  public String id() {
    return id;
  }

  /** @return the id of the experiment the run belongs to */
  public String experimentId() {
    return experimentId;
  }

  /** @return the run name */
  public String name() {
    return name;
  }

  /** @return the parent run's id, if this run is a child (for example a sweep trial) */
  public Optional<String> parentId() {
    return Optional.ofNullable(parentId);
  }

  /** @return the effective status */
  public RunStatus status() {
    return status;
  }

  /** @return when the run started */
  public Instant startTime() {
    return startTime;
  }

  /** @return when the run ended; empty while it runs */
  public Optional<Instant> endTime() {
    return Optional.ofNullable(endTime);
  }

  /** @return the params, unmodifiable */
  public Map<String, String> params() {
    return params;
  }

  /** @return the tags, unmodifiable */
  public Map<String, String> tags() {
    return tags;
  }

  /** @return the latest value of each metric, unmodifiable */
  public Map<String, Double> metrics() {
    Map<String, Double> out = new LinkedHashMap<>();
    latest.forEach((k, p) -> out.put(k, p.value()));
    return Collections.unmodifiableMap(out);
  }

  /** @return the latest point of each metric (value, step, timestamp), unmodifiable */
  public Map<String, MetricPoint> latestMetrics() {
    return latest;
  }

  /**
   * Returns the latest value of one metric.
   *
   * @param key the metric key
   * @return the value, or empty if the run never logged it
   */
  public Optional<Double> metric(String key) {
    MetricPoint p = latest.get(key);
    return p == null ? Optional.empty() : Optional.of(p.value());
  }

  /** @return the artifact versions the run read, {@code name@version} by role (from its {@code mlops.input.*} tags) */
  public Map<String, String> inputs() {
    return links(Run.INPUT_TAG_PREFIX);
  }

  /** @return the artifact versions the run produced, {@code name@version} by role */
  public Map<String, String> outputs() {
    return links(Run.OUTPUT_TAG_PREFIX);
  }

  /** @return the id of the run's fingerprint, if one was attached */
  public Optional<String> fingerprintId() {
    return Optional.ofNullable(tags.get(Run.FINGERPRINT_TAG));
  }

  private Map<String, String> links(String prefix) {
    Map<String, String> out = new java.util.TreeMap<>();
    tags.forEach((k, v) -> {
      if (k.startsWith(prefix) && !k.endsWith(".digest")) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns a copy of this snapshot with another status (used to report runs whose process died).
   *
   * @param newStatus the status
   * @param newEndTime the end time to report, or null
   * @return the copy
   */
  public RunSnapshot withStatus(RunStatus newStatus, @Nullable Instant newEndTime) {
    return new RunSnapshot(id, experimentId, name, parentId, newStatus, startTime, newEndTime, params, tags, latest);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RunSnapshot)) {
      return false;
    }
    RunSnapshot r = (RunSnapshot) o;
    return id.equals(r.id) && experimentId.equals(r.experimentId) && name.equals(r.name)
        && Objects.equals(parentId, r.parentId) && status == r.status && startTime.equals(r.startTime)
        && Objects.equals(endTime, r.endTime) && params.equals(r.params) && tags.equals(r.tags)
        && latest.equals(r.latest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, status, startTime, endTime, params, tags, latest);
  }

  @Override
  public String toString() {
    return "RunSnapshot{" + id + " '" + name + "' " + status + ", params=" + params + ", metrics=" + metrics()
        + ", tags=" + tags + "}";
  }
}
