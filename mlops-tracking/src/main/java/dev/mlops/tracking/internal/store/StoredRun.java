package dev.mlops.tracking.internal.store;

import dev.mlops.tracking.RunSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoded run record as the catalog keeps it: the snapshot with the recorded status, and the few fields of the
 * record the snapshot lacks (kept instead of the whole document, so the cache holds each run's maps once).
 * Immutable.
 *
 * @param version the record's version
 * @param stored the snapshot, with the recorded (not the effective) status
 * @param status the recorded status name
 * @param owner the process that owns the run
 * @param heartbeat the owner's last lease renewal, epoch milliseconds
 */
record StoredRun(long version, RunSnapshot stored, String status, ProcessOwner owner, long heartbeat) {

  /**
   * Decodes a record body.
   *
   * @param version the record's version
   * @param doc the body
   * @return the run
   */
  static StoredRun of(long version, RunDocument doc) {
    return new StoredRun(version, RunCatalog.toSnapshot(doc), doc.status(), doc.owner(), doc.heartbeat());
  }

  /** Rebuilds the record body. */
  RunDocument doc() {
    Map<String, RunDocument.LatestMetric> metrics = new LinkedHashMap<>();
    stored.latestMetrics().forEach((k, p) -> metrics.put(k, new RunDocument.LatestMetric(p.value(), p.step(),
        p.timestampMillis())));
    return new RunDocument(stored.id(), stored.experimentId(), stored.name(), stored.parentId().orElse(null), status,
        stored.startTime().toEpochMilli(), stored.endTime().map(Instant::toEpochMilli).orElse(null), owner,
        heartbeat, new LinkedHashMap<>(stored.params()), new LinkedHashMap<>(stored.tags()), metrics);
  }

}
