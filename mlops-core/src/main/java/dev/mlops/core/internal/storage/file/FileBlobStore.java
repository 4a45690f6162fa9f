package dev.mlops.core.internal.storage.file;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.hash.VerifyingInputStream;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.work.WorkerPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as immutable files at {@code blobs/sha256/ab/cd/<hex>}. A put streams into a temp file while
 * hashing each chunk once, fsyncs it and renames it to its address, so a blob is visible only when
 * whole and durable; readers verify as they read. Blob files are never modified in place, which makes
 * the directory safe to rsync or back up while the store is in use. Thread-safe and multi-process safe:
 * concurrent puts of the same bytes rename identical files over each other.
 *
 * <p>A put of more than one {@link #CHUNK} overlaps reading, writing and hashing: the calling thread
 * reads chunks and writes them to the temp file while a {@link HashingFileWriter} hashes the previous ones
 * on a pool thread, and a {@link FlushBehindFileSink} flushes them to the device behind the writes,
 * so the put runs at about the speed of the slowest stage (SHA-256 over bytes in memory, or the disk)
 * rather than of their sum. Content that is already stored (same digest, and the stored file still
 * hashes to it) is not synced again: its write time is refreshed and the temp copy dropped; a stored file
 * that was damaged is replaced by the fresh copy. Whatever fails, the temp file is deleted and the hashing
 * has ended before
 * {@link #put} returns or throws.
 */
final class FileBlobStore implements BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
  /** Bytes read, hashed and handed to the writer at a time (below G1's humongous-object size). */
  static final int CHUNK = 256 << 10;
  /** The direct chunks of file puts, shared by every store of the process: two puts' worth are kept. */
  private static final DirectChunkPool DIRECT_CHUNKS =
      new DirectChunkPool(CHUNK, 2 * HashingFileWriter.CHUNKS_IN_FLIGHT);

  private final Path dir;
  private final DurableFiles files;
  private final Clock clock;

  FileBlobStore(Path dir, DurableFiles files, Clock clock) {
    this.dir = dir;
    this.files = files;
    this.clock = clock;
  }

  /** The pool that hashes large puts and flushes them behind; see {@link HashingFileWriter}. */
  private static Executor helpers() {
    return WorkerPool.sharedIo().executor();
  }

  /** The file that holds a blob (whether or not it exists). */
  Path pathOf(Digest d) {
    String hex = d.hex();
    return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
  }

  @Override
  public BlobInfo put(InputStream content) {
    return put(tmp -> new HashingFileWriter(tmp, CHUNK, FlushBehindFileSink.MIN_FLUSH, helpers()), chunk -> {
      int n = content.readNBytes(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
      chunk.position(chunk.position() + n);
      return !chunk.hasRemaining();
    }, "a blob");
  }

  /**
   * Stores a file read through a channel into direct buffers, which this thread writes from and the
   * hasher hashes in place: two copies of each byte fewer than a stream into heap buffers.
   */
  @Override
  public BlobInfo put(Path file) {
    BlobStore.requireRegularFile(file);
    FileChannel in;
    try {
      in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new StorageException("storing " + file + " as a blob in " + dir + " failed; nothing was stored: "
          + e, e);
    }
    try (in) {
      return put(tmp -> new HashingFileWriter(tmp, DIRECT_CHUNKS, FlushBehindFileSink.MIN_FLUSH, helpers()), chunk -> {
        while (chunk.hasRemaining()) {
          if (in.read(chunk) < 0) {
            return false;
          }
        }
        return true;
      }, file + " as a blob");
    } catch (IOException e) {
      throw new StorageException("closing " + file + " failed: " + e, e);
    }
  }

  private BlobInfo put(WriterFactory writers, ChunkSource source, String what) {
    Path tmp = files.newTempFile("blob");
    try {
      BlobInfo stored = store(writers, source, tmp);
      Files.deleteIfExists(tmp); // left over only when the content was already stored
      return stored;
    } catch (IOException | UncheckedIOException e) {
      deleteAfterFailure(tmp, e);
      throw new StorageException("storing " + what + " in " + dir + " failed; nothing was stored: " + e, e);
    } catch (RuntimeException | Error e) {
      deleteAfterFailure(tmp, e);
      throw e;
    }
  }

  private static void deleteAfterFailure(Path tmp, Throwable failure) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  /**
   * Copies the content into the temp file while hashing it (this thread reads and writes, the writer's
   * hasher thread hashes), then either refreshes the blob that already holds these bytes or fsyncs the temp
   * file and renames it into place.
   */
  private BlobInfo store(WriterFactory writers, ChunkSource source, Path tmp) throws IOException {
    try (HashingFileWriter out = writers.create(tmp)) {
      boolean more;
      do {
        ByteBuffer chunk = out.buffer();
        more = source.fill(chunk);
        out.submit(chunk.flip());
      } while (more);
      Digest digest = out.digest();
      long size = out.size();
      Path target = pathOf(digest);
      Instant now = clock.instant();
      if (refresh(target, digest, size, now)) {
        return new BlobInfo(digest, size, now); // closing the writer abandons the copy unsynced
      }
      out.finish();
      Files.setLastModifiedTime(tmp, FileTime.from(now));
      DurableFiles.ensureDirectory(target.getParent());
      files.moveIntoPlace(tmp, target);
      return new BlobInfo(digest, size, now);
    }
  }

  /**
   * Marks an existing blob as written now and makes sure its directory entry is durable (a concurrent
   * put of the same bytes may have renamed it a moment ago and not yet fsynced the directory). The
   * existing blob is read and hashed first: a put acknowledges content as stored, so it must not trust a
   * file that was damaged since it was written.
   *
   * @return false if there is no such blob (or it was deleted meanwhile, or it does not hash to its
   *     address), so the caller must store its fresh copy over it
   */
  private static boolean refresh(Path target, Digest digest, long size, Instant now) throws IOException {
    try {
      if (Files.size(target) != size || !holds(target, digest)) {
        return false; // damaged: the fresh copy replaces it
      }
      Files.setLastModifiedTime(target, FileTime.from(now));
    } catch (NoSuchFileException absent) {
      return false;
    }
    DurableFiles.syncDirectory(target.getParent());
    return true;
  }

  /** Whether a stored blob file still hashes to its digest. */
  private static boolean holds(Path blob, Digest digest) throws IOException {
    try (InputStream in = new VerifyingInputStream(Files.newInputStream(blob), digest, "blob " + digest)) {
      in.transferTo(OutputStream.nullOutputStream());
      return true;
    } catch (CorruptedDataException damaged) {
      LOG.warn("blob {} at {} does not hash to its address; a put of the same content replaces it", digest, blob);
      return false;
    }
  }

  @Override
  public InputStream open(Digest digest) {
    Path p = pathOf(digest);
    try {
      return new VerifyingInputStream(Files.newInputStream(p), digest, "blob " + digest + " at " + p);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no blob " + digest + " in " + dir);
    } catch (IOException e) {
      throw DurableFiles.failure("opening blob " + digest, p, e);
    }
  }

  @Override
  public Optional<BlobInfo> stat(Digest digest) {
    Path p = pathOf(digest);
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return Optional.of(new BlobInfo(digest, a.size(), a.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw DurableFiles.failure("reading the attributes of blob " + digest, p, e);
    }
  }

  @Override
  public boolean delete(Digest digest) {
    Path p = pathOf(digest);
    try {
      boolean deleted = Files.deleteIfExists(p);
      if (deleted) {
        DurableFiles.syncDirectory(p.getParent());
      }
      return deleted;
    } catch (IOException e) {
      throw DurableFiles.failure("deleting blob " + digest, p, e);
    }
  }

  @Override
  public void forEach(Consumer<BlobInfo> visitor) {
    if (!Files.isDirectory(dir)) {
      return; // created by the first put
    }
    try (Stream<Path> walk = Files.walk(dir, 3)) {
      walk.filter(p -> Digest.isValid(Digest.PREFIX + p.getFileName())).forEach(p -> {
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          visitor.accept(new BlobInfo(Digest.parse(Digest.PREFIX + p.getFileName()), a.size(),
              a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException gone) {
          // deleted while walking
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("listing blobs in " + dir + " failed: " + e, e);
    }
  }

  /** Creates the writer of one put's temp file. */
  @FunctionalInterface
  private interface WriterFactory {
    HashingFileWriter create(Path tmp);
  }

  /** Where a put's bytes come from. */
  @FunctionalInterface
  private interface ChunkSource {
    /**
     * Fills the chunk from its position towards its limit.
     *
     * @return false if the input ended (the chunk may then be partly filled), true if the chunk is full
     */
    boolean fill(ByteBuffer chunk) throws IOException;
  }
}
