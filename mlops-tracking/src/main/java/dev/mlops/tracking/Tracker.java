package dev.mlops.tracking;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.spi.WriteBatch;
import dev.mlops.tracking.internal.logging.AsyncLogWriter;
import dev.mlops.tracking.internal.logging.RunState;
import dev.mlops.tracking.internal.logging.WriterSettings;
import dev.mlops.tracking.internal.query.RunQuery;
import dev.mlops.tracking.internal.query.UnknownKeys;
import dev.mlops.tracking.internal.store.ExperimentDocument;
import dev.mlops.tracking.internal.store.MetricCodec;
import dev.mlops.tracking.internal.store.ProcessOwner;
import dev.mlops.tracking.internal.store.RunCatalog;
import dev.mlops.tracking.internal.store.RunChanges;
import dev.mlops.tracking.internal.store.RunDocument;
import dev.mlops.tracking.internal.store.TrackingJson;
import dev.mlops.tracking.internal.store.TrackingLayout;
import dev.mlops.tracking.internal.store.TrackingNames;
import dev.mlops.tracking.leaderboard.Leaderboard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experiment tracking on a store: experiments, runs, params, metrics, tags and search.
 *
 * <pre>{@code
 * try (Tracker tracker = Tracker.on(store);
 *      Run run = tracker.startRun("penguins")) {
 *   run.logParam("lr", 0.1);
 *   run.logMetric("accuracy", 0.93, 10);
 *   run.finish();
 * }
 * List<RunSnapshot> good = tracker.searchRuns("penguins", "metrics.accuracy > 0.9 and params.lr = '0.1'");
 * }</pre>
 *
 * <p>Everything goes through {@link MlopsStore#storage()}: experiments and runs are records updated by
 * compare-and-set, metric points are batched appends to one series per run. One background thread per
 * tracker, named {@code mlops-tracking-writer}, writes what runs log (see {@link TrackerOptions} for the
 * queue and its backpressure policy); it is the only thread tracking starts. A thread whose flush (every run's
 * end makes one) finds no round of writes in progress writes that round itself instead of handing it over. Closing the tracker, or the
 * store it is on, flushes and stops it. If the JVM exits with trackers still open, one shutdown hook for the
 * whole process ({@code mlops-tracking-shutdown-flush}) flushes them, so the last points logged are kept.
 * Runs record their owner process and renew a lease; a run whose process died reads as
 * {@link RunStatus#KILLED}, and {@link #recoverAbandonedRuns(String)} makes that permanent.
 *
 * <p>Thread-safe: share one tracker per store and process. {@link #close()} flushes and stops the writer; it
 * does not close the store, but closing the store closes its trackers.
 */
public final class Tracker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);
  /** A tracker that started this many runs of an experiment brings its catalog checkpoint up to date at close. */
  private static final int CHECKPOINT_AT_CLOSE_RUNS = 100;
  private final MlopsStore store;
  private final RecordStore records;
  private final SeriesStore series;
  private final TrackerOptions options;
  private final AsyncLogWriter writer;
  private final RunCatalog catalog;
  /** How many runs this tracker started, by experiment id: at close, their checkpoints are brought up to date. */
  private final Map<String, Integer> startedRuns = new java.util.concurrent.ConcurrentHashMap<>();
  /** How many decoded experiment records {@link #decodedExperiments} keeps before it starts over. */
  private static final int DECODED_EXPERIMENTS = 256;
  /** The experiment records decoded last, by record key (their bytes and what they decode to). */
  private final Map<String, DecodedExperiment> decodedExperiments = new java.util.concurrent.ConcurrentHashMap<>();

  private Tracker(MlopsStore store, TrackerOptions options) {
    this.store = store;
    this.records = store.storage().records();
    this.series = store.storage().series();
    this.options = options;
    this.writer = new AsyncLogWriter(store.storage(), new WriterSettings(options.queueCapacity(),
        options.offerTimeout(), options.flushTimeout(), options.heartbeatInterval(), options.clock()::millis,
        options.failureListener()));
    this.catalog = new RunCatalog(records, series, options.leaseTimeout(), options.catalogRefreshInterval(),
        options.clock()::millis);
  }

  /**
   * Opens a tracker on a store with the default options.
   *
   * @param store the store; it must stay open while the tracker is used
   * @return the tracker
   * @throws IllegalStateException if the store is closed
   */
  public static Tracker on(MlopsStore store) {
    return on(store, TrackerOptions.defaults());
  }

  /**
   * Opens a tracker on a store.
   *
   * @param store the store; closing it closes the tracker
   * @param options queue, timeouts, lease, clock and failure listener
   * @return the tracker
   * @throws IllegalStateException if the store is closed
   */
  public static Tracker on(MlopsStore store, TrackerOptions options) {
    Tracker tracker = new Tracker(Objects.requireNonNull(store, "store"), Objects.requireNonNull(options, "options"));
    try {
      store.onClose(tracker);
    } catch (IllegalStateException closed) {
      tracker.close();
      throw closed;
    }
    return tracker;
  }

  /**
   * Returns the store this tracker records to, for code built on it (a sweep runs its trials on the
   * store's {@linkplain MlopsStore#workers() workers}).
   *
   * @return the store
   */
  public MlopsStore store() {
    return store;
  }

  // ---------------------------------------------------------------- experiments

  /**
   * Returns an experiment, creating it on first use.
   *
   * @param name a name matching {@code ^[/\w.\- ]*$}, at most 250 characters
   * @return the experiment
   * @throws InvalidInputException if the name breaks the rules
   * @throws StorageException if the store cannot be read or written
   */
  public Experiment experiment(String name) {
    TrackingNames.requireValidKey("experiment", name);
    String key = TrackingLayout.experiment(name);
    while (true) {
      Optional<StoredRecord> existing = records.get(key);
      if (existing.isPresent()) {
        return toExperiment(decodeExperiment(existing.get()));
      }
      ExperimentDocument doc = new ExperimentDocument(newId(), name, options.clock().millis(), Map.of(), false);
      if (records.create(key, TrackingJson.write(doc))) {
        return toExperiment(doc);
      }
    }
  }

  /**
   * Finds an experiment without creating it.
   *
   * @param name the name
   * @return the experiment, or empty
   */
  public Optional<Experiment> findExperiment(String name) {
    TrackingNames.requireValidKey("experiment", name);
    return records.get(TrackingLayout.experiment(name)).map(r -> toExperiment(decodeExperiment(r)));
  }

  /**
   * Lists experiments, deleted ones included (see {@link Experiment#deleted()}), by name.
   *
   * @return the experiments
   */
  public List<Experiment> experiments() {
    List<Experiment> out = new ArrayList<>();
    for (StoredRecord r : records.list(TrackingLayout.experimentsPrefix())) {
      out.add(toExperiment(decodeExperiment(r)));
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /**
   * Sets a tag on an experiment (created on first use).
   *
   * @param name the experiment
   * @param key a valid key
   * @param value at most 5,000 characters
   * @return the updated experiment
   * @throws InvalidInputException if the key or value breaks the rules
   */
  public Experiment setExperimentTag(String name, String key, String value) {
    TrackingNames.requireValidKey("tag", key);
    TrackingNames.requireValueLength("tag", key, value, TrackingNames.MAX_TAG_VALUE);
    experiment(name);
    return updateExperiment(name, d -> {
      Map<String, String> tags = new LinkedHashMap<>(d.tags());
      tags.put(key, value);
      return new ExperimentDocument(d.id(), d.name(), d.createdAt(), tags, d.deleted());
    });
  }

  /**
   * Soft-deletes an experiment: its runs stay readable and searchable, new runs are refused.
   *
   * @param name the experiment
   * @return the updated experiment
   * @throws NotFoundException if there is no such experiment
   */
  public Experiment deleteExperiment(String name) {
    return updateExperiment(name, d -> new ExperimentDocument(d.id(), d.name(), d.createdAt(), d.tags(), true));
  }

  /**
   * Restores a soft-deleted experiment.
   *
   * @param name the experiment
   * @return the updated experiment
   * @throws NotFoundException if there is no such experiment
   */
  public Experiment restoreExperiment(String name) {
    return updateExperiment(name, d -> new ExperimentDocument(d.id(), d.name(), d.createdAt(), d.tags(), false));
  }

  private Experiment updateExperiment(String name, UnaryOperator<ExperimentDocument> change) {
    TrackingNames.requireValidKey("experiment", name);
    String key = TrackingLayout.experiment(name);
    while (true) {
      StoredRecord r = records.get(key).orElseThrow(() -> new NotFoundException("no experiment named '" + name + "'"));
      ExperimentDocument updated = change.apply(decodeExperiment(r));
      if (records.compareAndSet(key, r.version(), TrackingJson.write(updated))) {
        return toExperiment(updated);
      }
    }
  }

  private ExperimentDocument decodeExperiment(StoredRecord r) {
    // every start reads its experiment's record (another process may have deleted it): decode only when its
    // bytes differ from the ones decoded last, as JSON decoding costs more than reading the small file
    DecodedExperiment last = decodedExperiments.get(r.key());
    if (last != null && java.util.Arrays.equals(last.value(), r.value())) {
      return last.doc();
    }
    ExperimentDocument doc = ExperimentDocument.read(r.key(), r.value());
    if (decodedExperiments.size() >= DECODED_EXPERIMENTS) {
      decodedExperiments.clear();
    }
    decodedExperiments.put(r.key(), new DecodedExperiment(r.value(), doc));
    return doc;
  }

  /** An experiment record's bytes and what they decode to. */
  private record DecodedExperiment(byte[] value, ExperimentDocument doc) {}

  private static Experiment toExperiment(ExperimentDocument d) {
    return new Experiment(d.id(), d.name(), Instant.ofEpochMilli(d.createdAt()), d.tags(), d.deleted());
  }

  private Experiment existing(String name) {
    return findExperiment(name).orElseThrow(() -> new NotFoundException("no experiment named '" + name + "'"));
  }

  // ---------------------------------------------------------------- runs

  /**
   * Starts a run in an experiment (created on first use).
   *
   * @param experiment the experiment name
   * @return the running run
   * @throws InvalidInputException if the name breaks the rules
   * @throws ConflictException if the experiment is deleted
   * @throws StorageException if the run record cannot be written
   */
  public Run startRun(String experiment) {
    return newRun(experiment).start();
  }

  /**
   * Starts a named run.
   *
   * @param experiment the experiment name
   * @param runName the run name (any text up to 250 characters)
   * @return the running run
   * @throws ConflictException if the experiment is deleted
   */
  public Run startRun(String experiment, String runName) {
    return newRun(experiment).name(runName).start();
  }

  /**
   * Prepares a run with a name, a parent and tags.
   *
   * @param experiment the experiment name
   * @return a builder; {@link RunBuilder#start()} starts the run
   */
  public RunBuilder newRun(String experiment) {
    TrackingNames.requireValidKey("experiment", experiment);
    return new RunBuilder(experiment);
  }

  /**
   * Runs code inside a new run: FINISHED if it returns, FAILED if it throws (the exception is rethrown,
   * checked ones wrapped in {@link MlopsException}).
   *
   * @param experiment the experiment name
   * @param body the work
   * @return the finished run's snapshot
   * @throws MlopsException wrapping a checked exception of the body
   */
  public RunSnapshot run(String experiment, RunBody body) {
    Run run = startRun(experiment);
    try {
      body.accept(run);
    } catch (RuntimeException | Error e) {
      run.fail(e);
      throw e;
    } catch (Exception e) {
      run.fail(e);
      throw new MlopsException("run " + run.id() + " failed: " + e, e);
    }
    run.finish();
    return getRun(run.id());
  }

  /** Prepares a run; see {@link #newRun(String)}. Not thread-safe. */
  public final class RunBuilder {
    private final String experiment;
    private @Nullable String name;
    private @Nullable String parentId;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, ArtifactVersion> inputs = new LinkedHashMap<>();
    private @Nullable Fingerprint fingerprint;

    private RunBuilder(String experiment) {
      this.experiment = experiment;
    }

    /**
     * Names the run (default {@code run-} and the first 8 characters of its id).
     *
     * @param runName up to 250 characters
     * @return this builder
     * @throws InvalidInputException if empty or too long
     */
    public RunBuilder name(String runName) {
      if (runName.isEmpty() || runName.length() > TrackingNames.MAX_KEY) {
        throw new InvalidInputException("run name must have 1 to 250 characters, got " + runName.length());
      }
      this.name = runName;
      return this;
    }

    /**
     * Makes the run a child of another run (which must exist).
     *
     * @param parentRunId the parent's id
     * @return this builder
     */
    public RunBuilder parent(String parentRunId) {
      this.parentId = requireRunId(parentRunId);
      return this;
    }

    /**
     * Sets a tag at start.
     *
     * @param key a valid key
     * @param value at most 5,000 characters
     * @return this builder
     */
    public RunBuilder tag(String key, String value) {
      TrackingNames.requireValidKey("tag", key);
      tags.put(key, TrackingNames.requireValueLength("tag", key, value, TrackingNames.MAX_TAG_VALUE));
      return this;
    }

    /**
     * Records an input artifact version at start (see {@link Run#logInput}).
     *
     * @param role a valid key such as {@code train}
     * @param version the artifact version
     * @return this builder
     */
    public RunBuilder input(String role, ArtifactVersion version) {
      TrackingNames.requireValidKey("role", role);
      inputs.put(role, Objects.requireNonNull(version, "version"));
      return this;
    }

    /**
     * Attaches the fingerprint of the run's setup at start (see {@link Run#logFingerprint}).
     *
     * @param setup the fingerprint
     * @return this builder
     */
    public RunBuilder fingerprint(Fingerprint setup) {
      this.fingerprint = Objects.requireNonNull(setup, "setup");
      return this;
    }

    /**
     * Starts the run: writes its record durably and registers it with the writer.
     *
     * @return the running run
     * @throws ConflictException if the experiment is deleted
     * @throws NotFoundException if the parent run does not exist
     * @throws StorageException if the record cannot be written
     */
    public Run start() {
      if (writer.isClosed()) {
        throw new ConflictException("tracker is closed; cannot start a run in '" + experiment + "'");
      }
      Experiment exp = experiment(experiment);
      if (exp.deleted()) {
        throw new ConflictException("experiment '" + experiment + "' is deleted; restore it to start runs");
      }
      if (parentId != null) {
        getRun(parentId);
      }
      String id = newId();
      String runName = name != null ? name : "run-" + id.substring(0, 8);
      long now = options.clock().millis();
      RunState state = new RunState(id, exp.id(), runName, parentId, now, ProcessOwner.current(),
          TrackingLayout.run(exp.id(), id), TrackingLayout.metrics(id), tags);
      // one batch: the index and the record, durable with one journal sync on the file backend; the change
      // notice goes with the writer's next round, so starts of one experiment do not queue on its change log
      WriteBatch.Result created = store.storage().write(WriteBatch.builder()
          .create(TrackingLayout.runIndex(id), TrackingJson.write(Map.of("experimentId", exp.id())))
          .create(state.recordKey(), TrackingJson.write(state.toDocument(now)))
          .build());
      if (created.failure().isPresent()) {
        RuntimeException e = created.failure().get();
        throw e instanceof MlopsException ? e : new StorageException("starting run " + id + " in '" + experiment
            + "' failed: " + e, e);
      }
      boolean indexCreated = created.outcome(0) == WriteBatch.Outcome.WRITTEN;
      boolean recordCreated = created.outcome(1) == WriteBatch.Outcome.WRITTEN;
      if (!indexCreated || !recordCreated) {
        throw new ConflictException("run id " + id + " already exists (random id collision)");
      }
      state.takeDirty();
      state.recordVersion(1);
      catalog.noteChanged(exp.id(), id);
      writer.announce(state);
      Run run = new Run(state, writer, records, experiment, exp.id(), runName, parentId);
      startedRuns.merge(exp.id(), 1, Integer::sum);
      inputs.forEach(run::logInput);
      if (fingerprint != null) {
        run.logFingerprint(fingerprint);
      }
      return run;
    }
  }

  /**
   * Reads a run.
   *
   * @param runId the run id
   * @return the run with its effective status
   * @throws NotFoundException if there is no such run
   * @throws InvalidInputException if the id is not 32 hex characters
   */
  public RunSnapshot getRun(String runId) {
    requireRunId(runId);
    String experimentId = experimentOf(runId);
    String key = TrackingLayout.run(experimentId, runId);
    StoredRecord r = records.get(key).orElseThrow(() -> new NotFoundException("run " + runId + " has no record"));
    return catalog.decode(key, r.value());
  }

  /**
   * Finds a run's experiment: from the run's index record, or, when there is none (a crash between the
   * run record's write and the index's, which start makes side by side), by looking for the run record
   * under each experiment.
   */
  private String experimentOf(String runId) {
    Optional<StoredRecord> found = records.get(TrackingLayout.runIndex(runId));
    if (found.isEmpty()) {
      for (StoredRecord e : catalog.intactRecords(TrackingLayout.experimentsPrefix())) {
        String experimentId = ExperimentDocument.read(e.key(), e.value()).id();
        if (records.get(TrackingLayout.run(experimentId, runId)).isPresent()) {
          return experimentId;
        }
      }
      throw new NotFoundException("no run with id " + runId);
    }
    StoredRecord index = found.get();
    Map<?, ?> m = TrackingJson.read(index.key(), index.value(), Map.class);
    Object id = m.get("experimentId");
    if (!(id instanceof String)) {
      throw new dev.mlops.core.CorruptedDataException("run index record " + index.key() + " names no experiment");
    }
    return (String) id;
  }

  /**
   * Reads the fingerprint attached to a run.
   *
   * @param runId the run id
   * @return the fingerprint, or empty if none was attached
   * @throws NotFoundException if there is no such run
   * @throws dev.mlops.core.CorruptedDataException if the stored fingerprint does not verify
   */
  public Optional<Fingerprint> fingerprint(String runId) {
    requireRunId(runId);
    experimentOf(runId);
    return records.get(TrackingLayout.fingerprint(runId))
        .map(r -> Fingerprint.parse(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Reads the full history of one metric of a run, in logging order (durable points only: flush first to
   * include what this process just logged).
   *
   * @param runId the run id
   * @param key the metric key
   * @return the points
   * @throws NotFoundException if there is no such run
   */
  public List<MetricPoint> metricHistory(String runId, String key) {
    TrackingNames.requireValidKey("metric", key);
    List<MetricPoint> out = new ArrayList<>();
    forEachMetricPoint(runId, (k, value, step, time) -> {
      if (k.equals(key)) {
        out.add(new MetricPoint(k, value, step, time));
      }
    });
    return out;
  }

  /**
   * Reads every durable metric point of a run, in logging order.
   *
   * @param runId the run id
   * @return the points
   * @throws NotFoundException if there is no such run
   */
  public List<MetricPoint> allMetricPoints(String runId) {
    List<MetricPoint> out = new ArrayList<>();
    forEachMetricPoint(runId, (key, value, step, time) -> out.add(new MetricPoint(key, value, step, time)));
    return out;
  }

  /**
   * Streams every durable metric point of a run, in logging order, into a sink, in one walk over the stored
   * series ({@link dev.mlops.core.spi.SeriesStore#forEachEntry}: on a file store, large sequential reads, each
   * batch read and checked once and decoded from the read buffer): a series of millions of points becomes
   * whatever the sink keeps (such as primitive arrays) without a {@link MetricPoint} per point or a copy of
   * the series' bytes.
   *
   * @param runId the run id
   * @param sink receives each point
   * @throws NotFoundException if there is no such run
   */
  public void forEachMetricPoint(String runId, MetricPointSink sink) {
    Objects.requireNonNull(sink, "sink");
    requireRunId(runId);
    experimentOf(runId);
    String seriesKey = TrackingLayout.metrics(runId);
    series.forEachEntry(seriesKey, 0, (buffer, offset, length) -> MetricCodec.decode(seriesKey, buffer, offset,
        length, sink));
  }

  /**
   * Marks the runs of an experiment whose process died (or whose lease expired) as KILLED in their records,
   * with their latest metrics recomputed from the durable series.
   *
   * @param experiment the experiment name
   * @return how many runs were recovered
   * @throws NotFoundException if there is no such experiment
   */
  public int recoverAbandonedRuns(String experiment) {
    Experiment exp = existing(experiment);
    int recovered = 0;
    for (StoredRecord r : catalog.intactRecords(TrackingLayout.runsPrefix(exp.id()))) {
      RunDocument doc = TrackingJson.read(r.key(), r.value(), RunDocument.class);
      if (!catalog.isAbandoned(doc)) {
        continue;
      }
      Map<String, RunDocument.LatestMetric> latest = new LinkedHashMap<>();
      for (MetricPoint p : allMetricPoints(doc.id())) {
        RunDocument.LatestMetric old = latest.get(p.key());
        if (old == null || p.isLaterThan(new MetricPoint(p.key(), old.value(), old.step(), old.timestamp()))) {
          latest.put(p.key(), new RunDocument.LatestMetric(p.value(), p.step(), p.timestampMillis()));
        }
      }
      RunDocument killed = new RunDocument(doc.id(), doc.experimentId(), doc.name(), doc.parentId(),
          RunStatus.KILLED.name(), doc.startTime(), doc.heartbeat(), doc.owner(), doc.heartbeat(), doc.params(),
          doc.tags(), latest);
      if (records.compareAndSet(r.key(), r.version(), TrackingJson.write(killed))) {
        RunChanges.append(series, exp.id(), List.of(doc.id()));
        recovered++;
      }
    }
    return recovered;
  }

  // ---------------------------------------------------------------- search

  /**
   * Finds the runs of an experiment that match a filter, in the default order (start time descending).
   *
   * @param experiment the experiment name
   * @param filter MLflow's filter grammar plus OR, NOT, parentheses and IS [NOT] NULL; blank for all
   * @return every matching run
   * @throws InvalidInputException if the filter is malformed (the message points at the column), or names a
   *     key that no run has while {@link TrackerOptions#strictKeys()} is on (see
   *     {@link #searchRuns(String, String, List, int, String)})
   * @throws NotFoundException if there is no such experiment
   */
  public List<RunSnapshot> searchRuns(String experiment, String filter) {
    List<RunSnapshot> out = new ArrayList<>();
    String token = null;
    do {
      RunPage page = searchRuns(experiment, filter, List.of(), RunQuery.MAX_LIMIT, token);
      out.addAll(page.runs());
      token = page.nextPageToken();
    } while (token != null);
    return out;
  }

  /**
   * Finds one page of matching runs in an order.
   *
   * @param experiment the experiment name
   * @param filter the filter; blank for all
   * @param orderBy clauses such as {@code "metrics.acc DESC"}, nulls last; empty for start time descending;
   *     the run id ascending breaks ties
   * @param limit the page size, 1 to 50,000
   * @param pageToken the previous page's {@link RunPage#nextPageToken()}, or null for the first page
   * @return the page
   * @throws InvalidInputException if the filter, a clause, the limit or the token is malformed, or, for a
   *     tracker with {@link TrackerOptions#strictKeys()}, if the filter or a clause names a metric, param or
   *     tag that no run of the experiment has (the message offers the closest keys; otherwise that is a
   *     warning in the log)
   * @throws NotFoundException if there is no such experiment
   */
  public RunPage searchRuns(String experiment, String filter, List<String> orderBy, int limit,
      @Nullable String pageToken) {
    Experiment exp = existing(experiment);
    RunQuery query = RunQuery.compile(exp.id(), filter, orderBy);
    List<RunSnapshot> runs = catalog.runs(exp.id());
    if (pageToken == null) {
      UnknownKeys.check(experiment, "search " + describe(filter, orderBy), query.fields(), runs.isEmpty(),
          () -> catalog.keysAsRead(exp.id()), options.strictKeys());
    }
    return query.execute(runs, limit, pageToken);
  }

  /**
   * Returns every param, metric and tag key that the runs of an experiment use, as the searches see them
   * (a run changed by another process shows once the change log names it). Costs no more than a search:
   * the keys are counted as runs are read, not by reading every run again.
   *
   * @param experiment the experiment name
   * @return the keys
   * @throws NotFoundException if there is no such experiment
   */
  public RunKeys runKeys(String experiment) {
    return catalog.runsWithKeys(existing(experiment).id()).keys();
  }

  private static String describe(String filter, List<String> orderBy) {
    return (filter.isBlank() ? "" : "filter '" + filter + "'") + (orderBy.isEmpty() ? ""
        : (filter.isBlank() ? "" : " ") + "ordered by " + orderBy);
  }

  /**
   * Compares two runs: differing params, every metric's latest values and, when both carry one, the diff
   * of their fingerprints.
   *
   * @param firstRunId a run id
   * @param secondRunId another run id
   * @return the comparison
   * @throws NotFoundException if a run does not exist
   */
  public RunComparison compare(String firstRunId, String secondRunId) {
    RunSnapshot first = getRun(firstRunId);
    RunSnapshot second = getRun(secondRunId);
    Optional<Fingerprint> a = fingerprint(firstRunId);
    Optional<Fingerprint> b = fingerprint(secondRunId);
    return RunComparison.of(first, second, a.isPresent() && b.isPresent() ? a.get().diff(b.get()) : null);
  }

  /**
   * Starts building a leaderboard over an experiment.
   *
   * @param experiment the experiment name
   * @return the builder
   */
  public Leaderboard.Builder leaderboard(String experiment) {
    return Leaderboard.builder(this, experiment);
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Returns when everything logged before the call, by any run of this tracker, is durable.
   *
   * @throws StorageException if a write failed and is not repaired, points were dropped, or the backend timed out
   */
  public void flush() {
    writer.flush();
  }

  /**
   * Flushes and stops the background writer. Runs still open stay RUNNING in their records and read as
   * KILLED once this process exits or their lease expires (nobody renews it any more). When this tracker
   * started 100 runs or more of an experiment (or searched one it started runs in), it then brings that
   * experiment's run catalog checkpoint up to date, so the next process's first search reads a few pages
   * instead of every run record; a checkpoint that cannot be written is logged, not raised. Later calls do
   * nothing. The store stays open.
   *
   * @throws StorageException if the final flush failed
   */
  @Override
  public void close() {
    writer.close();
    for (Map.Entry<String, Integer> e : startedRuns.entrySet()) {
      // a tracker that started many runs leaves the catalog checkpoint current, so the next process to
      // search (a UI, a report) reads its pages instead of every run record; one that started a few runs
      // only does so when it has read the experiment already, when that costs a log read
      if (e.getValue() >= CHECKPOINT_AT_CLOSE_RUNS || catalog.hasRead(e.getKey())) {
        try {
          catalog.checkpointNow(e.getKey());
        } catch (MlopsException failed) {
          LOG.warn("could not bring the run catalog checkpoint of experiment {} up to date at close: {}", e.getKey(),
              failed.getMessage());
        }
      }
    }
    startedRuns.clear();
  }

  private static String newId() {
    UUID u = UUID.randomUUID();
    java.util.HexFormat hex = java.util.HexFormat.of(); // 16 lowercase digits each, as %016x gave
    return hex.toHexDigits(u.getMostSignificantBits()) + hex.toHexDigits(u.getLeastSignificantBits());
  }

  private static String requireRunId(String runId) {
    Objects.requireNonNull(runId, "runId");
    if (runId.length() != 32 || !runId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new InvalidInputException("run id must be 32 lowercase hex characters, got '"
          + (runId.length() > 40 ? runId.substring(0, 40) + "..." : runId) + "'");
    }
    return runId;
  }
}
