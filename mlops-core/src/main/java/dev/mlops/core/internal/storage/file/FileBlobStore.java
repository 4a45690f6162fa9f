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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Blobs as immutable files at {@code blobs/sha256/ab/cd/<hex>}. A put streams into a temp file while
 * hashing each chunk once, fsyncs it and renames it to its address, so a blob is visible only when
 * whole and durable; readers verify as they read. Blob files are never modified in place, which makes
 * the directory safe to rsync or back up while the store is in use. Thread-safe and multi-process safe:
 * concurrent puts of the same bytes rename identical files over each other.
 */
final class FileBlobStore implements BlobStore {
  private static final int CHUNK = 1 << 20;

  private final Path dir;
  private final DurableFiles files;
  private final Clock clock;

  FileBlobStore(Path dir, DurableFiles files, Clock clock) {
    this.dir = dir;
    this.files = files;
    this.clock = clock;
  }

  Path pathOf(Digest d) {
    String hex = d.hex();
    return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
  }

  @Override
  public BlobInfo put(InputStream content) {
    Path tmp = files.newTempFile("blob");
    MessageDigest sha = Digest.newSha256();
    long size = 0;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        byte[] buf = new byte[CHUNK];
        ByteBuffer wrap = ByteBuffer.wrap(buf);
        int n;
        while ((n = content.readNBytes(buf, 0, CHUNK)) > 0) {
          sha.update(buf, 0, n);
          wrap.clear().limit(n);
          while (wrap.hasRemaining()) {
            ch.write(wrap);
          }
          size += n;
          if (n < CHUNK) {
            break;
          }
        }
        ch.force(false);
      }
      Digest digest = Digest.finish(sha);
      Path target = pathOf(digest);
      if (Files.exists(target)) {
        Files.delete(tmp);
        Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
        return new BlobInfo(digest, size, clock.instant());
      }
      DurableFiles.ensureDirectory(target.getParent());
      Files.setLastModifiedTime(tmp, FileTime.from(clock.instant()));
      files.moveIntoPlace(tmp, target);
      return new BlobInfo(digest, size, clock.instant());
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof RuntimeException re && !(e instanceof UncheckedIOException)) {
        throw re;
      }
      throw new StorageException("storing a blob in " + dir + " failed; nothing was stored: " + e, e);
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
}
