package dev.mlops.core.spi;

import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Immutable blobs addressed by their SHA-256 digest, streamed in and out.
 *
 * <p>Contract every implementation keeps (the storage compatibility kit checks it):
 * <ul>
 *   <li>{@link #put(InputStream)} reads its input once, hashing while it stores, and returns only when
 *       the blob is durable. Storing the same bytes twice stores them once.</li>
 *   <li>A blob is never visible under its digest before all its bytes are durable: readers never see a
 *       partial blob.</li>
 *   <li>{@link #open(Digest)} verifies the bytes as they are read; if they do not hash to the digest the
 *       stream throws {@link dev.mlops.core.CorruptedDataException} instead of reporting end of input, so a
 *       caller that reads to the end never accepts wrong bytes.</li>
 * </ul>
 * Implementations must be safe for concurrent use by many threads (and processes, if shared).
 */
public interface BlobStore {
  /**
   * Stores the bytes of a stream, hashing them as they are copied.
   *
   * <p>The stream is read to its end but not closed. If the content is already stored, its
   * {@link BlobInfo#lastWritten()} is refreshed.
   *
   * @param content the bytes to store
   * @return the digest and size of the stored blob
   * @throws dev.mlops.core.StorageException if reading the input or writing the blob fails; nothing is
   *     then visible under any digest
   */
  BlobInfo put(InputStream content);

  /**
   * Stores the bytes of a regular file, hashing them as they are copied, with the guarantees of
   * {@link #put(InputStream)}. A symbolic link is not followed (resolve it first, for example with
   * {@link Path#toRealPath}), so a link swapped in for the file cannot redirect the read.
   *
   * <p>The default opens the file as a stream; a backend that can copy a file more cheaply overrides it.
   * If the file changes while it is stored, the blob holds some mix of old and new bytes under their
   * own digest: callers that must store one version of the file compare its attributes before and after.
   *
   * @param file the file to store
   * @return the digest and size of the stored blob
   * @throws dev.mlops.core.StorageException if the file cannot be opened or read (it does not exist, is a
   *     link or a directory) or writing the blob fails; nothing is then visible under any digest
   */
  default BlobInfo put(Path file) {
    requireRegularFile(file);
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return put(in);
    } catch (IOException e) {
      throw new StorageException("storing " + file + " as a blob failed; nothing was stored: " + e, e);
    }
  }

  /**
   * The check that {@link #put(Path)} makes before it opens the file, for a backend that overrides it:
   * opening a named pipe would block until some process writes to it, and a link must not be followed.
   *
   * @param file the file about to be stored
   * @throws StorageException naming the file if it is missing, a directory, a link or any other
   *     non-regular file
   */
  static void requireRegularFile(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new StorageException("cannot store " + file + " as a blob: it is not a regular file"
          + " (missing, a directory or a link); nothing was stored");
    }
  }

  /**
   * Opens a blob for reading, verified as it is read.
   *
   * @param digest the blob's digest
   * @return a stream of its bytes; the caller closes it
   * @throws dev.mlops.core.NotFoundException if no such blob is stored
   */
  InputStream open(Digest digest);

  /**
   * Describes a stored blob.
   *
   * @param digest the blob's digest
   * @return its description, or empty if it is not stored
   */
  Optional<BlobInfo> stat(Digest digest);

  /**
   * Tells whether a blob is stored.
   *
   * @param digest the blob's digest
   * @return true if stored
   */
  default boolean contains(Digest digest) {
    return stat(digest).isPresent();
  }

  /**
   * Deletes a blob. Only garbage collection calls this, after proving nothing references the blob.
   *
   * @param digest the blob's digest
   * @return true if it was stored and is now gone
   */
  boolean delete(Digest digest);

  /**
   * Visits every stored blob, in no particular order.
   *
   * @param visitor called once per blob
   */
  void forEach(Consumer<BlobInfo> visitor);

  /**
   * Removes what interrupted writes left behind (staging objects, incomplete multipart uploads, temporary
   * files) that were started before a cutoff. Garbage collection calls it after sweeping blobs, with the
   * same cutoff, so a write still in progress (younger than the grace period) is never disturbed.
   *
   * <p>The default does nothing: a backend whose failed writes leave nothing behind needs no override.
   *
   * @param startedBefore leftovers started before this instant are removed
   * @param dryRun true to count them without removing anything
   * @return how many leftovers were removed (or, on a dry run, found)
   * @throws dev.mlops.core.StorageException if the backend cannot list or remove them
   */
  default long removeAbandonedWrites(Instant startedBefore, boolean dryRun) {
    return 0;
  }
}
