package dev.mlops.tracking.internal.logging;

import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.spi.WriteBatch;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.internal.store.MetricCodec;
import dev.mlops.tracking.internal.store.RunChanges;
import dev.mlops.tracking.internal.store.TrackingJson;
import dev.mlops.tracking.internal.store.TrackingLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that drains a bounded queue of metric points, appends them per run in large
 * batches (one durable series append per run per cycle) and rewrites the records of runs whose params,
 * tags, status or latest metrics changed.
 *
 * <p>Rounds and group commit: a round drains the queue and writes what is due, holding the round lock,
 * which guards every field marked "round lock"; the queue is drained only under it, so rounds handle points
 * and ends in the order they were queued. A {@link #flush()} (which every run's end makes) puts a marker in the
 * queue; if no round is in progress, the flushing thread writes the round itself (it leads: no hand-off to
 * the writer thread and back, so a lone closer waits for neither a timer nor a thread switch); otherwise it
 * wakes the writer thread, whose next round, after the one in progress, serves every marker that arrived
 * meanwhile in one batch, so concurrent closes share rounds and, on the file backend, one journal sync (see
 * {@link #writeAll()}). Points alone do not wake the writer: they are written once the oldest has waited a
 * cycle (200 ms from when it was queued), or with the next flush, so a run that logs a few points and ends
 * costs one round, not one per point; the writer wakes at least once a cycle, and at once when the queue is
 * half full.
 *
 * <p>Backpressure: when the queue is full a caller waits up to the offer timeout, then its point is
 * dropped and counted; the next {@link #flush()} fails with a {@link StorageException} saying how many
 * points were dropped. A failed write is kept and retried on every cycle (with back-off once more than a
 * queue's worth is waiting), logged through SLF4J and reported to the failure listener; a flush fails while
 * anything logged before it is not durable. Thread-safe.
 */
public final class AsyncLogWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncLogWriter.class);
  private static final int MAX_DRAIN = 1 << 16;
  private static final long CYCLE_NANOS = 200_000_000L;

  private final Storage storage;
  private final WriterSettings settings;
  private final ArrayBlockingQueue<Object> queue;
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  /** Runs whose record this writer maintains: running ones, and ended ones until their last write. */
  private final Set<RunState> registered = ConcurrentHashMap.newKeySet();
  /** Started runs whose change notice is not yet queued in {@link #pendingNotices}. */
  private final java.util.concurrent.ConcurrentLinkedQueue<RunState> announced =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean closed;
  /** Set once a round reached the stop marker; the writer thread then ends. */
  private volatile boolean stopReached;
  /** Whether the writer thread is (about to be) parked, so a thread that queues work must unpark it. */
  private volatile boolean writerIdle;
  /** Held by the thread writing a round (the writer thread or a flushing caller); guards the fields below. */
  private final ReentrantLock round = new ReentrantLock();

  /** Round lock: points not yet durable, per run, in logging order. */
  private final Map<RunState, PointBuffer> pending = new LinkedHashMap<>();
  /** Round lock: how many points {@link #pending} holds. */
  private long pendingCount;
  /** Round lock: runs whose last record write failed (cleared when a retry succeeds). */
  private final Set<RunState> failedRecords = new java.util.HashSet<>();
  /** Round lock: run-change notices not yet appended, per experiment id. */
  private final Map<String, Set<String>> pendingNotices = new LinkedHashMap<>();
  /** Written under the round lock, read by failing callers: the failure of the last write not yet repaired. */
  private volatile @Nullable MlopsException lastFailure;
  /** Round lock: when the oldest pending point was queued ({@link System#nanoTime()}). */
  private long pendingSince;
  /** Round lock: when leases were last renewed. */
  private long lastHeartbeat;

  /**
   * Starts a writer.
   *
   * @param storage where points and run records go
   * @param settings capacity, timeouts, clock and listener
   */
  public AsyncLogWriter(Storage storage, WriterSettings settings) {
    this.storage = storage;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.thread = new Thread(this::loop, "mlops-tracking-writer");
    this.thread.setDaemon(true);
    this.lastHeartbeat = settings.clock().getAsLong();
    thread.start();
    ShutdownFlush.register(this);
  }

  /**
   * Registers a run whose record this writer keeps up to date.
   *
   * @param run the run
   */
  public void register(RunState run) {
    registered.add(run);
  }

  /**
   * Registers a run that just started and queues its change notice for the next round (within the cycle,
   * or with the next flush or end), so starts do not wait for each other on the experiment's change log.
   *
   * @param run the run, whose record is durable
   */
  public void announce(RunState run) {
    registered.add(run);
    announced.add(run);
  }

  /**
   * Marks a run's record for rewriting on the next cycle or flush, re-registering it if it had ended.
   *
   * @param run the run
   */
  public void touch(RunState run) {
    run.markDirty();
    registered.add(run);
  }

  /**
   * Queues the end of a run behind the points it logged, waiting for room like a flush does; the record
   * shows the terminal status from the round that reaches it (the next flush's, or the next cycle's).
   *
   * @param run the run, already ended in its state
   * @throws StorageException if the queue stayed full for the flush timeout
   */
  public void end(RunState run) {
    registered.add(run);
    enqueueControl(new RunEnd(run), "ending run " + run.id());
  }

  /**
   * Queues one metric point; never throws because the backend is slow (see the class comment).
   *
   * @param run the run
   * @param key a valid key
   * @param value the value
   * @param step the step
   * @param timestamp epoch milliseconds
   */
  public void logMetric(RunState run, String key, double value, long step, long timestamp) {
    MetricEvent e = new MetricEvent(run, key, value, step, timestamp);
    if (!queue.offer(e)) {
      offerSlowly(e);
    }
    if (writerIdle && queue.remainingCapacity() <= settings.queueCapacity() / 2) {
      LockSupport.unpark(thread); // half a queue is waiting: write it before callers have to wait for room
    }
  }

  private void offerSlowly(Object e) {
    try {
      if (queue.offer(e, settings.offerTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        return;
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    long n = dropped.incrementAndGet();
    if (Long.bitCount(n) == 1) {
      LOG.warn("tracking queue full for longer than {}: {} metric point(s) dropped so far; the next flush will fail",
          settings.offerTimeout(), n);
    }
  }

  /** @return the clock's current epoch milliseconds */
  public long now() {
    return settings.clock().getAsLong();
  }

  /**
   * Returns when everything queued before the call is durable.
   *
   * @throws StorageException if a write failed and is not yet repaired, points were dropped since the last
   *     flush, or the backend did not answer within the flush timeout
   */
  public void flush() {
    if (Thread.currentThread() == thread || round.isHeldByCurrentThread()) {
      return; // called from the failure listener, inside a round
    }
    if (!thread.isAlive()) {
      throw new StorageException("flush impossible: the tracking writer has stopped"
          + (closed ? " (the tracker is closed)" : " after an unexpected error") + failureSuffix());
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueueControl(done, "flush");
    if (!closed && round.tryLock()) {
      try {
        runRound(new ArrayList<>());
      } catch (RuntimeException | Error e) {
        LOG.error("a tracking round written by a flushing thread failed unexpectedly", e);
        done.completeExceptionally(e);
      } finally {
        round.unlock();
      }
      if (!done.isDone()) { // more than a drain's worth was queued ahead of the marker: the writer goes on
        wakeWriter();
      }
    } else {
      wakeWriter();
    }
    await(done, "flush");
  }

  private void wakeWriter() {
    if (writerIdle) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * With the round lock held: drains the queue and handles what it drained; at the stop marker, fails what
   * was queued after it and tells the writer thread to end.
   *
   * @return true once the stop marker was reached
   */
  private boolean runRound(List<Object> batch) {
    queue.drainTo(batch, MAX_DRAIN);
    int stopAt = process(batch);
    if (stopAt >= 0) {
      StorageException closedError = new StorageException("the tracker was closed before this was written");
      for (Object o : batch.subList(stopAt + 1, batch.size())) {
        if (o instanceof CompletableFuture) {
          ((CompletableFuture<?>) o).completeExceptionally(closedError);
        }
      }
      stopReached = true;
      LockSupport.unpark(thread);
    }
    batch.clear();
    return stopAt >= 0;
  }

  private void enqueueControl(Object marker, String what) {
    try {
      if (!queue.offer(marker, settings.flushTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        throw new StorageException(what + " of tracking data timed out after " + settings.flushTimeout()
            + ": the queue stayed full (backend slow or down)" + failureSuffix());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(what + " of tracking data was interrupted", e);
    }
  }

  private void await(CompletableFuture<Void> done, String what) {
    try {
      done.get(settings.flushTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      done.cancel(false); // abandoned: the writer must not report failures to a marker nobody waits for
      throw new StorageException(what + " of tracking data timed out after " + settings.flushTimeout()
          + " (backend slow or down)" + failureSuffix(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(what + " of tracking data was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MlopsException) {
        MlopsException m = (MlopsException) cause;
        throw new StorageException(m.getMessage(), m);
      }
      throw new StorageException(what + " of tracking data failed: " + cause, cause);
    }
  }

  private String failureSuffix() {
    MlopsException f = lastFailure;
    return f == null ? "" : "; last failure: " + f.getMessage();
  }

  private void loop() {
    List<Object> batch = new ArrayList<>();
    try {
      while (true) {
        long waitNanos = CYCLE_NANOS;
        boolean backlog;
        round.lockInterruptibly();
        try {
          if (stopReached) {
            break; // a flushing thread's round reached the stop marker
          }
          if (pendingCount > settings.queueCapacity()) {
            writeAll();
          }
          // a queue's worth is still waiting for a broken backend: stop draining so callers feel it
          backlog = pendingCount > settings.queueCapacity();
          if (!backlog && runRound(batch)) {
            break;
          }
          if (!backlog && pendingCount > 0) {
            waitNanos = Math.max(0, pendingSince + CYCLE_NANOS - System.nanoTime());
          }
        } finally {
          round.unlock();
        }
        if (backlog) {
          Thread.sleep(CYCLE_NANOS / 1_000_000);
          continue;
        }
        writerIdle = true; // set before looking at the queue: a thread queueing after the look unparks us
        if (queue.isEmpty() && !stopReached) {
          LockSupport.parkNanos(this, waitNanos);
        }
        writerIdle = false;
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      failQueued(new StorageException("the tracker was closed before this was written"));
    } catch (InterruptedException e) {
      stopped.completeExceptionally(new StorageException("tracking writer interrupted", e));
      failQueued(new StorageException("tracking writer interrupted", e));
    } catch (RuntimeException | Error e) {
      LOG.error("tracking writer died", e);
      stopped.completeExceptionally(e);
      failQueued(e);
    }
  }

  private void failQueued(Throwable e) {
    Object o;
    while ((o = queue.poll()) != null) {
      if (o instanceof CompletableFuture) {
        ((CompletableFuture<?>) o).completeExceptionally(e);
      }
    }
  }

  /** Handles one drained batch; returns the index of the stop marker in it, or -1. */
  private int process(List<Object> batch) {
    long now = settings.clock().getAsLong();
    if (now - lastHeartbeat >= settings.heartbeatInterval().toMillis()) {
      lastHeartbeat = now;
      for (RunState r : registered) {
        if (r.status() == RunStatus.RUNNING) {
          r.markDirty();
        }
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      Object o = batch.get(i);
      if (o instanceof MetricEvent) {
        MetricEvent e = (MetricEvent) o;
        if (pendingCount == 0) {
          pendingSince = e.queuedNanos;
        }
        pending.computeIfAbsent(e.run, r -> new PointBuffer()).add(e);
        pendingCount++;
      } else if (o instanceof RunEnd) {
        RunState run = ((RunEnd) o).run;
        run.recordEnd();
        run.markDirty();
        registered.add(run);
      } else if (o instanceof CompletableFuture) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void> marker = (CompletableFuture<Void>) o;
        writeAll();
        complete(marker);
        if (marker == stopped) {
          return i;
        }
      }
    }
    // points alone wait for the cycle (or a flush, or half a queue): a round per point would cost a sync each
    if (pendingCount == 0 || System.nanoTime() - pendingSince >= CYCLE_NANOS
        || pendingCount >= settings.queueCapacity() / 2) {
      writeAll();
    }
    return -1;
  }

  private void complete(CompletableFuture<Void> marker) {
    if (marker.isDone()) {
      return; // its caller timed out; keep any drop count for the next flush
    }
    long lost = dropped.getAndSet(0);
    // only what was queued before the marker counts: other threads may dirty records meanwhile
    boolean unwritten = pendingCount > 0 || !failedRecords.isEmpty() || !pendingNotices.isEmpty();
    if (lost > 0) {
      marker.completeExceptionally(new StorageException(lost + " metric point(s) were dropped because the "
          + "tracking queue stayed full for longer than " + settings.offerTimeout() + failureSuffix()));
    } else if (unwritten) {
      marker.completeExceptionally(new StorageException(pendingCount + " metric point(s) and the records of "
          + failedRecords.size() + " run(s) are not yet durable"
          + failureSuffix(), lastFailure));
    } else {
      marker.complete(null);
    }
  }

  /**
   * Makes everything pending durable in one {@link Storage#write(WriteBatch) batch}: every run's points
   * (one series append per run), then every dirty run record, then one append of change notices per
   * experiment. The order inside the batch is what a reader relies on: a record never names points that are
   * not durable, and a notice never precedes the record write it announces. The closes that arrived
   * together share the batch (group commit); on the file backend it costs one journal sync, shared with
   * batches other threads write at once.
   */
  private void writeAll() {
    for (RunState run; (run = announced.poll()) != null; ) {
      pendingNotices.computeIfAbsent(run.experimentId(), k -> new LinkedHashSet<>()).add(run.id());
    }
    for (Map.Entry<RunState, PointBuffer> e : pending.entrySet()) {
      PointBuffer b = e.getValue();
      // the record written beside these points shows them; if the batch fails both are retried together
      e.getKey().mergeLatest(b.keys, b.values, b.steps, b.timestamps, b.size);
      e.getKey().markDirty();
      registered.add(e.getKey()); // an ended run may have been unregistered while these points were queued
    }
    List<RunState> appends = new ArrayList<>(pending.keySet());
    List<RunState> dirty = new ArrayList<>();
    for (RunState run : registered) {
      if (run.takeDirty()) {
        dirty.add(run);
      }
    }
    if (appends.isEmpty() && dirty.isEmpty() && pendingNotices.isEmpty()) {
      return;
    }
    boolean failed = writeBatch(appends, dirty, true);
    if (failed && appends.size() + dirty.size() > 1) {
      // one run's damaged data must not hold back the others: write what is left one run at a time
      Set<RunState> left = new LinkedHashSet<>(appends);
      left.addAll(dirty);
      for (RunState run : left) {
        boolean points = pending.containsKey(run);
        boolean record = run.takeDirty();
        if (points || record) {
          writeBatch(points ? List.of(run) : List.of(), record ? List.of(run) : List.of(), false);
        }
      }
    }
    failed = !failedRecords.isEmpty() || pendingCount > 0 || !pendingNotices.isEmpty();
    if (!failed && lastFailure != null) {
      LOG.info("tracking writes succeed again after: {}", lastFailure.getMessage());
      lastFailure = null;
    }
  }

  /**
   * Writes the pending points of some runs, then the records of some, then their change notices (and, with
   * {@code withPendingNotices}, notices left from failed rounds) in one batch.
   *
   * @return true if a write of the batch failed
   */
  private boolean writeBatch(List<RunState> appends, List<RunState> dirty, boolean withPendingNotices) {
    WriteBatch.Builder batch = WriteBatch.builder();
    for (RunState run : appends) {
      PointBuffer b = pending.get(run);
      batch.append(run.seriesKey(), MetricCodec.encode(b.keys, b.values, b.steps, b.timestamps, b.size));
    }
    long heartbeat = settings.clock().getAsLong();
    long[] expected = new long[dirty.size()];
    for (int i = 0; i < dirty.size(); i++) {
      RunState run = dirty.get(i);
      expected[i] = run.recordVersion();
      batch.compareAndSet(run.recordKey(), expected[i], TrackingJson.write(run.toDocument(heartbeat)));
    }
    Map<String, Set<String>> notices = new LinkedHashMap<>();
    if (withPendingNotices) {
      pendingNotices.forEach((exp, ids) -> notices.computeIfAbsent(exp, k -> new LinkedHashSet<>()).addAll(ids));
    }
    for (RunState run : dirty) {
      notices.computeIfAbsent(run.experimentId(), k -> new LinkedHashSet<>()).add(run.id());
    }
    List<String> noticeExperiments = new ArrayList<>(notices.keySet());
    for (String exp : noticeExperiments) {
      batch.append(TrackingLayout.runChanges(exp), RunChanges.entries(notices.get(exp)));
    }
    WriteBatch.Result result;
    try {
      result = storage.write(batch.build());
    } catch (RuntimeException e) { // journaled but not applied: the next open of the store applies it
      List<WriteBatch.Outcome> none = new ArrayList<>();
      for (int i = 0; i < appends.size() + dirty.size() + noticeExperiments.size(); i++) {
        none.add(WriteBatch.Outcome.NOT_WRITTEN);
      }
      result = new WriteBatch.Result(none, e);
    }
    boolean failed = false;
    RuntimeException cause = result.failure().orElse(null);
    int at = 0;
    for (RunState run : appends) {
      PointBuffer b = pending.get(run);
      if (result.outcome(at++) != WriteBatch.Outcome.WRITTEN) {
        failed = true;
        fail(new StorageException("appending " + b.size + " metric point(s) of run " + run.id() + " failed: "
            + describe(cause), cause));
        continue;
      }
      pendingCount -= b.size;
      pending.remove(run);
    }
    Set<String> differed = new java.util.HashSet<>();
    for (int i = 0; i < dirty.size(); i++) {
      RunState run = dirty.get(i);
      WriteBatch.Outcome o = result.outcome(at++);
      if (o == WriteBatch.Outcome.VERSION_DIFFERED) {
        // someone else touched the record (a recovery marking it killed); this process owns the run: overwrite
        try {
          writeRecord(run);
          differed.add(run.id());
          o = WriteBatch.Outcome.WRITTEN;
        } catch (RuntimeException e) {
          cause = e;
          o = WriteBatch.Outcome.NOT_WRITTEN;
        }
      } else if (o == WriteBatch.Outcome.WRITTEN) {
        run.recordVersion(expected[i] + 1);
      }
      if (o != WriteBatch.Outcome.WRITTEN) {
        failed = true;
        run.markDirty();
        failedRecords.add(run);
        fail(new StorageException("writing the record of run " + run.id() + " failed: " + describe(cause), cause));
        continue;
      }
      failedRecords.remove(run);
      if (run.isEndRecorded() && !run.isDirty() && !pending.containsKey(run)) {
        registered.remove(run);
      }
    }
    for (String exp : noticeExperiments) {
      if (result.outcome(at++) == WriteBatch.Outcome.WRITTEN) {
        if (withPendingNotices) {
          pendingNotices.remove(exp);
        }
      } else {
        failed = true;
        pendingNotices.computeIfAbsent(exp, k -> new LinkedHashSet<>()).addAll(notices.get(exp));
        fail(new StorageException("appending run-change notices of experiment " + exp + " failed: "
            + describe(cause), cause));
      }
    }
    for (RunState run : dirty) {
      if (differed.contains(run.id())) { // its record was written after the batch's notice: announce it again
        pendingNotices.computeIfAbsent(run.experimentId(), k -> new LinkedHashSet<>()).add(run.id());
      } else if (failedRecords.contains(run)) {
        pendingNotices.computeIfPresent(run.experimentId(), (k, ids) -> {
          ids.remove(run.id()); // announced again once its record is written
          return ids.isEmpty() ? null : ids;
        });
      }
    }
    for (Iterator<Map.Entry<String, Set<String>>> it = pendingNotices.entrySet().iterator();
        !differed.isEmpty() && it.hasNext(); ) {
      Map.Entry<String, Set<String>> n = it.next();
      try {
        RunChanges.append(storage.series(), n.getKey(), n.getValue());
        it.remove();
      } catch (RuntimeException e) {
        failed = true;
        fail(new StorageException("appending run-change notices of experiment " + n.getKey() + " failed: "
            + e.getMessage(), e));
      }
    }
    return failed;
  }

  private static String describe(@Nullable RuntimeException cause) {
    return cause == null ? "an earlier write of the same batch failed" : String.valueOf(cause.getMessage());
  }

  private void fail(MlopsException e) {
    boolean first = lastFailure == null;
    lastFailure = e;
    if (first) {
      LOG.warn("tracking write failed (kept for retry): {}", e.getMessage(), e);
    }
    try {
      settings.failureListener().accept(e);
    } catch (RuntimeException listenerFailure) {
      LOG.warn("tracking failure listener threw", listenerFailure);
    }
  }

  private void writeRecord(RunState run) {
    byte[] body = TrackingJson.write(run.toDocument(settings.clock().getAsLong()));
    long expected = run.recordVersion();
    for (int attempt = 0; attempt < 16; attempt++) {
      if (storage.records().compareAndSet(run.recordKey(), expected, body)) {
        run.recordVersion(expected + 1);
        return;
      }
      // someone else touched the record (a recovery marking it killed); this process owns the run: overwrite
      Optional<StoredRecord> current = storage.records().get(run.recordKey());
      expected = current.map(StoredRecord::version).orElse(0L);
    }
    throw new StorageException("run record " + run.recordKey() + " kept changing under 16 compare-and-set attempts");
  }

  /**
   * Flushes, stops the writer thread and releases it. Later calls do nothing.
   *
   * @throws StorageException if the final flush failed (the data not written is reported, not silently lost)
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ShutdownFlush.unregister(this);
    enqueueControl(stopped, "close");
    LockSupport.unpark(thread);
    await(stopped, "close");
  }

  /** Closes the writer from the JVM's shutdown hook, logging a failure instead of throwing it. */
  void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.error("tracking data could not be flushed at JVM shutdown", e);
    }
  }

  /** @return true once {@link #close()} began */
  public boolean isClosed() {
    return closed;
  }
}
