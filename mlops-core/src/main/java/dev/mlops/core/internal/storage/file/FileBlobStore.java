package dev.mlops.core.internal.storage.file;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.storage.VerifyingInputStream;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Blobs as immutable files at {@code blobs/sha256/ab/cd/<hex>}. A put streams into a temp file while
 * hashing each chunk once, fsyncs it and renames it to its address, so a blob is visible only when
 * whole and durable; readers verify as they read. Blob files are never modified in place, which makes
 * the directory safe to rsync or back up while the store is in use. Thread-safe and multi-process safe:
 * concurrent puts of the same bytes rename identical files over each other.
 *
 * <p>A put of more than one {@link #CHUNK} overlaps hashing and writing: the calling thread reads and
 * hashes chunks while a {@link PipelinedFileWriter} thread writes the previous ones and a
 * {@link FlushBehindFileSink} flushes them to the device behind the writer, so the put runs at about the
 * speed of the slower of SHA-256 and the disk rather than of their sum. Content that is already stored (same digest, same size) is not synced
 * again: its write time is refreshed and the temp copy dropped; a stored file of the wrong size is
 * replaced by the fresh copy. Whatever fails, the temp file is deleted and the writer thread has ended
 * before {@link #put} returns or throws.
 */
final class FileBlobStore implements BlobStore {
  /** Bytes read, hashed and handed to the writer at a time (below G1's humongous-object size). */
  static final int CHUNK = 256 << 10;

  private final Path dir;
  private final DurableFiles files;
  private final Clock clock;

  FileBlobStore(Path dir, DurableFiles files, Clock clock) {
    this.dir = dir;
    this.files = files;
    this.clock = clock;
  }

  /** The file that holds a blob (whether or not it exists). */
  Path pathOf(Digest d) {
    String hex = d.hex();
    return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
  }

  @Override
  public BlobInfo put(InputStream content) {
    Path tmp = files.newTempFile("blob");
    try {
      BlobInfo stored = store(content, tmp);
      Files.deleteIfExists(tmp); // left over only when the content was already stored
      return stored;
    } catch (IOException | UncheckedIOException e) {
      deleteAfterFailure(tmp, e);
      throw new StorageException("storing a blob in " + dir + " failed; nothing was stored: " + e, e);
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
   * Copies the content into the temp file while hashing it (this thread reads and hashes, the writer's
   * thread writes), then either refreshes the blob that already holds these bytes or fsyncs the temp
   * file and renames it into place.
   */
  private BlobInfo store(InputStream content, Path tmp) throws IOException {
    MessageDigest sha = Digest.newSha256();
    long size = 0;
    try (PipelinedFileWriter out = new PipelinedFileWriter(tmp, CHUNK, FlushBehindFileSink.FLUSH_EVERY)) {
      while (true) {
        byte[] chunk = out.buffer();
        int n = content.readNBytes(chunk, 0, chunk.length);
        sha.update(chunk, 0, n);
        size += n;
        out.submit(chunk, n);
        if (n < chunk.length) {
          break;
        }
      }
      Digest digest = Digest.finish(sha);
      Path target = pathOf(digest);
      Instant now = clock.instant();
      if (refresh(target, size, now)) {
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
   * put of the same bytes may have renamed it a moment ago and not yet fsynced the directory).
   *
   * @return false if there is no such blob (or it was deleted meanwhile, or it has lost bytes), so the
   *     caller must store its fresh copy
   */
  private static boolean refresh(Path target, long size, Instant now) throws IOException {
    try {
      if (Files.size(target) != size) {
        return false; // damaged: the fresh copy replaces it
      }
      Files.setLastModifiedTime(target, FileTime.from(now));
    } catch (NoSuchFileException absent) {
      return false;
    }
    DurableFiles.syncDirectory(target.getParent());
    return true;
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
}
