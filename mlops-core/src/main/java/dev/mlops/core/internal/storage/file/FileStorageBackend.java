package dev.mlops.core.internal.storage.file;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded file backend: one directory holding {@code blobs/}, {@code records/}, {@code series/},
 * {@code locks/} and {@code tmp/}, plus a format marker. Several threads and processes may use one
 * directory at once. Opening sweeps temp files left by processes that no longer run. Thread-safe.
 */
public final class FileStorageBackend implements Storage {
  private static final Logger LOG = LoggerFactory.getLogger(FileStorageBackend.class);
  static final String MARKER = "mlops-store.json";
  private static final String MARKER_CONTENT = "{\"format\":\"mlops-file-store\",\"version\":1}\n";

  /** The default time a writer waits for a contended lock before failing. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

  private final Path root;
  private final StripedFileLocks locks;
  private final FileBlobStore blobs;
  private final FileRecordStore records;
  private final FileSeriesStore series;
  private final WriteAheadJournal journal;
  private final JournaledBatches batches;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FileStorageBackend(Path root, Duration lockTimeout, Clock clock) throws IOException {
    this.root = root;
    Path tmp = root.resolve("tmp");
    for (String d : new String[] {"blobs/sha256", "records", "series", "locks", "tmp", "journal"}) {
      DurableFiles.ensureDirectory(root.resolve(d));
    }
    DurableFiles files = new DurableFiles(tmp);
    checkMarker(files);
    sweepDeadTempFiles(tmp);
    this.locks = StripedFileLocks.forRoot(root.resolve("locks"));
    this.journal = new WriteAheadJournal(root.resolve("journal"), root.resolve("locks").resolve("journal"),
        lockTimeout);
    this.blobs = new FileBlobStore(root.resolve("blobs").resolve("sha256"), files, clock);
    this.records = new FileRecordStore(root.resolve("records"), files, locks, lockTimeout, journal);
    this.series = new FileSeriesStore(root.resolve("series"), locks, lockTimeout);
    this.batches = new JournaledBatches(records, series, locks, journal, lockTimeout);
    try {
      batches.checkpoint(true);
    } catch (RuntimeException e) {
      journal.close();
      locks.release();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) a file store in a directory.
   *
   * @param root the store directory
   * @param lockTimeout how long a writer waits for a contended lock
   * @param clock the clock that stamps blob write times
   * @return the open backend
   * @throws StorageException if the directory cannot be created or is not writable
   * @throws ConfigurationException if the directory holds a store of another format
   */
  public static FileStorageBackend open(Path root, Duration lockTimeout, Clock clock) {
    Path abs = root.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new ConfigurationException("file store path " + abs + " exists and is not a directory");
    }
    for (Path up = abs.getParent(); up != null; up = up.getParent()) {
      if (Files.isDirectory(up)) {
        break;
      }
      if (Files.exists(up)) {
        throw new ConfigurationException("file store path " + abs + " is under a file, not a directory: " + up
            + " is a file, so no directory can be created in it");
      }
    }
    try {
      return new FileStorageBackend(abs, lockTimeout, clock);
    } catch (IOException e) {
      throw new StorageException("opening the file store at " + abs + " failed: " + e, e);
    }
  }

  private void checkMarker(DurableFiles files) throws IOException {
    Path marker = root.resolve(MARKER);
    try {
      String content = Files.readString(marker, StandardCharsets.UTF_8);
      if (!content.equals(MARKER_CONTENT)) {
        throw new ConfigurationException("directory " + root + " holds a store of another format or version ("
            + MARKER + " says " + content.strip() + "); this library reads " + MARKER_CONTENT.strip());
      }
    } catch (NoSuchFileException e) {
      files.writeAtomically(marker, ByteBuffer.wrap(MARKER_CONTENT.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static void sweepDeadTempFiles(Path tmp) throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        long pid = DurableFiles.ownerPid(p);
        if (pid > 0 && ProcessHandle.of(pid).isEmpty()) {
          LOG.debug("removing temp file {} left by process {}", p, pid);
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** @return the store directory */
  public Path root() {
    return root;
  }

  @Override
  public BlobStore blobs() {
    return blobs;
  }

  @Override
  public RecordStore records() {
    return records;
  }

  @Override
  public SeriesStore series() {
    return series;
  }

  /**
   * Writes a batch with one journal sync (shared with batches written at once by other threads): the
   * writes are journaled, then made in their files without syncing them; a checkpoint syncs the files later,
   * and opening the store replays the journal after a crash. See {@link Storage#write(WriteBatch)}.
   */
  @Override
  public WriteBatch.Result write(WriteBatch batch) {
    if (closed.get()) {
      throw new StorageException("file store " + root + " is closed");
    }
    return batches.write(batch);
  }

  @Override
  public String describe() {
    return "file:" + root;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        batches.close();
      } finally {
        journal.close();
        locks.release();
      }
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
