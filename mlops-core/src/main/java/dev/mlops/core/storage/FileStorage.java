package dev.mlops.core.storage;

import dev.mlops.core.internal.storage.file.FileStorageBackend;
import dev.mlops.core.spi.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the embedded file storage explicitly (the backend behind {@code file:} URIs and
 * {@link dev.mlops.core.MlopsStore#open()}).
 *
 * <p>What it promises: blobs, records and series writes are durable when the call returns (temp file,
 * fsync, atomic rename, directory fsync; series batches carry CRC-32C checksums); a {@code kill -9} never
 * leaves a record unreadable, and a torn series tail is cut off by the next writer; several threads and
 * processes may share one directory (file locks; contended writers wait up to the lock timeout, then
 * fail with {@link dev.mlops.core.StorageException}). Blob files are immutable, so copying the directory
 * with rsync or a backup tool while it is in use is safe for blobs. The returned storage is thread-safe.
 */
public final class FileStorage {
  private FileStorage() {}

  /**
   * Opens a file storage in a directory, creating it if needed, with the default lock timeout (60 s).
   *
   * @param root the store directory
   * @return the open storage
   * @throws dev.mlops.core.StorageException if the directory cannot be created or opened
   */
  public static Storage open(Path root) {
    return FileStorageBackend.open(root, FileStorageBackend.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC());
  }

  /**
   * Opens a file storage with a lock timeout and a clock.
   *
   * @param root the store directory
   * @param lockTimeout how long a contended writer waits before failing
   * @param clock the clock that stamps blob write times (for garbage-collection grace periods)
   * @return the open storage
   */
  public static Storage open(Path root, Duration lockTimeout, Clock clock) {
    return FileStorageBackend.open(root, lockTimeout, clock);
  }
}
