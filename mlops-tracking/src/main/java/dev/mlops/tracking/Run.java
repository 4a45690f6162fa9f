package dev.mlops.tracking;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.tracking.internal.logging.AsyncLogWriter;
import dev.mlops.tracking.internal.logging.RunState;
import dev.mlops.tracking.internal.store.TrackingLayout;
import dev.mlops.tracking.internal.store.TrackingNames;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A run in progress, owned by this process: log params, metrics and tags to it, then end it.
 *
 * <p>A run ends the way a transaction does: {@link #finish()} says the work completed, and closing a run
 * that was neither finished nor {@linkplain #fail(Throwable) failed} ends it {@link RunStatus#FAILED}, so
 * an exception (or an early exit) that leaves the block before {@code finish()} is recorded as a failure:
 *
 * <pre>{@code
 * try (Run run = tracker.startRun("penguins")) {
 *   run.logParam("lr", 0.1);
 *   for (int epoch = 0; epoch < 100; epoch++) {
 *     run.logMetric("loss", loss, epoch);
 *   }
 *   run.finish();
 * }
 * }</pre>
 *
 * <p>{@link Tracker#run(String, RunBody)} does the same for a lambda and also records the exception
 * itself: {@code tracker.run("penguins", run -> train(run))}.
 *
 * <p>Metric logging is asynchronous: {@link #logMetric} validates the key and queues the point (see
 * {@link TrackerOptions} for the backpressure policy); {@link #flush()} returns when everything logged
 * before it is durable. Params and tags are checked at once and written with the next flush or within a
 * fraction of a second. {@link #finish()}, {@link #fail(Throwable)} and {@link #close()} end the run and
 * flush; the first of them decides its status, later ones do nothing.
 *
 * <p><b>What an ended run guarantees.</b> When {@link #finish()}, {@link #fail(Throwable)} or
 * {@link #close()} returns without throwing, the run's record (status, end time, params, tags, latest
 * metrics), every metric point it logged and the change notice other trackers follow are durable and
 * visible to every reader, in this process or another: they survive a crash of the process and of the
 * machine. On the file backend they are written as one batch that is durable in the store's write-ahead
 * journal (one {@code fdatasync}) before it is written to the run's own files, and opening the store after a
 * crash replays the journal, so a crash can never leave part of an acknowledged end behind. A crash before
 * the call returns may lose what the run logged since its last {@link #flush()}; the run then stays RUNNING
 * in its record and reads as {@link RunStatus#KILLED}. It never leaves a record that shows the run ended while
 * points it logged before ending are missing: the terminal status is written in the same batch as, and
 * after, those points (or in a later one), and the writes of a batch reach their files in that order.
 * {@link Tracker#startRun} returns once the run's record and its index are durable the same way (one
 * batch); its change notice, which other trackers follow, goes with the writer's next round (within 200 ms,
 * or with the run's end), so starts do not queue behind each other on the experiment's change log. Runs ending at the same time share a batch (the writer serves every close that arrived during
 * a round with the next round), and batches written at once by several threads share one journal sync (group
 * commit); a lone close waits for no timer.
 *
 * <p>Thread-safe: many threads may log to one run.
 */
public final class Run implements AutoCloseable {
  /** The tag prefix of inputs: {@code mlops.input.<role>} holds {@code name@version}. */
  public static final String INPUT_TAG_PREFIX = "mlops.input.";
  /** The tag prefix of outputs: {@code mlops.output.<role>} holds {@code name@version}. */
  public static final String OUTPUT_TAG_PREFIX = "mlops.output.";
  /** The tag holding the stack trace of the exception a run failed with (see {@link #fail(Throwable)}). */
  public static final String FAILURE_STACK_TAG = "mlops.failure.stack";
  /** The tag holding the id of the run's fingerprint. */
  public static final String FINGERPRINT_TAG = "mlops.fingerprint";

  private final RunState state;
  private final AsyncLogWriter writer;
  private final RecordStore records;
  private final String experimentName;
  private final String experimentId;
  private final String name;
  private final @Nullable String parentId;
  /** How many changes to the record (params, tags) this handle has queued; counted after each is queued. */
  private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
  /** The count of {@link #changes} that the end's successful flush covers; -1 until then. */
  private volatile long durableChanges = -1;

  Run(RunState state, AsyncLogWriter writer, RecordStore records, String experimentName, String experimentId,
      String name, @Nullable String parentId) {
    this.state = state;
    this.writer = writer;
    this.records = records;
    this.experimentName = experimentName;
    this.experimentId = experimentId;
    this.name = name;
    this.parentId = parentId;
  }

  /** @return the run id, 32 lowercase hex characters */
  public String id() {
    return state.id();
  }

  /** @return the run name */
  public String name() {
    return name;
  }

  /** @return the experiment name */
  public String experiment() {
    return experimentName;
  }

  /** @return the experiment id */
  public String experimentId() {
    return experimentId;
  }

  /** @return the parent run's id, if this is a child run */
  public Optional<String> parentId() {
    return Optional.ofNullable(parentId);
  }

  /** @return the status as this process knows it */
  public RunStatus status() {
    return state.status();
  }

  /**
   * Logs a param, write-once: the same value again is fine, a different one is a conflict.
   *
   * @param key a key matching {@code ^[/\w.\- ]*$}, at most 250 characters
   * @param value the value; {@code String.valueOf(value)} is stored, at most 6,000 characters
   * @return this run
   * @throws InvalidInputException if the key or value breaks the rules
   * @throws ConflictException if the key already holds another value, or the run has ended
   */
  public Run logParam(String key, Object value) {
    TrackingNames.requireValidKey("param", key);
    String v = String.valueOf(Objects.requireNonNull(value, "value"));
    TrackingNames.requireValueLength("param", key, v, TrackingNames.MAX_PARAM_VALUE);
    ensureRunning("log param '" + key + "'");
    if (state.putParam(key, v)) {
      touched();
    }
    return this;
  }

  /**
   * Logs several params, all or none: every key and value is checked (rules, nulls, and conflicts with
   * params logged before) before any is recorded.
   *
   * @param params the params
   * @return this run
   * @throws InvalidInputException if a key or value breaks the rules or a value is null; none is recorded
   * @throws ConflictException if a key already holds another value, or the run has ended; none is recorded
   */
  public Run logParams(Map<String, ?> params) {
    Objects.requireNonNull(params, "params");
    Map<String, String> values = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      TrackingNames.requireValidKey("param", k);
      if (v == null) {
        throw new InvalidInputException("param '" + k + "' has a null value; none of the " + params.size()
            + " params was logged");
      }
      String text = String.valueOf(v);
      TrackingNames.requireValueLength("param", k, text, TrackingNames.MAX_PARAM_VALUE);
      values.put(k, text);
    });
    ensureRunning("log params " + values.keySet());
    if (state.putParams(values)) {
      touched();
    }
    return this;
  }

  /**
   * Logs a metric value at step 0. Cheap: validates the key and queues the point; never throws because
   * the backend is slow or down (failures surface on {@link #flush()} and {@link #close()}).
   *
   * @param key a key matching {@code ^[/\w.\- ]*$}, at most 250 characters
   * @param value the value; NaN and infinities are allowed
   * @throws InvalidInputException if the key breaks the rules
   * @throws ConflictException if the run has ended
   */
  public void logMetric(String key, double value) {
    logMetric(key, value, 0L);
  }

  /**
   * Logs a metric value at a step (see {@link #logMetric(String, double)}).
   *
   * @param key a valid key
   * @param value the value
   * @param step the step, such as the epoch or batch number
   * @throws InvalidInputException if the key breaks the rules
   * @throws ConflictException if the run has ended
   */
  public void logMetric(String key, double value, long step) {
    TrackingNames.requireValidKey("metric", key);
    if (state.status() != RunStatus.RUNNING) {
      throw ended("log metric '" + key + "'");
    }
    writer.logMetric(state, key, value, step, writer.now());
  }

  /**
   * Logs several metrics at one step with one timestamp.
   *
   * @param values the values by key
   * @param step the step
   * @throws InvalidInputException if a key breaks the rules or a value is null (then nothing is logged)
   * @throws ConflictException if the run has ended
   */
  public void logMetrics(Map<String, Double> values, long step) {
    values.forEach((k, v) -> {
      TrackingNames.requireValidKey("metric", k);
      if (v == null) {
        throw new InvalidInputException("metric '" + k + "' has a null value (use Double.NaN for a missing number)");
      }
    });
    ensureRunning("log metrics");
    long now = writer.now();
    values.forEach((k, v) -> writer.logMetric(state, k, v, step, now));
  }

  /**
   * Sets a tag (tags may be overwritten).
   *
   * @param key a valid key
   * @param value at most 5,000 characters
   * @return this run
   * @throws InvalidInputException if the key or value breaks the rules
   */
  public Run setTag(String key, String value) {
    TrackingNames.requireValidKey("tag", key);
    TrackingNames.requireValueLength("tag", key, Objects.requireNonNull(value, "value"), TrackingNames.MAX_TAG_VALUE);
    state.putTag(key, value);
    touched();
    return this;
  }

  /**
   * Sets several tags; all are checked before any is set.
   *
   * @param tags the tags
   * @return this run
   * @throws InvalidInputException if a key or value breaks the rules
   */
  public Run setTags(Map<String, String> tags) {
    tags.forEach((k, v) -> {
      TrackingNames.requireValidKey("tag", k);
      TrackingNames.requireValueLength("tag", k, v, TrackingNames.MAX_TAG_VALUE);
    });
    tags.forEach(this::setTag);
    return this;
  }

  /**
   * Records an artifact version the run read, under a role such as {@code train} (as the tags
   * {@code mlops.input.<role>} = {@code name@version} and {@code mlops.input.<role>.digest}).
   *
   * @param role a valid key
   * @param version the artifact version
   * @return this run
   * @throws InvalidInputException if the role breaks the key rules
   */
  public Run logInput(String role, ArtifactVersion version) {
    return link(INPUT_TAG_PREFIX, role, version);
  }

  /**
   * Records an artifact version the run produced, under a role such as {@code model}.
   *
   * @param role a valid key
   * @param version the artifact version
   * @return this run
   * @throws InvalidInputException if the role breaks the key rules
   */
  public Run logOutput(String role, ArtifactVersion version) {
    return link(OUTPUT_TAG_PREFIX, role, version);
  }

  private Run link(String prefix, String role, ArtifactVersion version) {
    TrackingNames.requireValidKey("role", role);
    setTag(prefix + role, version.id().toString());
    setTag(prefix + role + ".digest", version.digest().toString());
    return this;
  }

  /**
   * Attaches the fingerprint of the run's setup: its full JSON is stored durably beside the run (read it
   * back with {@link Tracker#fingerprint(String)}) and its id goes into the tag {@code mlops.fingerprint},
   * so searches and leaderboards can select runs of one setup.
   *
   * @param fingerprint the fingerprint
   * @return this run
   * @throws StorageException if the fingerprint cannot be stored
   */
  public Run logFingerprint(Fingerprint fingerprint) {
    String key = TrackingLayout.fingerprint(id());
    byte[] json = fingerprint.toJson().getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; ; attempt++) {
      long version = records.get(key).map(StoredRecord::version).orElse(0L);
      if (records.compareAndSet(key, version, json)) {
        break;
      }
      if (attempt == 8) {
        throw new StorageException("the fingerprint record of run " + id() + " kept changing; not stored");
      }
    }
    setTag(FINGERPRINT_TAG, fingerprint.id());
    return this;
  }

  /**
   * Returns when everything logged to this tracker before the call is durable.
   *
   * @throws dev.mlops.core.StorageException if a write failed, points were dropped, or the backend timed out
   */
  public void flush() {
    writer.flush();
  }

  /**
   * Ends the run FAILED with a reason (kept in the tag {@code mlops.failure}) and flushes.
   *
   * @param reason why it failed
   * @throws dev.mlops.core.StorageException if the flush failed
   */
  public void fail(String reason) {
    String r = reason.length() > TrackingNames.MAX_TAG_VALUE ? reason.substring(0, TrackingNames.MAX_TAG_VALUE) : reason;
    if (state.status() == RunStatus.RUNNING) {
      state.putTag("mlops.failure", r);
    }
    end(RunStatus.FAILED);
  }

  /**
   * Ends the run FAILED because of an exception and flushes: the tag {@code mlops.failure} holds the
   * exception's class and message, {@link #FAILURE_STACK_TAG} its stack trace (cut at 5,000 characters).
   *
   * @param cause the failure
   * @throws dev.mlops.core.StorageException if the flush failed
   */
  public void fail(Throwable cause) {
    if (state.status() == RunStatus.RUNNING) {
      java.io.StringWriter trace = new java.io.StringWriter();
      cause.printStackTrace(new java.io.PrintWriter(trace));
      String t = trace.toString();
      state.putTag(FAILURE_STACK_TAG, t.length() > TrackingNames.MAX_TAG_VALUE ? t.substring(0, TrackingNames.MAX_TAG_VALUE) : t);
    }
    fail(cause.getClass().getName() + ": " + cause.getMessage());
  }

  /**
   * Ends the run {@link RunStatus#FINISHED}: the work completed. Call it as the last statement of the
   * block that owns the run. Does nothing if the run has ended already (a {@link #fail} stays FAILED).
   *
   * @throws dev.mlops.core.StorageException if the final flush failed; the failure says what is not durable
   */
  public void finish() {
    end(RunStatus.FINISHED);
  }

  /**
   * Ends the run {@link RunStatus#FAILED} if it is still running, because it was closed before
   * {@link #finish()} (an exception or an early exit left the block that owns it), with the tag
   * {@code mlops.failure} saying so; then flushes. After {@code finish()} or {@code fail(...)} it only flushes,
   * and only if something was set on the run after that call's flush began (a tag) or that flush failed: a
   * run whose end returned is durable already, so closing it waits for nothing.
   *
   * @throws dev.mlops.core.StorageException if the final flush failed; the failure says what is not durable
   */
  @Override
  public void close() {
    if (state.status() == RunStatus.RUNNING) {
      fail("closed without finish(): the block that owned the run did not complete (an exception or an"
          + " early exit left it)");
      return;
    }
    if (durableChanges == changes.get()) {
      return; // the end's flush covered every change made through this handle
    }
    writer.flush();
  }

  private void end(RunStatus status) {
    if (state.end(status, writer.now())) {
      writer.end(state);
    }
    // a change counted before this read was queued before the flush below, which therefore covers it
    long covered = changes.get();
    writer.flush();
    durableChanges = covered;
  }

  /** Marks the record for rewriting, then counts the change (see {@link #close()}). */
  private void touched() {
    writer.touch(state);
    changes.incrementAndGet();
  }

  private void ensureRunning(String what) {
    if (state.status() != RunStatus.RUNNING) {
      throw ended(what);
    }
  }

  private ConflictException ended(String what) {
    return new ConflictException("cannot " + what + ": run " + id() + " has ended " + state.status());
  }

  @Override
  public String toString() {
    return "Run{" + id() + " '" + name + "' in '" + experimentName + "', " + state.status() + "}";
  }
}
