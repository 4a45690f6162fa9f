package dev.mlops.tracking.internal.logging;

import dev.mlops.core.ConflictException;
import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.internal.store.ProcessOwner;
import dev.mlops.tracking.internal.store.RunDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The live, in-process state of one run that this process owns: the authority for its params (write-once),
 * tags, status and latest metrics, from which the writer builds the run record.
 *
 * <p>Thread-safe: every mutable field is guarded by {@code this}.
 */
public final class RunState {
  private final String id;
  private final String experimentId;
  private final String name;
  private final @Nullable String parentId;
  private final long startTime;
  private final ProcessOwner owner;
  private final String recordKey;
  private final String seriesKey;

  /** Set when the record must be written again; cleared by the writer before it snapshots. */
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  /** Guarded by this. */
  private final Map<String, String> params = new LinkedHashMap<>();
  /** Guarded by this. */
  private final Map<String, String> tags = new LinkedHashMap<>();
  /** Guarded by this; written by the thread writing a round as points become durable. */
  private final Map<String, MetricPoint> latest = new LinkedHashMap<>();
  /** Guarded by this. */
  private RunStatus status = RunStatus.RUNNING;
  /** Guarded by this. */
  private @Nullable Long endTime;
  /**
   * Guarded by this: whether the record may show the end. Set by the writer when it reaches the run's end
   * in its queue, so a terminal status is never written ahead of the points logged before it.
   */
  private boolean endRecorded;
  /** Guarded by this: the version of the run record this process last wrote. */
  private long recordVersion;

  /**
   * Creates the state of a new run.
   *
   * @param id the run id
   * @param experimentId the experiment id
   * @param name the run name
   * @param parentId the parent run id, or null
   * @param startTime epoch milliseconds
   * @param owner this process
   * @param recordKey the run record's key
   * @param seriesKey the metric series' key
   * @param tags the initial tags
   */
  public RunState(String id, String experimentId, String name, @Nullable String parentId, long startTime,
      ProcessOwner owner, String recordKey, String seriesKey, Map<String, String> tags) {
    this.id = id;
    this.experimentId = experimentId;
    this.name = name;
    this.parentId = parentId;
    this.startTime = startTime;
    this.owner = owner;
    this.recordKey = recordKey;
    this.seriesKey = seriesKey;
    this.tags.putAll(tags);
  }

  /** @return the run id */
  public String id() {
    return id;
  }

  /** @return the experiment id */
  public String experimentId() {
    return experimentId;
  }

  /** @return the run record's key */
  public String recordKey() {
    return recordKey;
  }

  /** @return the metric series' key */
  public String seriesKey() {
    return seriesKey;
  }

  /**
   * Records a param, write-once.
   *
   * @param key the key
   * @param value the value
   * @return true if it is new, false if the same value was already logged
   * @throws ConflictException if a different value was logged before
   */
  public synchronized boolean putParam(String key, String value) {
    return putParams(Map.of(key, value));
  }

  /**
   * Records several params, write-once, all or none: every one is checked against the params already
   * logged before any is recorded.
   *
   * @param values the params, by key
   * @return true if at least one is new
   * @throws ConflictException if a different value was logged before for any of them; none is recorded
   */
  public synchronized boolean putParams(Map<String, String> values) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      String old = params.get(e.getKey());
      if (old != null && !old.equals(e.getValue())) {
        throw new ConflictException("param '" + e.getKey() + "' of run " + id + " is already '" + shorten(old)
            + "'; params are write-once, cannot log '" + shorten(e.getValue()) + "'"
            + (values.size() > 1 ? " (none of the " + values.size() + " params was logged)" : ""));
      }
    }
    boolean added = false;
    for (Map.Entry<String, String> e : values.entrySet()) {
      added |= params.putIfAbsent(e.getKey(), e.getValue()) == null;
    }
    return added;
  }

  /**
   * Sets a tag.
   *
   * @param key the key
   * @param value the value
   */
  public synchronized void putTag(String key, String value) {
    tags.put(key, value);
  }

  /**
   * Ends the run once.
   *
   * @param newStatus a terminal status
   * @param when epoch milliseconds
   * @return true if this call ended it, false if it had already ended
   */
  public synchronized boolean end(RunStatus newStatus, long when) {
    if (status != RunStatus.RUNNING) {
      return false;
    }
    status = newStatus;
    endTime = when;
    return true;
  }

  /** @return the current status */
  public synchronized RunStatus status() {
    return status;
  }

  /** Lets the record show the end (in a round, once the points logged before the end are queued ahead). */
  public synchronized void recordEnd() {
    endRecorded = status.isTerminal();
  }

  /** @return true once the record may show a terminal status */
  public synchronized boolean isEndRecorded() {
    return endRecorded;
  }

  /**
   * Merges durable points into the latest values (in a round).
   *
   * @param keys the keys
   * @param values the values
   * @param steps the steps
   * @param timestamps the timestamps
   * @param count how many
   */
  public synchronized void mergeLatest(String[] keys, double[] values, long[] steps, long[] timestamps, int count) {
    for (int i = 0; i < count; i++) {
      MetricPoint p = new MetricPoint(keys[i], values[i], steps[i], timestamps[i]);
      MetricPoint old = latest.get(p.key());
      if (old == null || p.isLaterThan(old)) {
        latest.put(p.key(), p);
      }
    }
  }

  /** Marks the record as needing a write (the writer picks it up on its next cycle or flush). */
  public void markDirty() {
    dirty.set(true);
  }

  /** @return true if the record needed a write; clears the mark */
  public boolean takeDirty() {
    return dirty.getAndSet(false);
  }

  /** @return true if the record needs a write */
  public boolean isDirty() {
    return dirty.get();
  }

  /** @return the version of the run record this process last wrote */
  public synchronized long recordVersion() {
    return recordVersion;
  }

  /** @param version the version just written */
  public synchronized void recordVersion(long version) {
    this.recordVersion = version;
  }

  /**
   * Builds the record body from the current state.
   *
   * @param heartbeat the lease renewal time, epoch milliseconds
   * @return the document
   */
  public synchronized RunDocument toDocument(long heartbeat) {
    Map<String, RunDocument.LatestMetric> metrics = new LinkedHashMap<>();
    latest.forEach((k, p) -> metrics.put(k, new RunDocument.LatestMetric(p.value(), p.step(), p.timestampMillis())));
    RunStatus shown = endRecorded ? status : RunStatus.RUNNING;
    return new RunDocument(id, experimentId, name, parentId, shown.name(), startTime, endRecorded ? endTime : null,
        owner, heartbeat, new LinkedHashMap<>(params), new LinkedHashMap<>(tags), metrics);
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
