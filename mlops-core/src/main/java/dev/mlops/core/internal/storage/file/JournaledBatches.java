package dev.mlops.core.internal.storage.file;

import dev.mlops.core.StorageException;
import dev.mlops.core.spi.WriteBatch;
import dev.mlops.core.work.WorkerPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches of record and series writes made durable with one journal sync (the write-ahead rule), then
 * applied to the records' and series' own files without syncing them; checkpoints sync those files and
 * drop the journal segments they cover; opening the store replays what the journal holds.
 *
 * <p><b>A batch.</b> With the stripe locks of every key it writes held (taken in ascending order, so
 * batches never wait for each other in a cycle, also across processes), it checks each compare-and-set
 * against the record's file and finds where each series frame goes, journals what every write will leave
 * in its file as one entry ({@link JournalEntry}; concurrent batches share the sync, see
 * {@link WriteAheadJournal}), then writes the files in the batch's order and releases the locks. A reader
 * therefore sees a batch's writes in order, and a write reaches its file only after the journal holds it.
 * Single writes ({@code compareAndSet}, {@code append}) keep their own durable path; a delete is journaled
 * before it is made, so a replay never brings a deleted record back.
 *
 * <p><b>A checkpoint</b> (when the current segment passes {@value #SEGMENT_BYTES} bytes, on core's shared I/O
 * workers, and when the store closes) seals the segment (new batches go to the next one), waits until every
 * writer that held a stripe has let go (so every batch in the sealed segments has been applied), syncs every
 * file the sealed segments name and their directories, and deletes the segments.
 *
 * <p><b>Replay</b> (when the store opens and the journal holds entries: a process died or the machine
 * crashed since the last checkpoint) holds every stripe, so no writer runs meanwhile, and applies the
 * entries in order: a record gets its last journaled put unless its file already holds that version or a
 * later one (or its last journaled write is a delete); a series gets each journaled frame at its offset
 * unless the frame is there already. Replaying twice changes nothing the first time did not. Then it
 * syncs and deletes the segments like a checkpoint. A damaged frame inside the acknowledged part of a
 * segment raises {@link dev.mlops.core.CorruptedDataException} naming the segment file and the offset;
 * the store does not open rather than lose acknowledged writes. Thread-safe.
 */
final class JournaledBatches {
  private static final Logger LOG = LoggerFactory.getLogger(JournaledBatches.class);
  /** The segment size past which a checkpoint starts. */
  static final long SEGMENT_BYTES = 4L * 1024 * 1024;

  private final FileRecordStore records;
  private final FileSeriesStore series;
  private final StripedFileLocks locks;
  private final WriteAheadJournal journal;
  private final Duration lockTimeout;
  private final AtomicBoolean checkpointQueued = new AtomicBoolean();
  private volatile boolean closed;

  JournaledBatches(FileRecordStore records, FileSeriesStore series, StripedFileLocks locks,
      WriteAheadJournal journal, Duration lockTimeout) {
    this.records = records;
    this.series = series;
    this.locks = locks;
    this.journal = journal;
    this.lockTimeout = lockTimeout;
  }

  /** A prepared series write: the file as the batch prepared it, where its frame goes and the frame. */
  private record Frame(String key, FileSeriesStore.Prepared file, FileSeriesStore.Tail tail, ByteBuffer frame) {}

  /** A record put and the file as the batch checked it (null for a later put of the same key in the batch). */
  private record Put(JournalEntry.Op op, FileRecordStore.@Nullable Opened file) {}

  @SuppressWarnings("try") // the resource is the held stripe locks: the body runs under them, never names them
  WriteBatch.Result write(WriteBatch batch) {
    List<WriteBatch.Outcome> outcomes = new ArrayList<>(batch.size());
    if (batch.size() == 0) {
      return new WriteBatch.Result(outcomes, null);
    }
    TreeSet<Integer> stripes = new TreeSet<>();
    for (WriteBatch.Write w : batch.writes()) {
      stripes.add(StripedFileLocks.stripeOf(w.key()));
    }
    int[] sorted = stripes.stream().mapToInt(Integer::intValue).toArray();
    // the files the batch checks stay open for its writes: one open and one read per file, not two
    List<AutoCloseable> opened = new ArrayList<>();
    try (StripedFileLocks.Held held = locks.lockStripes(sorted, lockTimeout, "write a batch")) {
      List<JournalEntry.Op> ops = new ArrayList<>(batch.size());
      List<Object> applies = new ArrayList<>(batch.size());
      try {
        Map<String, Long> versions = new HashMap<>();
        Map<String, FileSeriesStore.Tail> tails = new HashMap<>();
        Map<String, FileSeriesStore.Prepared> prepared = new HashMap<>();
        for (WriteBatch.Write w : batch.writes()) {
          if (w.kind() == WriteBatch.Kind.APPEND) {
            ByteBuffer frame = FileSeriesStore.encodeFrame(w.key(), w.entries());
            FileSeriesStore.Prepared file = prepared.get(w.key());
            if (file == null) {
              file = series.prepareAppend(w.key());
              opened.add(file);
              prepared.put(w.key(), file);
            }
            FileSeriesStore.Tail tail = tails.getOrDefault(w.key(), file.tail());
            byte[] bytes = new byte[frame.remaining()];
            frame.duplicate().get(bytes);
            ops.add(new JournalEntry.Op(JournalEntry.Kind.FRAME, w.key(), tail.offset(), bytes));
            applies.add(new Frame(w.key(), file, tail, frame));
            tails.put(w.key(), new FileSeriesStore.Tail(tail.offset() + bytes.length, tail.legacy()));
            outcomes.add(WriteBatch.Outcome.WRITTEN);
          } else {
            Long current = versions.get(w.key());
            FileRecordStore.Opened file = null;
            if (current == null) {
              file = records.openLocked(w.key(), w.expectedVersion() == 0);
              opened.add(file);
              current = file.version();
            }
            if (current != w.expectedVersion()) {
              versions.put(w.key(), current);
              outcomes.add(WriteBatch.Outcome.VERSION_DIFFERED);
              continue;
            }
            JournalEntry.Op put = new JournalEntry.Op(JournalEntry.Kind.PUT, w.key(), current + 1, w.value());
            ops.add(put);
            applies.add(new Put(put, file));
            versions.put(w.key(), current + 1);
            outcomes.add(WriteBatch.Outcome.WRITTEN);
          }
        }
        if (!ops.isEmpty()) {
          journal.commit(JournalEntry.encode(ops));
        }
      } catch (IOException | RuntimeException e) {
        List<WriteBatch.Outcome> none = new ArrayList<>(batch.size());
        batch.writes().forEach(w -> none.add(WriteBatch.Outcome.NOT_WRITTEN));
        RuntimeException failure = e instanceof RuntimeException ? (RuntimeException) e
            : new StorageException("writing a batch of " + batch.size() + " to " + journal.dir().getParent()
                + " failed: " + e, e);
        return new WriteBatch.Result(none, failure);
      }
      apply(applies);
    } finally {
      closeAll(opened);
    }
    maybeCheckpointLater();
    return new WriteBatch.Result(outcomes, null);
  }

  private void apply(List<Object> applies) {
    for (Object a : applies) {
      try {
        if (a instanceof Frame) {
          Frame f = (Frame) a;
          series.writeJournaled(f.key(), f.file(), f.tail(), f.frame());
        } else {
          Put put = (Put) a;
          JournalEntry.Op op = put.op();
          if (put.file() != null) {
            records.writeJournaled(put.file(), op.key(), op.versionOrOffset(), op.bytes());
          } else { // a later put of a key the batch already wrote: the file changed since it was checked
            records.writeJournaled(op.key(), op.versionOrOffset(), op.bytes());
          }
        }
      } catch (IOException | RuntimeException e) {
        throw new StorageException("a batch is durable in the journal at " + journal.dir() + " but writing it to"
            + " its files failed (" + e + "); it is applied when the store is next opened", e);
      }
    }
  }

  private static void closeAll(List<AutoCloseable> opened) {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("closing a file a batch opened failed (its writes were made): {}", e.toString());
      }
    }
  }

  private void maybeCheckpointLater() {
    if (closed || journal.currentSize() < SEGMENT_BYTES || !checkpointQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      WorkerPool.sharedIo().executor().execute(() -> {
        try {
          checkpoint(false, true);
        } catch (RuntimeException e) {
          LOG.warn("journal checkpoint of {} failed; the journal keeps the writes and the next one retries: {}",
              journal.dir(), e.getMessage(), e);
        } finally {
          checkpointQueued.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      checkpointQueued.set(false);
    }
  }

  /**
   * Syncs the files the sealed segments name and deletes them (see the class comment); with
   * {@code replay}, first applies every entry again while holding every stripe.
   *
   * @param replay whether to replay (when the store opens)
   * @throws StorageException if the journal or a file cannot be read or synced
   * @throws dev.mlops.core.CorruptedDataException if an acknowledged journal frame is damaged
   */
  void checkpoint(boolean replay) {
    checkpoint(replay, false);
  }

  @SuppressWarnings("try") // the resource is a held lock: the body runs under it, never names it
  private void checkpoint(boolean replay, boolean background) {
    try (WriteAheadJournal.Held held = journal.lockCheckpoint(!background)) {
      if (held == null || (background && closed)) {
        return; // another one runs, or the store closed (its close checkpointed)
      }
      List<String> present = journal.segmentKeys();
      if (present.isEmpty() || (present.size() == 1 && journal.sizeOf(present.get(0)) == 0)) {
        return;
      }
      if (replay) {
        int[] all = new int[StripedFileLocks.STRIPES];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
        try (StripedFileLocks.Held stripes = locks.lockStripes(all, lockTimeout, "replay the journal")) {
          List<String> sealed = journal.seal();
          Set<Path> touched = replay(sealed);
          sync(touched);
          journal.delete(sealed);
        }
      } else {
        List<String> sealed = journal.seal();
        locks.barrier(lockTimeout, "checkpoint the journal");
        Set<Path> touched = new LinkedHashSet<>();
        for (String segment : sealed) {
          List<byte[]> entries = journal.entries(segment);
          for (int i = 0; i < entries.size(); i++) {
            for (JournalEntry.Op op : JournalEntry.decode(entries.get(i), where(segment, i))) {
              addPaths(op, touched);
            }
          }
        }
        sync(touched);
        journal.delete(sealed);
      }
    } catch (IOException e) {
      throw new StorageException("checkpointing the journal at " + journal.dir() + " failed: " + e, e);
    }
  }

  private String where(String segment, int index) {
    return index + " of " + journal.pathOf(segment);
  }

  private void addPaths(JournalEntry.Op op, Set<Path> touched) {
    if (op.kind() == JournalEntry.Kind.DELETE) {
      return; // made durable by the delete itself
    }
    Path p = op.kind() == JournalEntry.Kind.PUT ? records.pathOf(op.key()) : series.pathOf(op.key());
    touched.add(p);
    touched.add(p.getParent());
  }

  /** Applies the entries of the segments in order (every stripe held); returns the files to sync. */
  private Set<Path> replay(List<String> sealed) throws IOException {
    Map<String, JournalEntry.Op> lastRecordOp = new LinkedHashMap<>();
    List<JournalEntry.Op> frames = new ArrayList<>();
    int count = 0;
    for (String segment : sealed) {
      List<byte[]> entries = journal.entries(segment);
      count += entries.size();
      for (int i = 0; i < entries.size(); i++) {
        for (JournalEntry.Op op : JournalEntry.decode(entries.get(i), where(segment, i))) {
          if (op.kind() == JournalEntry.Kind.FRAME) {
            frames.add(op);
          } else {
            lastRecordOp.remove(op.key()); // keeps the map in the order of last writes
            lastRecordOp.put(op.key(), op);
          }
        }
      }
    }
    Set<Path> touched = new LinkedHashSet<>();
    int written = 0;
    for (JournalEntry.Op op : lastRecordOp.values()) {
      if (op.kind() == JournalEntry.Kind.PUT) {
        addPaths(op, touched);
        if (records.replayPut(op.key(), op.versionOrOffset(), op.bytes())) {
          written++;
        }
      }
    }
    for (JournalEntry.Op op : frames) {
      addPaths(op, touched);
      if (series.replayFrame(op.key(), op.versionOrOffset(), op.bytes())) {
        written++;
      }
    }
    if (count > 0) {
      LOG.info("replayed {} journal entries in {}: {} file write(s) were missing and are restored", count,
          journal.dir(), written);
    }
    return touched;
  }

  private static void sync(Set<Path> touched) {
    List<Path> all = new ArrayList<>(touched);
    if (all.isEmpty()) {
      return;
    }
    WorkerPool.sharedIo().run(job -> {
      for (int i = 1; i < all.size(); i++) {
        Path p = all.get(i);
        job.add(j -> DurableFiles.syncFile(p));
      }
      DurableFiles.syncFile(all.get(0));
    }, "syncing the files the journal covers");
  }

  /** Checkpoints what the journal holds and stops later background checkpoints. */
  void close() {
    closed = true;
    checkpoint(false);
  }
}
