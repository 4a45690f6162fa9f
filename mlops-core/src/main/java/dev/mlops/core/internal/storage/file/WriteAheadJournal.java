package dev.mlops.core.internal.storage.file;

import dev.mlops.core.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write-ahead journal: a sequence of segment files under {@code journal/}, each a series file
 * ({@link FileSeriesStore}: checksummed, length-prefixed frames after a header holding the acknowledged
 * end), named {@code wal-<generation>}. New entries go to the segment with the highest generation.
 *
 * <p><b>Group commit.</b> {@link #commit} returns when its entry is durable. The first caller writes at
 * once; callers that arrive while a write is in progress queue their entries, and the next of them writes
 * every queued entry in one frame with one {@code fdatasync}. Across processes the segment's stripe lock
 * (in {@code locks/journal/}) orders the appends, so entries of different processes never interleave and
 * a torn tail left by a killed process is cut off before the next append (the series file's tail rule).
 *
 * <p><b>Generations.</b> A checkpoint seals the current segment by creating the next one, so entries
 * committed after it go there; a segment is deleted only after every file its entries name is synced,
 * and the segment with the highest generation is never deleted, so a generation is never reused. Which
 * segment is current is found on the directory, so processes agree on it without state of their own: every
 * commit checks that the next generation after the segment it last found does not exist (one {@code stat},
 * while its writer holds the stripes of the keys it writes, see {@link #currentSegment()}), and lists the
 * directory only when it does. The segment's file stays open from one commit to the next while it stays
 * current, so a commit costs no open and close.
 *
 * <p><b>What this store instance applied.</b> {@link #commit} tells where its entry went (the segment and the
 * end of the frame that holds it); once the caller has made the entry's writes in their files it says so
 * with {@link #applied}. A checkpoint then knows which entries of a sealed segment are its own and applied
 * ({@link #appliedFrames}); every other entry (another process's, alive or killed, or one of this instance
 * whose writes failed) it must apply again before it deletes the segment. The record is one counter per
 * frame, dropped with its segment. Thread-safe: the queue, the writing flag and the closed flag are guarded
 * by {@code this}; the open segment is used only by the thread that set the writing flag; the applied
 * counters are concurrent maps.
 */
final class WriteAheadJournal {
  private static final Logger LOG = LoggerFactory.getLogger(WriteAheadJournal.class);
  private static final String PREFIX = "wal-";

  private final Path dir;
  private final FileSeriesStore segments;
  private final StripedFileLocks segmentLocks;
  private final Path checkpointLockFile;
  /** One lock per checkpoint lock file in this JVM, so two store instances never hold its OS lock at once. */
  private static final ConcurrentHashMap<Path, ReentrantLock> CHECKPOINT_LOCKS = new ConcurrentHashMap<>();
  private final ReentrantLock checkpointJvmLock;
  private final Duration lockTimeout;

  /** Guarded by this: entries waiting for the next write. */
  private final List<Pending> queue = new ArrayList<>();
  /** Guarded by this: whether a write is in progress. */
  private boolean writing;
  /** The segment the last commit or seal found current (a hint, checked on every use), or null. */
  private volatile @Nullable String current;
  /** Guarded by this. */
  private boolean closed;
  /** Used only by the writing thread (or under this with no write in progress): the open segment, or null. */
  private FileSeriesStore.@Nullable Appender open;
  /** The key of {@link #open}, under the same rule. */
  private @Nullable String openKey;
  /** The end of the current segment after this process's last append (a hint for starting checkpoints). */
  private volatile long lastEnd = -1;

  /** Per segment: the end of each frame this instance wrote to the number of its entries applied since. */
  private final ConcurrentHashMap<String, ConcurrentHashMap<Long, Integer>> applied = new ConcurrentHashMap<>();

  /**
   * Where a committed entry went.
   *
   * @param segment the segment's key
   * @param frameEnd the offset just after the frame holding it (see {@link FileSeriesStore.Frame#end})
   */
  record Committed(String segment, long frameEnd) {}

  private record Pending(byte[] entry, CompletableFuture<Committed> done) {}

  WriteAheadJournal(Path dir, Path lockDir, Duration lockTimeout) throws IOException {
    DurableFiles.ensureDirectory(dir);
    DurableFiles.ensureDirectory(lockDir);
    this.dir = dir;
    this.segmentLocks = StripedFileLocks.forRoot(lockDir);
    this.segments = new FileSeriesStore(dir, segmentLocks, lockTimeout);
    this.checkpointLockFile = lockDir.resolve("checkpoint.lock").toAbsolutePath().normalize();
    this.checkpointJvmLock = CHECKPOINT_LOCKS.computeIfAbsent(checkpointLockFile, f -> new ReentrantLock());
    this.lockTimeout = lockTimeout;
  }

  /** @return the journal's directory */
  Path dir() {
    return dir;
  }

  /**
   * Makes an entry durable, sharing the sync with entries committed at the same time by other threads.
   *
   * @param entry the entry
   * @return where it went: pass it to {@link #applied} once its writes are in their files
   * @throws StorageException if the write failed; the entry is then not in the journal
   */
  Committed commit(byte[] entry) {
    Pending mine = new Pending(entry, new CompletableFuture<>());
    List<Pending> group = null;
    synchronized (this) {
      if (closed) {
        throw new StorageException("the journal at " + dir + " is closed");
      }
      queue.add(mine);
      boolean interrupted = false;
      while (!mine.done().isDone()) {
        if (!writing) {
          writing = true;
          group = new ArrayList<>(queue);
          queue.clear();
          break;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the entry may be written by the leader; wait for its answer
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (group != null) {
      writeGroup(group);
    }
    try {
      return mine.done().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof StorageException ? (StorageException) cause
          : new StorageException("journal write in " + dir + " failed: " + cause, cause);
    }
  }

  private void writeGroup(List<Pending> group) {
    try {
      List<byte[]> entries = new ArrayList<>(group.size());
      group.forEach(p -> entries.add(p.entry()));
      String segment = currentSegment();
      if (!segment.equals(openKey)) {
        closeOpenSegment();
        forgetDeletedSegments();
        open = segments.appender(segment);
        openKey = segment;
      }
      long end = open.append(entries);
      lastEnd = end;
      Committed where = new Committed(segment, end);
      group.forEach(p -> p.done().complete(where));
    } catch (IOException | RuntimeException | Error e) {
      closeOpenSegment(); // the next commit opens it again
      group.forEach(p -> p.done().completeExceptionally(e instanceof IOException
          ? DurableFiles.failure("appending to the journal", dir, (IOException) e) : e));
    } finally {
      synchronized (this) {
        writing = false;
        notifyAll();
      }
    }
  }

  /**
   * Records that this instance made the writes of an entry it committed in their files.
   *
   * @param entry what {@link #commit} returned for it
   */
  void applied(Committed entry) {
    applied.computeIfAbsent(entry.segment(), s -> new ConcurrentHashMap<>()).merge(entry.frameEnd(), 1, Integer::sum);
  }

  /**
   * The frames of a segment this instance wrote, by their end, to the number of their entries it applied; a
   * frame whose count equals its entries holds only entries this instance wrote and applied.
   */
  Map<Long, Integer> appliedFrames(String segment) {
    Map<Long, Integer> frames = applied.get(segment);
    return frames == null ? Map.of() : frames;
  }

  /** Drops the applied counters of segments that are gone (another process's checkpoint deleted them). */
  private void forgetDeletedSegments() {
    applied.keySet().removeIf(s -> !Files.exists(segments.pathOf(s)));
  }

  /**
   * Reads the frames of a segment, in order (a torn tail, a commit that never returned, ends them).
   *
   * @throws dev.mlops.core.CorruptedDataException if an acknowledged frame is damaged (naming the file and offset)
   */
  List<FileSeriesStore.Frame> frames(String segment) {
    return segments.frames(segment);
  }

  /** @return the keys of the segments, oldest first */
  List<String> segmentKeys() {
    return segments.list(PREFIX);
  }

  private void closeOpenSegment() {
    FileSeriesStore.Appender o = open;
    open = null;
    openKey = null;
    if (o != null) {
      try {
        o.close();
      } catch (IOException e) {
        LOG.debug("closing journal segment {} failed: {}", dir, e.toString());
      }
    }
  }

  /**
   * The segment new entries go to: the one with the highest generation. The segment found last is still
   * current when the next generation does not exist: every segment this process found was there when it was
   * found (listed, or created by a seal), the highest generation is never deleted, and a segment is deleted
   * only after a seal created its successor and its checkpoint's barrier waited for every writer holding a
   * stripe (a committer holds its batch's stripes), so a segment whose successor was seen absent was current
   * at that moment, and stays current and present for the committer until it lets go of its stripes.
   * Otherwise the directory is listed.
   */
  private String currentSegment() {
    String hint = current;
    if (hint != null && !Files.exists(segments.pathOf(keyOf(generationOf(hint) + 1)))) {
      return hint;
    }
    List<String> keys = segmentKeys();
    String found = keys.isEmpty() ? keyOf(1) : keys.get(keys.size() - 1);
    current = found;
    return found;
  }

  private static String keyOf(long generation) {
    String digits = Long.toString(generation);
    return PREFIX + "0".repeat(19 - digits.length()) + digits;
  }

  private static long generationOf(String key) {
    return Long.parseLong(key.substring(PREFIX.length()));
  }

  /** @return the bytes of a segment file (0 if it does not exist) */
  long sizeOf(String segment) {
    try {
      return Files.size(segments.pathOf(segment));
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw DurableFiles.failure("reading the size of journal segment " + segment, segments.pathOf(segment), e);
    }
  }

  /** @return the bytes of the segment the last commit wrote to (a hint for starting checkpoints) */
  long currentSize() {
    long end = lastEnd;
    if (end >= 0) {
      return end;
    }
    String hint = current;
    return sizeOf(hint != null ? hint : currentSegment());
  }

  /**
   * Starts the next generation: entries committed from now on go to a new segment. Callers hold the
   * checkpoint lock.
   *
   * @return the keys of the sealed segments, oldest first
   */
  List<String> seal() throws IOException {
    List<String> sealed = segmentKeys();
    long next = sealed.isEmpty() ? 1 : generationOf(sealed.get(sealed.size() - 1)) + 1;
    Path p = segments.pathOf(keyOf(next));
    Files.createFile(p);
    DurableFiles.syncDirectory(dir);
    current = keyOf(next);
    lastEnd = -1;
    return sealed;
  }

  /** @return the file of a segment, for messages */
  Path pathOf(String segment) {
    return segments.pathOf(segment);
  }

  /** Deletes sealed segments whose entries are all applied and synced. */
  void delete(List<String> sealed) throws IOException {
    for (String s : sealed) {
      Files.deleteIfExists(segments.pathOf(s));
    }
    DurableFiles.syncDirectory(dir);
    sealed.forEach(applied::remove);
    forgetDeletedSegments();
  }

  /** A held checkpoint lock (this JVM's and the OS lock on {@code checkpoint.lock}). */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes the checkpoint lock, waiting up to the lock timeout.
   *
   * @return the held lock, or null if {@code wait} is false and another thread or process holds it
   * @throws StorageException if it could not be had in time
   */
  Held lockCheckpoint(boolean wait) {
    try {
      if (wait ? !checkpointJvmLock.tryLock(lockTimeout.toNanos(), TimeUnit.NANOSECONDS)
          : !checkpointJvmLock.tryLock()) {
        if (wait) {
          throw new StorageException("timed out after " + lockTimeout.toMillis() + " ms waiting for the journal"
              + " checkpoint lock of " + dir);
        }
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the journal checkpoint lock of " + dir, e);
    }
    try {
      FileChannel ch = FileChannel.open(checkpointLockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock os = null;
      long deadline = System.nanoTime() + lockTimeout.toNanos();
      while (os == null) {
        try {
          os = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          os = null; // another store instance of this JVM holds it
        }
        if (os == null) {
          if (!wait || System.nanoTime() > deadline) {
            ch.close();
            checkpointJvmLock.unlock();
            if (wait) {
              throw new StorageException("timed out after " + lockTimeout.toMillis() + " ms waiting for the"
                  + " journal checkpoint lock of " + dir + " (another process is checkpointing)");
            }
            return null;
          }
          LockSupport.parkNanos(1_000_000);
        }
      }
      FileLock held = os;
      return () -> {
        try {
          held.release();
          ch.close();
        } catch (IOException e) {
          throw new StorageException("releasing the journal checkpoint lock of " + dir + " failed", e);
        } finally {
          checkpointJvmLock.unlock();
        }
      };
    } catch (IOException e) {
      checkpointJvmLock.unlock();
      throw new StorageException("locking the journal checkpoint of " + dir + " failed: " + e, e);
    }
  }

  /** Closes the open segment (after any write in progress) and releases the segment locks. */
  void close() {
    synchronized (this) {
      closed = true;
      boolean interrupted = false;
      while (writing) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      closeOpenSegment();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    segmentLocks.release();
  }
}
