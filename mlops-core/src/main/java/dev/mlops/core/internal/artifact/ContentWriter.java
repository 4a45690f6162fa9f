package dev.mlops.core.internal.artifact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactFile;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.content.ContentHashes;
import dev.mlops.core.internal.content.DirectoryHasher;
import dev.mlops.core.internal.content.HashedContent;
import dev.mlops.core.internal.content.Manifest;
import dev.mlops.core.internal.content.ManifestEntry;
import dev.mlops.core.internal.content.RelativePaths;
import dev.mlops.core.internal.content.StatCache;
import dev.mlops.core.internal.content.TreeFile;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.work.WorkerPool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
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
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Moves content between the file system and the blob store: stores sources through the {@link StatCache}
 * and the walk of {@link DirectoryHasher} (the code fingerprints use, so a published directory's digest
 * equals its fingerprint digest), reads stored manifests back verified, and materializes versions
 * atomically.
 *
 * <p><b>Each new file is read once.</b> A directory is published in two steps.
 * {@link #prepareDirectory(Path)} walks it and handles its files in parallel: a file the stat cache knows
 * is not read at all; a file of less than {@value #WHOLE_READ_LIMIT} bytes is read whole into the
 * thread's buffer, hashed, checked unchanged, and stored from that buffer unless the store already holds
 * a fresh blob of it; a larger file is copied into the store by {@link BlobStore#put}, which hashes while
 * it copies, and its manifest digest is the one the put returns (the price of reading it once: when the
 * store already holds those bytes, the put still copies them before dropping the copy). Then, unless the manifest equals the
 * latest version's (nothing more to do), {@link #storeDirectory(PreparedDirectory)} makes sure the store
 * holds the files the stat cache knew, reading only those whose blobs are missing or old, and stores the
 * manifest. A file that changes while it is read fails the publish with a {@link StorageException}
 * naming it (see {@link TreeFile#requireUnchanged(long, long)} for the one case a small file's change can
 * go unnoticed); a file whose bytes no longer match the digest
 * the stat cache gave fails it too, so a manifest never names a blob other than its file's bytes.
 *
 * <p>A blob that is already stored and was written less than {@link #REUSE_WINDOW} ago is reused without
 * copying; an older one is stored again, which refreshes its write time (see the garbage-collection
 * contract on {@link Artifacts}). Thread-safe: the workers, caches and blob store are.
 */
final class ContentWriter {
  /** Half of {@link Artifacts#MIN_GRACE_PERIOD}. */
  static final Duration REUSE_WINDOW = Artifacts.MIN_GRACE_PERIOD.dividedBy(2);

  /** Files smaller than this are read whole into memory, hashed, and stored only if the store lacks them. */
  static final int WHOLE_READ_LIMIT = 256 << 10;

  /** Each publishing thread's buffer for a whole small file (one byte more, to see a file that grew). */
  private static final ThreadLocal<byte[]> WHOLE_FILE = ThreadLocal.withInitial(() -> new byte[WHOLE_READ_LIMIT + 1]);
  private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(Digest::newSha256);

  private final BlobStore blobs;
  private final Clock clock;
  /**
   * Walks and stores directories on the store's I/O workers: a durable put spends most of its time waiting
   * for fsync, so more puts in flight than cores keep the disk busy (see {@link WorkerPool#IO_PARALLELISM}).
   */
  private final DirectoryHasher publisher;
  private final StatCache statCache = StatCache.shared();
  /** Parsed manifests by the digest of their blob; manifests are immutable. */
  private final Cache<Digest, List<ArtifactFile>> manifests = Caffeine.newBuilder().maximumSize(16).build();

  ContentWriter(BlobStore blobs, Clock clock, WorkerPool workers) {
    this.blobs = blobs;
    this.clock = clock;
    this.publisher = new DirectoryHasher(statCache, workers);
  }

  /** A source file's digest from the stat cache, if its stat data are unchanged since it was hashed. */
  Optional<Digest> knownDigest(Path file) {
    return statCache.get(TreeFile.stat(realPath(file), file.toString()).cacheKey());
  }

  /**
   * Stores a regular file in one pass (hashing while copying) and remembers its digest by stat data.
   *
   * @throws StorageException if the file changed while it was copied
   */
  StoredContent storeFile(Path file) {
    TreeFile walked = TreeFile.stat(realPath(file), file.toString());
    long statTime = statCache.now();
    BlobInfo blob = blobs.put(walked.path()); // links are not followed: the path is a real path
    walked.requireUnchanged(blob.size());
    statCache.put(walked.cacheKey(), blob.digest(), statTime);
    return StoredContent.file(blob);
  }

  /** The file's real path, so that the stat cache knows a file by one key however it is named. */
  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      throw new StorageException("opening " + file + " failed: " + e, e);
    }
  }

  /**
   * A directory whose files were all walked and accounted for: read and stored, or known to the stat cache
   * (those are checked by {@link #storeDirectory}).
   *
   * @param root the directory as given
   * @param manifest its manifest
   * @param recalled the files whose digests came from the stat cache, unread
   * @param freshSince blobs written before this are stored again
   */
  record PreparedDirectory(Path root, Manifest manifest, List<TreeFile> recalled, Instant freshSince) {}

  /**
   * Walks a directory and stores every file the stat cache does not know, reading each once; see the
   * class comment.
   */
  PreparedDirectory prepareDirectory(Path dir) {
    Instant fresh = clock.instant().minus(REUSE_WINDOW);
    ConcurrentLinkedQueue<TreeFile> recalled = new ConcurrentLinkedQueue<>();
    Manifest manifest = publisher.hashDirectory(dir, file -> {
      StatCache.Key key = file.cacheKey();
      Optional<Digest> known = statCache.get(key);
      if (known.isPresent()) {
        recalled.add(file);
        return new HashedContent(known.get(), file.size());
      }
      long statTime = statCache.now();
      HashedContent stored = file.size() < WHOLE_READ_LIMIT ? storeSmall(file, fresh, statTime) : storeLarge(file);
      statCache.put(key, stored.digest(), statTime);
      return stored;
    });
    return new PreparedDirectory(dir, manifest, List.copyOf(recalled), fresh);
  }

  /** Reads a small file whole, hashes it, and stores it from memory unless a fresh blob holds it. */
  private HashedContent storeSmall(TreeFile file, Instant fresh, long statTime) {
    byte[] buffer = WHOLE_FILE.get();
    int n;
    try {
      n = ContentHashes.readWhole(file.path(), file.size(), buffer);
    } catch (IOException e) {
      throw new StorageException("reading " + file.path() + " failed: " + e, e);
    }
    file.requireUnchanged(n, statTime);
    MessageDigest sha = SHA.get();
    sha.reset();
    sha.update(buffer, 0, n);
    Digest digest = Digest.finish(sha);
    if (!isFresh(digest, fresh)) {
      BlobInfo stored = blobs.put(new ByteArrayInputStream(buffer, 0, n));
      if (!stored.digest().equals(digest) || stored.size() != n) {
        throw new StorageException("the blob store stored the " + n + " bytes of " + file.path() + " as "
            + stored.digest() + " (" + stored.size() + " bytes), but they hash to " + digest);
      }
    }
    return new HashedContent(digest, n);
  }

  /** Copies a large file into the store, hashing while copying; its digest is the one the put returns. */
  private HashedContent storeLarge(TreeFile file) {
    BlobInfo stored = blobs.put(file.path()); // links are not followed
    file.requireUnchanged(stored.size());
    return new HashedContent(stored.digest(), stored.size());
  }

  private boolean isFresh(Digest digest, Instant fresh) {
    Optional<BlobInfo> existing = blobs.stat(digest);
    return existing.isPresent() && !existing.get().lastWritten().isBefore(fresh);
  }

  /**
   * Makes sure the store holds a fresh blob of every file the stat cache knew (reading only the missing or
   * old ones, and checking their bytes still hash to the manifest's digest), then stores the manifest.
   *
   * @throws StorageException if such a file changed since the stat cache recorded it
   */
  StoredContent storeDirectory(PreparedDirectory prepared) {
    Manifest manifest = prepared.manifest();
    publisher.forEachFile(prepared.recalled(), file -> {
      Digest digest = manifest.find(file.relativePath()).orElseThrow().digest();
      if (isFresh(digest, prepared.freshSince())) {
        return;
      }
      BlobInfo stored = blobs.put(file.path()); // links are not followed
      file.requireUnchanged(stored.size());
      if (!stored.digest().equals(digest)) {
        throw new StorageException("file " + file.path() + " changed since it was hashed (the stat cache gave "
            + digest + ", its bytes hash to " + stored.digest() + "); publish again");
      }
    }, "storing the files of " + prepared.root());
    BlobInfo manifestBlob = blobs.put(new ByteArrayInputStream(manifest.toJsonBytes()));
    return new StoredContent(manifest.digest(), manifest.totalSize(), true, manifest.entries().size(),
        manifestBlob.digest());
  }

  /** Reads a directory's manifest blob, verified against the blob digest and the version digest. */
  List<ArtifactFile> readManifest(ArtifactVersionId id, Digest digest, Digest manifestBlob) {
    List<ArtifactFile> cached = manifests.getIfPresent(manifestBlob);
    if (cached != null) {
      return cached;
    }
    String json;
    try (InputStream in = openStored(manifestBlob, "the manifest of " + id)) {
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
  Path materialize(ArtifactVersion version, @Nullable List<ArtifactFile> files, Path target, boolean replace)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new InvalidInputException("cannot materialize " + version.id() + " at the root " + target);
    }
    Files.createDirectories(parent);
    Path temp = sibling(absolute, "tmp");
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
      if (replace) {
        placeReplacing(temp, absolute);
      } else {
        placeNew(temp, absolute, version.id().toString());
      }
      done = true;
      return target;
    } finally {
      if (!done) {
        deleteTree(temp);
      }
    }
  }

  private static Path sibling(Path absolute, String kind) {
    return absolute.resolveSibling("." + absolute.getFileName() + ".mlops-" + UUID.randomUUID() + "." + kind);
  }

  /**
   * Moves a finished file or tree to a target that must not exist, without ever replacing what appeared
   * there meanwhile: a file is hard-linked into place (which fails if the name exists) and its temp name
   * unlinked; a directory is renamed, which the kernel refuses over a file or a non-empty directory.
   *
   * @throws InvalidInputException if the target exists
   */
  static void placeNew(Path temp, Path target, String what) throws IOException {
    try {
      if (Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(temp, target);
      } else {
        try {
          Files.createLink(target, temp);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException noLinks) {
          if (noLinks instanceof FileAlreadyExistsException) {
            throw (FileAlreadyExistsException) noLinks;
          }
          Files.move(temp, target); // a file system without hard links: the JDK checks, then renames
          return;
        }
        Files.delete(temp);
      }
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException exists) {
      throw new InvalidInputException("cannot materialize " + what + " at " + target + ": it already exists"
          + " (it appeared during the call); nothing there was changed", exists);
    }
  }

  /**
   * Moves a finished file or tree over a target, replacing it. A file over a file is one atomic rename;
   * otherwise the old target is first renamed aside, the new one renamed in and the old one deleted, so a
   * reader sees the old content, briefly nothing, or the new content, never a mix (and if the second rename
   * fails, the old target is put back).
   */
  static void placeReplacing(Path temp, Path target) throws IOException {
    boolean bothFiles = !Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
    if (bothFiles) {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (AtomicMoveNotSupportedException e) {
        throw new StorageException("cannot rename " + temp + " to " + target + " atomically: " + e, e);
      }
    }
    Path aside = sibling(target, "old");
    boolean moved = false;
    try {
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } catch (java.nio.file.NoSuchFileException absent) {
      // nothing to replace
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      if (moved) {
        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (moved) {
      deleteTree(aside);
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

  /**
   * Opens a blob that a version record says is stored: its absence is damage to the store (content is only
   * collected once no record needs it), not a missing item the caller asked for.
   *
   * @throws CorruptedDataException if the blob is missing
   */
  InputStream openStored(Digest digest, String what) {
    try {
      return blobs.open(digest);
    } catch (NotFoundException missing) {
      throw new CorruptedDataException(what + ": its stored content, blob " + digest + ", is missing", missing);
    }
  }

  private void copyVerified(Digest digest, long size, Path to, String what) throws IOException {
    long copied;
    try (InputStream in = openStored(digest, what);
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
