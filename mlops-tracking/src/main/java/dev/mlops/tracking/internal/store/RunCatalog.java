package dev.mlops.tracking.internal.store;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.RunKeys;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of each experiment as last read, decoded once per record version. The first read of an
 * experiment loads its {@link CatalogCheckpoint} if there is one (else lists every run record); a listing
 * also happens once every full-refresh interval; every other read follows the experiment's
 * {@link RunChanges} log from where it stopped and re-reads only the runs named there, so a search over many
 * runs costs a short log read, not a listing of every record. With 1,000 runs or more, reads keep the
 * checkpoint current: whole when there is none (or it could not be read), else by rewriting the pages of
 * runs that changed once a tenth of the runs (at least 100) did.
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

  /** The cached runs of one experiment; every field is guarded by the instance's monitor. */
  private static final class ExperimentRuns {
    /**
     * The runs by id (the last segment of their record keys): ids differ in their first characters, where the keys
     * share a long prefix that every comparison of a new process's first load would scan.
     */
    final TreeMap<String, StoredRun> runs = new TreeMap<>();
    /** How many cached runs use each param, metric and tag key, once first asked for (then kept counted). */
    boolean keysCounted;
    final Map<String, Integer> paramKeys = new HashMap<>();
    final Map<String, Integer> metricKeys = new HashMap<>();
    final Map<String, Integer> tagKeys = new HashMap<>();

    void put(String key, StoredRun c) {
      StoredRun old = runs.put(key, c);
      if (keysCounted) {
        if (old != null) {
          count(old.stored(), -1);
        }
        count(c.stored(), 1);
      }
    }

    @Nullable StoredRun remove(String key) {
      StoredRun old = runs.remove(key);
      if (old != null && keysCounted) {
        count(old.stored(), -1);
      }
      return old;
    }

    RunKeys keys() {
      if (!keysCounted) {
        runs.values().forEach(c -> count(c.stored(), 1));
        keysCounted = true;
      }
      return RunKeys.of(paramKeys.keySet(), metricKeys.keySet(), tagKeys.keySet());
    }

    private void count(RunSnapshot run, int delta) {
      run.params().keySet().forEach(k -> paramKeys.merge(k, delta, RunCatalog::sumOrNull));
      run.latestMetrics().keySet().forEach(k -> metricKeys.merge(k, delta, RunCatalog::sumOrNull));
      run.tags().keySet().forEach(k -> tagKeys.merge(k, delta, RunCatalog::sumOrNull));
    }

    long position;
    long lastFullListing = Long.MIN_VALUE;
    /** The bucket width of the checkpoint this catalog knows exists, or 0 if it knows of none. */
    int checkpointDigits;
    /** The positions the checkpoint's pages are known to be current as of (lower bounds), by bucket. */
    long[] pagePositions = new long[0];
    /** The ids of runs changed, added or removed since this catalog last wrote or loaded the checkpoint. */
    final Set<String> changedIds = new HashSet<>();
    /** Set when a checkpoint write failed: no further attempt until the next full listing. */
    boolean checkpointFailed;
    /** Runs this process changed whose notice may not be in the change log yet; thread-safe on its own. */
    final Set<String> localChanges = ConcurrentHashMap.newKeySet();
  }

  /**
   * Makes the next read of an experiment re-read a run this process just wrote, before the change log names
   * it (a run's start announces it with the writer's next round).
   *
   * @param experimentId the experiment id
   * @param runId the run id
   */
  public void noteChanged(String experimentId, String runId) {
    byExperiment.computeIfAbsent(experimentId, k -> new ExperimentRuns()).localChanges.add(runId);
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
        if (checkpoint != null && !logReaches(experimentId, checkpoint.positions())) {
          checkpoint = null;
        }
        if (checkpoint != null) {
          for (StoredRun run : checkpoint.runs()) {
            cache.put(run.stored().id(), run);
          }
          cache.position = checkpoint.position();
          cache.checkpointDigits = checkpoint.digits();
          cache.pagePositions = checkpoint.positions();
          cache.lastFullListing = now; // the checkpoint stands in for a listing; the log brings it up to date
        }
      }
      if (cache.lastFullListing == Long.MIN_VALUE || now - cache.lastFullListing >= fullRefresh.toMillis()) {
        // take the log's end first: changes made while listing are read again next time, never missed
        cache.localChanges.clear(); // the listing reads them
        long end = RunChanges.readFrom(series, experimentId, cache.position, false).position;
        List<StoredRecord> listed = intactRecords(TrackingLayout.runsPrefix(experimentId));
        Set<String> seen = new HashSet<>(listed.size() * 2);
        for (StoredRecord r : listed) {
          seen.add(runId(r.key()));
          update(cache, r);
        }
        for (String gone : new ArrayList<>(cache.runs.keySet())) {
          if (!seen.contains(gone)) {
            cache.remove(gone);
            cache.changedIds.add(gone);
          }
        }
        cache.position = end;
        cache.lastFullListing = now;
        cache.checkpointFailed = false;
      } else {
        List<String> local = new ArrayList<>(cache.localChanges);
        RunChanges.Tail tail = RunChanges.readFrom(series, experimentId, cache.position, true);
        Set<String> changed = new java.util.LinkedHashSet<>(tail.runIds);
        changed.addAll(local);
        local.forEach(cache.localChanges::remove);
        for (String runId : changed) {
          Optional<StoredRecord> r = readIntact(TrackingLayout.run(experimentId, runId));
          if (r.isPresent()) {
            update(cache, r.get());
          } else if (cache.remove(runId) != null) {
            cache.changedIds.add(runId);
          }
        }
        cache.position = tail.position;
      }
      maybeCheckpoint(experimentId, cache, false);
      List<RunSnapshot> out = new ArrayList<>(cache.runs.size());
      Map<Long, Boolean> deadOwners = new HashMap<>();
      for (StoredRun c : cache.runs.values()) {
        out.add(effective(c.status(), c.owner(), c.heartbeat(), c.stored(), now, deadOwners));
      }
      return out;
    }
  }

  /**
   * Reads the runs of an experiment and the keys they use, from one consistent state of the catalog.
   *
   * @param experimentId the experiment id
   * @return the runs, in key order (by run id), with effective statuses, and their keys
   */
  public Runs runsWithKeys(String experimentId) {
    ExperimentRuns cache = byExperiment.computeIfAbsent(experimentId, k -> new ExperimentRuns());
    synchronized (cache) {
      List<RunSnapshot> runs = runs(experimentId);
      return new Runs(runs, cache.keys());
    }
  }

  /**
   * Returns the keys of an experiment's runs as this catalog last read them, without reading the store:
   * for a caller that just read the runs. They are counted the first time they are asked for, then kept
   * counted as runs change, so a search that never asks pays nothing for them.
   *
   * @param experimentId the experiment id
   * @return the keys; empty sets if the experiment's runs were never read
   */
  public RunKeys keysAsRead(String experimentId) {
    ExperimentRuns cache = byExperiment.computeIfAbsent(experimentId, k -> new ExperimentRuns());
    synchronized (cache) {
      return cache.keys();
    }
  }

  /**
   * The runs of an experiment and the keys they use.
   *
   * @param runs the runs
   * @param keys every param, metric and tag key of those runs
   */
  public record Runs(List<RunSnapshot> runs, RunKeys keys) {}

  /**
   * Brings an experiment's checkpoint up to date now, for a tracker that is closing after writing many of
   * its runs, or that read them already: the next process that opens the store then reads the
   * checkpoint's pages and a short log instead of every run record. Pages are written only when the
   * experiment has enough runs for a checkpoint; a failure is logged, never raised past this call's
   * storage errors.
   *
   * @param experimentId the experiment id
   */
  public void checkpointNow(String experimentId) {
    ExperimentRuns cache = byExperiment.computeIfAbsent(experimentId, k -> new ExperimentRuns());
    synchronized (cache) {
      runs(experimentId);
      maybeCheckpoint(experimentId, cache, true);
    }
  }

  /**
   * Tells whether this catalog has read an experiment's runs already, so that bringing its checkpoint up
   * to date costs a log read rather than a listing.
   *
   * @param experimentId the experiment id
   * @return true if its runs were read
   */
  public boolean hasRead(String experimentId) {
    ExperimentRuns cache = byExperiment.get(experimentId);
    if (cache == null) {
      return false;
    }
    synchronized (cache) {
      return cache.lastFullListing != Long.MIN_VALUE;
    }
  }

  /** Tells whether the change log reaches every page's position (a log that was replaced does not). */
  private boolean logReaches(String experimentId, long[] positions) {
    long max = 0;
    for (long p : positions) {
      max = Math.max(max, p);
    }
    try {
      series.read(TrackingLayout.runChanges(experimentId), max, 1);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("ignoring the run catalog checkpoint of experiment {}: its position {} is not in the change log ({})",
          experimentId, max, e.getMessage());
      return false;
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

  /**
   * Keeps the checkpoint current once there are many runs: a full write when none exists (or the one there
   * could not be read), else, once enough runs changed, a write of the pages holding them and of the
   * {@value CatalogCheckpoint#REFRESHED_PER_WRITE} pages current as of the oldest positions. The pages are
   * written from this catalog, which is current as of its log position. {@code now} writes the pages of any
   * changed run, however few.
   */
  private void maybeCheckpoint(String experimentId, ExperimentRuns cache, boolean now) {
    if (cache.runs.size() < CatalogCheckpoint.MIN_RUNS || cache.checkpointFailed) {
      if (cache.runs.size() < CatalogCheckpoint.MIN_RUNS) {
        cache.changedIds.clear(); // pages stay current as of their positions; only the change count is lost
      }
      return;
    }
    List<StoredRun> entries;
    if (cache.checkpointDigits == 0) {
      entries = entries(cache);
      int digits = CatalogCheckpoint.writeAll(records, experimentId, cache.position, entries);
      if (digits > 0) {
        cache.checkpointDigits = digits;
        cache.pagePositions = new long[1 << (4 * digits)];
        java.util.Arrays.fill(cache.pagePositions, cache.position);
        cache.changedIds.clear();
      } else {
        cache.checkpointFailed = true; // logged; searches go on from the cache, the next listing tries again
      }
      return;
    }
    if (cache.changedIds.isEmpty() || (!now && cache.changedIds.size() < Math.max(100, cache.runs.size() / 10))) {
      return;
    }
    int digits = cache.checkpointDigits;
    Set<Integer> buckets = new java.util.TreeSet<>();
    for (String id : cache.changedIds) {
      buckets.add(CatalogCheckpoint.bucketOf(id, digits));
    }
    buckets.addAll(CatalogCheckpoint.oldest(cache.pagePositions, CatalogCheckpoint.REFRESHED_PER_WRITE));
    entries = entries(cache);
    if (CatalogCheckpoint.writePages(records, experimentId, digits, cache.position, entries, buckets)) {
      for (int b : buckets) {
        cache.pagePositions[b] = Math.max(cache.pagePositions[b], cache.position);
      }
      cache.changedIds.clear();
    } else {
      cache.checkpointDigits = 0; // write it whole after the next listing
      cache.checkpointFailed = true;
    }
  }

  private static List<StoredRun> entries(ExperimentRuns cache) {
    return new ArrayList<>(cache.runs.values());
  }

  private static @Nullable Integer sumOrNull(Integer a, Integer b) {
    int sum = a + b;
    return sum == 0 ? null : sum;
  }

  private static String runId(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static void update(ExperimentRuns cache, StoredRecord r) {
    String id = runId(r.key());
    StoredRun c = cache.runs.get(id);
    if (c == null || c.version() != r.version()) {
      RunDocument doc = TrackingJson.read(r.key(), r.value(), RunDocument.class);
      cache.put(id, StoredRun.of(r.version(), doc));
      cache.changedIds.add(id);
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
    return effective(doc.status(), doc.owner(), doc.heartbeat(), toSnapshot(doc), clock.getAsLong(), new HashMap<>());
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
    return isAbandoned(doc.status(), doc.owner(), doc.heartbeat(), now, deadOwners);
  }

  private boolean isAbandoned(String status, ProcessOwner owner, long heartbeat, long now,
      Map<Long, Boolean> deadOwners) {
    if (!RunStatus.RUNNING.name().equals(status)) {
      return false;
    }
    if (now - heartbeat > lease.toMillis()) {
      return true;
    }
    return deadOwners.computeIfAbsent(owner.pid(), p -> owner.isKnownDead());
  }

  private RunSnapshot effective(String status, ProcessOwner owner, long heartbeat, RunSnapshot stored, long now,
      Map<Long, Boolean> deadOwners) {
    if (isAbandoned(status, owner, heartbeat, now, deadOwners)) {
      return stored.withStatus(RunStatus.KILLED, Instant.ofEpochMilli(heartbeat));
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
        LayoutMap.copyOf(doc.params()), LayoutMap.copyOf(doc.tags()), LayoutMap.copyOf(latest));
  }
}
