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
import java.util.HashSet;
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
 * workers, and when the store closes) seals the segment (new batches go to the next one) and waits until
 * every writer that held a stripe has let go, so no batch in the sealed segments is still being applied. Its
 * own batches it knows to be applied ({@link WriteAheadJournal#applied}, one counter per journal frame); every
 * other entry of the sealed segments (another process's, or one of its own whose file writes failed) may not
 * be: a process killed between its journal sync and its last file write leaves a batch half in its files.
 * The checkpoint applies those entries again with the replay rules below, holding the stripes of their keys
 * (a record's last journaled write, read from every segment under those stripes, decides what it gets, so a
 * later delete is never undone). Then it syncs every file the sealed segments name and their directories, and
 * deletes the segments. A store used by one process reads no record or series file for this.
 *
 * <p><b>Replay</b> (when the store opens and the journal holds entries: a process died or the machine
 * crashed since the last checkpoint) holds every stripe, so no writer runs meanwhile, and applies the
 * entries in order: a record gets its last journaled put unless its file already holds that version or a
 * later one (or its last journaled write is a delete); a series gets each journaled frame at its offset
 * unless the frame is there already, or was superseded (a later append went where the frames of a killed
 * writer never arrived, see {@code Replay}). Replaying twice changes nothing the first time did not. Then it
 * syncs and deletes the segments like a checkpoint. A damaged frame inside the acknowledged part of a segment
 * raises {@link dev.mlops.core.CorruptedDataException} naming the segment file and the offset; the store does
 * not open rather than lose acknowledged writes. Thread-safe.
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
      WriteAheadJournal.Committed committed = null;
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
          committed = journal.commit(JournalEntry.encode(ops));
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
      if (committed != null) {
        journal.applied(committed); // before the stripes are let go, so a checkpoint's barrier sees it
      }
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
          Replay everything = new Replay();
          Set<Path> touched = new LinkedHashSet<>();
          int count = forEachOp(sealed, (op, mine) -> everything.add(op));
          int written = everything.apply(touched);
          if (count > 0) {
            LOG.info("replayed {} journal entries in {}: {} file write(s) were missing and are restored", count,
                journal.dir(), written);
          }
          sync(touched);
          journal.delete(sealed);
        }
      } else {
        List<String> sealed = journal.seal();
        locks.barrier(lockTimeout, "checkpoint the journal");
        Set<Path> touched = new LinkedHashSet<>();
        List<JournalEntry.Op> others = new ArrayList<>();
        forEachOp(sealed, (op, mine) -> {
          addPaths(op, touched);
          if (!mine && op.kind() != JournalEntry.Kind.DELETE) {
            others.add(op);
          }
        });
        if (!others.isEmpty()) {
          applyAgain(others, touched);
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

  /** Receives the ops of journal entries, and whether this store instance wrote and applied the entry. */
  private interface OpSink {
    void op(JournalEntry.Op op, boolean mine);
  }

  /**
   * Reads the entries of segments in order (oldest first, each in its order) and gives every op to the sink.
   *
   * @return the number of entries
   * @throws dev.mlops.core.CorruptedDataException if an acknowledged entry is damaged
   */
  private int forEachOp(List<String> segments, OpSink sink) {
    int count = 0;
    for (String segment : segments) {
      Map<Long, Integer> applied = journal.appliedFrames(segment);
      int index = 0;
      for (FileSeriesStore.Frame frame : journal.frames(segment)) {
        boolean mine = applied.getOrDefault(frame.end(), 0) == frame.entries().size();
        for (byte[] entry : frame.entries()) {
          for (JournalEntry.Op op : JournalEntry.decode(entry, where(segment, index++))) {
            sink.op(op, mine);
          }
        }
      }
      count += index;
    }
    return count;
  }

  /**
   * Applies again, as a replay does, the writes a checkpoint found in its sealed segments that this store
   * instance did not apply itself: another process's (alive, or killed between its journal sync and the last
   * of its file writes) or its own whose file writes failed. With the stripes of their keys held, so no
   * writer of those keys runs meanwhile, it reads every segment there is (the sealed ones and those after
   * them), so that a record's last journaled write decides what it gets (a delete journaled after the seal
   * keeps an older put from bringing the record back).
   */
  @SuppressWarnings("try") // the resource is the held stripe locks: the body runs under them, never names them
  private void applyAgain(List<JournalEntry.Op> others, Set<Path> touched) throws IOException {
    TreeSet<Integer> stripes = new TreeSet<>();
    Set<String> records = new HashSet<>();
    Replay replay = new Replay();
    for (JournalEntry.Op op : others) {
      stripes.add(StripedFileLocks.stripeOf(op.key()));
      if (op.kind() == JournalEntry.Kind.FRAME) {
        replay.add(op);
      } else {
        records.add(op.key());
      }
    }
    int[] sorted = stripes.stream().mapToInt(Integer::intValue).toArray();
    try (StripedFileLocks.Held held = locks.lockStripes(sorted, lockTimeout, "apply journal entries again")) {
      if (!records.isEmpty()) {
        forEachOp(journal.segmentKeys(), (op, mine) -> {
          if (op.kind() != JournalEntry.Kind.FRAME && records.contains(op.key())) {
            replay.add(op);
          }
        });
      }
      int written = replay.apply(touched);
      if (written > 0) {
        LOG.info("checkpointing the journal in {}: {} file write(s) of entries another process (or a failed"
            + " write of this one) journaled were missing and are restored", journal.dir(), written);
      }
    }
  }

  /**
   * The writes a replay makes (with the stripes of their keys held): each record gets its last journaled
   * put unless its file holds that version or a later one, or its last journaled write is a delete; each
   * series gets its journaled frames in order, each at its offset unless it is there. A frame is superseded,
   * and left out, when a later journaled frame starts at its offset, when another whole frame is in the file
   * at its offset (see {@link FileSeriesStore#replayFrame}), or when it starts where a superseded frame
   * ends (the rest of a killed writer's batch, whose first frame a later append replaced). Making the writes
   * twice changes nothing the first time did not.
   */
  private final class Replay {
    private final Map<String, JournalEntry.Op> lastRecordOp = new LinkedHashMap<>();
    private final List<JournalEntry.Op> frames = new ArrayList<>();
    /** Per series key and offset, the index in {@link #frames} of the last frame journaled there. */
    private final Map<FrameAt, Integer> lastAt = new HashMap<>();

    private record FrameAt(String key, long offset) {}

    void add(JournalEntry.Op op) {
      if (op.kind() == JournalEntry.Kind.FRAME) {
        lastAt.put(new FrameAt(op.key(), op.versionOrOffset()), frames.size());
        frames.add(op);
      } else {
        lastRecordOp.remove(op.key()); // keeps the map in the order of last writes
        lastRecordOp.put(op.key(), op);
      }
    }

    /** Makes the writes; adds the files to sync to {@code touched} and returns how many files were written. */
    int apply(Set<Path> touched) throws IOException {
      int written = 0;
      for (JournalEntry.Op op : lastRecordOp.values()) {
        if (op.kind() == JournalEntry.Kind.PUT) {
          addPaths(op, touched);
          if (records.replayPut(op.key(), op.versionOrOffset(), op.bytes())) {
            written++;
          }
        }
      }
      Set<FrameAt> supersededEnds = new HashSet<>();
      for (int i = 0; i < frames.size(); i++) {
        JournalEntry.Op op = frames.get(i);
        FrameAt at = new FrameAt(op.key(), op.versionOrOffset());
        FrameAt end = new FrameAt(op.key(), op.versionOrOffset() + op.bytes().length);
        if (lastAt.get(at) != i || supersededEnds.contains(at)) {
          supersededEnds.add(end);
          continue;
        }
        addPaths(op, touched);
        FileSeriesStore.Replayed r = series.replayFrame(op.key(), op.versionOrOffset(), op.bytes());
        if (r == FileSeriesStore.Replayed.WRITTEN) {
          written++;
        } else if (r == FileSeriesStore.Replayed.SUPERSEDED) {
          supersededEnds.add(end);
        }
      }
      return written;
    }
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
