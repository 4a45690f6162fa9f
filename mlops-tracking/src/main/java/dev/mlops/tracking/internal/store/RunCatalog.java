package dev.mlops.tracking.internal.store;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of each experiment as last read, decoded once per record version. The first read of an
 * experiment loads its {@link CatalogCheckpoint} if there is one (else lists every run record); a listing
 * also happens once every full-refresh interval (and may write a new checkpoint when there are many runs);
 * every other read follows the experiment's {@link RunChanges} log from where it stopped and re-reads only
 * the runs named there, so a search over many runs costs a short log read, not a listing of every record.
 *
 * <p>Reported statuses are effective: a run recorded RUNNING whose owner process on this host is gone, or
 * whose heartbeat is older than the lease, reads as {@link RunStatus#KILLED}. Thread-safe: each
 * experiment's cache is guarded by its own monitor.
 */
public final class RunCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(RunCatalog.class);
  private final RecordStore records;
  private final SeriesStore series;
  private final Duration lease;
  private final Duration fullRefresh;
  private final LongSupplier clock;
  private final Map<String, ExperimentRuns> byExperiment = new ConcurrentHashMap<>();

  /**
   * Creates a catalog.
   *
   * @param records the record store
   * @param series the series store holding the change logs
   * @param lease how long a run's heartbeat stays valid
   * @param fullRefresh how often a read lists every record instead of following the change log
   * @param clock epoch milliseconds
   */
  public RunCatalog(RecordStore records, SeriesStore series, Duration lease, Duration fullRefresh,
      LongSupplier clock) {
    this.records = records;
    this.series = series;
    this.lease = lease;
    this.fullRefresh = fullRefresh;
    this.clock = clock;
  }

  /** A decoded run record. */
  private static final class Cached {
    final long version;
    final RunDocument doc;
    final RunSnapshot stored;

    Cached(long version, RunDocument doc, RunSnapshot stored) {
      this.version = version;
      this.doc = doc;
      this.stored = stored;
    }
  }

  /** The cached runs of one experiment; every field is guarded by the instance's monitor. */
  private static final class ExperimentRuns {
    final TreeMap<String, Cached> runs = new TreeMap<>();
    long position;
    long lastFullListing = Long.MIN_VALUE;
  }

  /**
   * Reads the runs of an experiment, with effective statuses.
   *
   * @param experimentId the experiment id
   * @return the runs, in key order (by run id)
   */
  public List<RunSnapshot> runs(String experimentId) {
    ExperimentRuns cache = byExperiment.computeIfAbsent(experimentId, k -> new ExperimentRuns());
    long now = clock.getAsLong();
    synchronized (cache) {
      if (cache.lastFullListing == Long.MIN_VALUE) {
        CatalogCheckpoint.Loaded checkpoint = CatalogCheckpoint.load(records, experimentId);
        if (checkpoint != null) {
          for (CatalogCheckpoint.Entry e : checkpoint.runs) {
            cache.runs.put(e.key(), new Cached(e.version(), e.doc(), toSnapshot(e.doc())));
          }
          cache.position = checkpoint.position;
          cache.lastFullListing = now; // the checkpoint stands in for a listing; the log brings it up to date
        }
      }
      if (cache.lastFullListing == Long.MIN_VALUE || now - cache.lastFullListing >= fullRefresh.toMillis()) {
        // take the log's end first: changes made while listing are read again next time, never missed
        long end = RunChanges.readFrom(series, experimentId, cache.position, false).position;
        List<StoredRecord> listed = intactRecords(TrackingLayout.runsPrefix(experimentId));
        Set<String> seen = new HashSet<>(listed.size() * 2);
        for (StoredRecord r : listed) {
          seen.add(r.key());
          update(cache, r);
        }
        cache.runs.keySet().retainAll(seen);
        cache.position = end;
        cache.lastFullListing = now;
        maybeCheckpoint(experimentId, cache);
      } else {
        RunChanges.Tail tail = RunChanges.readFrom(series, experimentId, cache.position, true);
        for (String runId : tail.runIds) {
          String key = TrackingLayout.run(experimentId, runId);
          Optional<StoredRecord> r = readIntact(key);
          if (r.isPresent()) {
            update(cache, r.get());
          } else {
            cache.runs.remove(key);
          }
        }
        cache.position = tail.position;
      }
      List<RunSnapshot> out = new ArrayList<>(cache.runs.size());
      Map<Long, Boolean> deadOwners = new HashMap<>();
      for (Cached c : cache.runs.values()) {
        out.add(effective(c.doc, c.stored, now, deadOwners));
      }
      return out;
    }
  }

  /**
   * Reads a run record; a damaged one is left out of searches and logged with its key, so one damaged run
   * keeps the rest of its experiment searchable ({@code getRun} of it still raises, and
   * {@code MlopsStore.verify()} reports it).
   */
  private Optional<StoredRecord> readIntact(String key) {
    try {
      return records.get(key);
    } catch (CorruptedDataException damaged) {
      LOG.warn("leaving damaged run record {} out of the search: {}", key, damaged.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Lists the intact records under a prefix; damaged ones are logged and left out (see {@link #readIntact}).
   *
   * @param prefix the key prefix
   * @return the intact records, sorted by key
   */
  public List<StoredRecord> intactRecords(String prefix) {
    List<StoredRecord> out = new ArrayList<>();
    for (String key : records.listKeys(prefix)) {
      readIntact(key).ifPresent(out::add);
    }
    return out;
  }

  /** Writes a checkpoint after a listing when there are many runs and the last one is well behind. */
  private void maybeCheckpoint(String experimentId, ExperimentRuns cache) {
    if (cache.runs.size() < CatalogCheckpoint.MIN_RUNS) {
      return;
    }
    Long head = CatalogCheckpoint.position(records, experimentId);
    if (head != null) {
      long behind = RunChanges.readFrom(series, experimentId, head, false).count;
      if (behind < Math.max(100, cache.runs.size() / 10)) {
        return;
      }
    }
    List<CatalogCheckpoint.Entry> entries = new ArrayList<>(cache.runs.size());
    cache.runs.forEach((k, c) -> entries.add(new CatalogCheckpoint.Entry(k, c.version, c.doc)));
    CatalogCheckpoint.write(records, experimentId, cache.position, entries);
  }

  private static void update(ExperimentRuns cache, StoredRecord r) {
    Cached c = cache.runs.get(r.key());
    if (c == null || c.version != r.version()) {
      RunDocument doc = TrackingJson.read(r.key(), r.value(), RunDocument.class);
      cache.runs.put(r.key(), new Cached(r.version(), doc, toSnapshot(doc)));
    }
  }

  /**
   * Decodes one run record with its effective status.
   *
   * @param key the record key
   * @param body the record body
   * @return the run
   */
  public RunSnapshot decode(String key, byte[] body) {
    RunDocument doc = TrackingJson.read(key, body, RunDocument.class);
    return effective(doc, toSnapshot(doc), clock.getAsLong(), new HashMap<>());
  }

  /**
   * Tells whether a run recorded RUNNING has lost its owner.
   *
   * @param doc the record body
   * @return true if its process is dead or its lease expired
   */
  public boolean isAbandoned(RunDocument doc) {
    return isAbandoned(doc, clock.getAsLong(), new HashMap<>());
  }

  private boolean isAbandoned(RunDocument doc, long now, Map<Long, Boolean> deadOwners) {
    if (!RunStatus.RUNNING.name().equals(doc.status())) {
      return false;
    }
    if (now - doc.heartbeat() > lease.toMillis()) {
      return true;
    }
    return deadOwners.computeIfAbsent(doc.owner().pid(), p -> doc.owner().isKnownDead());
  }

  private RunSnapshot effective(RunDocument doc, RunSnapshot stored, long now, Map<Long, Boolean> deadOwners) {
    if (isAbandoned(doc, now, deadOwners)) {
      return stored.withStatus(RunStatus.KILLED, Instant.ofEpochMilli(doc.heartbeat()));
    }
    return stored;
  }

  /**
   * Converts a record body into a snapshot with the recorded status.
   *
   * @param doc the body
   * @return the snapshot
   */
  public static RunSnapshot toSnapshot(RunDocument doc) {
    Map<String, MetricPoint> latest = new LinkedHashMap<>();
    doc.metrics().forEach((k, m) -> latest.put(k, new MetricPoint(k, m.value(), m.step(), m.timestamp())));
    return new RunSnapshot(doc.id(), doc.experimentId(), doc.name(), doc.parentId(), RunStatus.valueOf(doc.status()),
        Instant.ofEpochMilli(doc.startTime()), doc.endTime() == null ? null : Instant.ofEpochMilli(doc.endTime()),
        doc.params(), doc.tags(), latest);
  }
}
