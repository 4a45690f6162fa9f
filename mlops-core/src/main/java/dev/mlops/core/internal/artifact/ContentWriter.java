package dev.mlops.core.internal.artifact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactFile;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.content.DirectoryHasher;
import dev.mlops.core.internal.content.Manifest;
import dev.mlops.core.internal.content.ManifestEntry;
import dev.mlops.core.internal.content.RelativePaths;
import dev.mlops.core.internal.content.StatCache;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Moves content between the file system and the blob store: hashes sources through the shared
 * {@link DirectoryHasher} and {@link StatCache} (the same code fingerprints use, so a published
 * directory's digest equals its fingerprint digest), stores files in parallel while hashing them again
 * as they are copied, reads stored manifests back verified, and materializes versions atomically.
 *
 * <p>A blob that is already stored and was written less than {@link #REUSE_WINDOW} ago is reused without
 * copying; an older one is stored again, which refreshes its write time (see the garbage-collection
 * contract on {@link Artifacts}). Thread-safe: the pool, caches and blob store are.
 */
final class ContentWriter {
  /** Half of {@link Artifacts#MIN_GRACE_PERIOD}. */
  static final Duration REUSE_WINDOW = Artifacts.MIN_GRACE_PERIOD.dividedBy(2);

  /**
   * Stores files; more threads than cores because a durable put spends most of its time waiting for
   * fsync, not computing (2,000 files of 4 KiB on a 2-core machine: 13.8 s with 2 threads, 5.7 s with 8).
   */
  private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

  private final BlobStore blobs;
  private final Clock clock;
  private final DirectoryHasher hasher = DirectoryHasher.shared();
  private final StatCache statCache = StatCache.shared();
  /** Parsed manifests by the digest of their blob; manifests are immutable. */
  private final Cache<Digest, List<ArtifactFile>> manifests = Caffeine.newBuilder().maximumSize(16).build();

  ContentWriter(BlobStore blobs, Clock clock) {
    this.blobs = blobs;
    this.clock = clock;
  }

  /** A source file's digest from the stat cache, if its stat data are unchanged since it was hashed. */
  Optional<Digest> knownDigest(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return statCache.get(StatCache.Key.of(file, a.fileKey(), a.size(), a.lastModifiedTime()));
    } catch (IOException e) {
      throw new StorageException("reading the attributes of " + file + " failed: " + e, e);
    }
  }

  /** Stores a regular file in one pass (hashing while copying) and remembers its digest by stat data. */
  StoredContent storeFile(Path file) {
    try {
      BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
      long statTime = statCache.now();
      BlobInfo blob;
      try (InputStream in = Files.newInputStream(file)) {
        blob = blobs.put(in);
      }
      BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
      if (after.size() == blob.size() && after.lastModifiedTime().equals(before.lastModifiedTime())) {
        statCache.put(StatCache.Key.of(file, before.fileKey(), before.size(), before.lastModifiedTime()),
            blob.digest(), statTime);
      }
      return StoredContent.file(blob);
    } catch (IOException e) {
      throw new StorageException("reading " + file + " failed: " + e, e);
    }
  }

  /** Hashes a directory in parallel (unchanged files are not read) into its manifest. */
  Manifest hashDirectory(Path dir) {
    return hasher.hashDirectory(dir);
  }

  /**
   * Stores every file of a hashed directory that the store lacks (or holds only in an old blob), in
   * parallel, then the manifest itself.
   */
  StoredContent storeDirectory(Path dir, Manifest manifest) {
    Path root;
    try {
      root = dir.toRealPath();
    } catch (IOException e) {
      throw new StorageException("opening directory " + dir + " failed: " + e, e);
    }
    Instant fresh = clock.instant().minus(REUSE_WINDOW);
    try {
      POOL.submit(() -> manifest.entries().parallelStream().forEach(e -> storeEntry(root, e, fresh))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while storing " + dir, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MlopsException) {
        throw (MlopsException) e.getCause();
      }
      throw new StorageException("storing " + dir + " failed: " + e.getCause(), e.getCause());
    }
    BlobInfo manifestBlob = blobs.put(new ByteArrayInputStream(manifest.toJson().getBytes(StandardCharsets.UTF_8)));
    return new StoredContent(manifest.digest(), manifest.totalSize(), true, manifest.entries().size(),
        manifestBlob.digest());
  }

  private void storeEntry(Path root, ManifestEntry entry, Instant fresh) {
    Optional<BlobInfo> existing = blobs.stat(entry.digest());
    if (existing.isPresent() && !existing.get().lastWritten().isBefore(fresh)) {
      return;
    }
    Path file = RelativePaths.resolve(root, entry.path());
    BlobInfo stored;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      stored = blobs.put(in);
    } catch (IOException e) {
      throw new StorageException("reading " + file + " failed: " + e, e);
    }
    if (!stored.digest().equals(entry.digest())) {
      throw new StorageException("file " + file + " changed while it was being published (hashed to "
          + entry.digest() + ", then copied as " + stored.digest() + "); publish again once it is stable");
    }
  }

  /** Reads a directory's manifest blob, verified against the blob digest and the version digest. */
  List<ArtifactFile> readManifest(ArtifactVersionId id, Digest digest, Digest manifestBlob) {
    List<ArtifactFile> cached = manifests.getIfPresent(manifestBlob);
    if (cached != null) {
      return cached;
    }
    String json;
    try (InputStream in = blobs.open(manifestBlob)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException("reading the manifest of " + id + " failed: " + e, e);
    }
    Manifest manifest;
    try {
      manifest = Manifest.parse(json, digest);
    } catch (InvalidInputException e) {
      throw new CorruptedDataException("the stored manifest of " + id + " is invalid: " + e.getMessage(), e);
    }
    List<ArtifactFile> files = new ArrayList<>(manifest.entries().size());
    for (ManifestEntry e : manifest.entries()) {
      files.add(new ArtifactFile(e.path(), e.digest(), e.size(), e.executable()));
    }
    List<ArtifactFile> result = List.copyOf(files);
    manifests.put(manifestBlob, result);
    return result;
  }

  /** Writes a file or tree to a temp sibling of {@code target}, verifying every byte, then renames it. */
  Path materialize(ArtifactVersion version, @Nullable List<ArtifactFile> files, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new InvalidInputException("cannot materialize " + version.id() + " at the root " + target);
    }
    Files.createDirectories(parent);
    Path temp = parent.resolve("." + absolute.getFileName() + ".mlops-" + UUID.randomUUID() + ".tmp");
    boolean done = false;
    try {
      if (files == null) {
        copyVerified(version.digest(), version.size(), temp, version.id().toString());
      } else {
        Files.createDirectory(temp);
        for (ArtifactFile f : files) {
          Path out = resolveInside(version, temp, f.path());
          Files.createDirectories(out.getParent());
          copyVerified(f.digest(), f.size(), out, version.id() + " file " + f.path());
          if (f.executable()) {
            makeExecutable(out);
          }
        }
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
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

  private static Path resolveInside(ArtifactVersion version, Path root, String relative) {
    try {
      return RelativePaths.resolve(root, relative);
    } catch (InvalidInputException e) {
      throw new CorruptedDataException("the manifest of " + version.id() + " holds a path that would escape"
          + " the target: " + e.getMessage(), e);
    }
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

  private static void makeExecutable(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null) {
      Set<PosixFilePermission> perms = EnumSet.copyOf(view.readAttributes().permissions());
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      view.setPermissions(perms);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
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
}
