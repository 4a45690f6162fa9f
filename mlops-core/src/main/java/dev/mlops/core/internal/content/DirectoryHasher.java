package dev.mlops.core.internal.content;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * Hashes files and whole directories into {@link Manifest}s, files in parallel, through a
 * {@link StatCache} so that unchanged files are not read again.
 *
 * <p><b>Symbolic links</b> inside a directory are refused with an {@link InvalidInputException} naming
 * the link: following them could leave the directory or loop, and recording them would make the content
 * depend on what lies outside it. The root itself may be a link; it is resolved first. Files that are
 * neither regular files nor directories (sockets, devices) are refused too.
 *
 * <p>The tree is walked and hashed on a {@link ForkJoinPool} (twice as many threads as cores
 * for {@link #shared()}): a task per directory lists its names, and tasks of up to 32 entries stat and hash
 * them and fork a task per sub-directory, so listing, stat calls and reads all run in parallel. Each
 * file costs one stat before reading (which also yields its executable bit), and on a stat-cache miss
 * one open, its reads on a per-thread buffer and digest, one {@code fstat} and one stat after reading.
 * The manifest is sorted, so its digest is the same for any thread count and any listing order. An I/O error fails the whole call; no partial manifest is
 * returned.
 *
 * <p>Thread-safe; several threads may hash through one instance. An instance made with
 * {@link #DirectoryHasher(StatCache, int)} owns its pool and should be {@linkplain #close() closed}.
 */
public final class DirectoryHasher implements AutoCloseable {
  /**
   * Twice as many threads as cores: with a cold page cache a thread spends much of each small file
   * blocked in open, stat and read, and another can compute meanwhile.
   */
  private static final DirectoryHasher SHARED = new DirectoryHasher(StatCache.shared(),
      new ForkJoinPool(2 * Runtime.getRuntime().availableProcessors()), false);

  private final StatCache cache;
  private final ForkJoinPool pool;
  private final boolean ownsPool;

  /**
   * Creates a hasher with its own thread pool.
   *
   * @param cache the stat cache to consult and fill
   * @param threads how many files to hash at once, at least 1
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  public DirectoryHasher(StatCache cache, int threads) {
    this(cache, new ForkJoinPool(threads), true);
  }

  private DirectoryHasher(StatCache cache, ForkJoinPool pool, boolean ownsPool) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.pool = pool;
    this.ownsPool = ownsPool;
  }

  /**
   * Returns the process-wide hasher, using {@link StatCache#shared()} and two threads per core.
   *
   * @return the shared instance; closing it has no effect
   */
  public static DirectoryHasher shared() {
    return SHARED;
  }

  /**
   * Hashes a directory into a manifest.
   *
   * @param root the directory (a link to a directory is resolved)
   * @return its manifest
   * @throws InvalidInputException if the directory holds a symbolic link, a special file or a name that
   *     is not a valid relative path
   * @throws StorageException if listing or reading fails, or a file changes while it is hashed
   */
  public Manifest hashDirectory(Path root) {
    Path base = realDirectory(root);
    try {
      List<ManifestEntry> entries = pool.submit(new DirectoryTask(base, base, "")).get();
      return Manifest.of(entries);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while hashing " + root, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MlopsException) {
        throw (MlopsException) cause;
      }
      throw new StorageException("cannot hash " + root + ": " + cause, cause);
    }
  }

  /**
   * Hashes one regular file through the stat cache.
   *
   * @param file the file; not a symbolic link
   * @return its digest and size
   * @throws StorageException if it cannot be read, is not a regular file, or changes while hashed
   */
  public HashedContent hashFile(Path file) {
    return hash(file, stat(file)).content();
  }

  /** A file's digest and size, with its owner-execute bit. */
  private record Hashed(HashedContent content, boolean executable) {}

  /**
   * Hashes one file through the stat cache, given the stat data read just before (by the directory walk
   * or by {@link #hashFile(Path)}). The file is stat'ed once more: after reading on a miss (to detect a
   * change while hashing, and for the executable bit), or for the executable bit on a hit.
   */
  private Hashed hash(Path file, BasicFileAttributes attrs) {
    if (!attrs.isRegularFile()) {
      throw new StorageException("cannot hash " + file + ": not a regular file");
    }
    StatCache.Key key = StatCache.Key.of(file, attrs.fileKey(), attrs.size(), attrs.lastModifiedTime());
    Optional<Digest> known = cache.get(key);
    if (known.isPresent()) {
      boolean executable = attrs instanceof PosixFileAttributes ? isExecutable(attrs) : isExecutable(stat(file));
      return new Hashed(new HashedContent(known.get(), attrs.size()), executable);
    }
    long statTime = cache.now();
    HashedContent hashed;
    try {
      hashed = ContentHashes.hashRegularFile(file, attrs.size());
    } catch (IOException e) {
      throw new StorageException("cannot hash " + file + ": " + e, e);
    }
    BasicFileAttributes after = stat(file);
    if (!after.lastModifiedTime().equals(attrs.lastModifiedTime()) || after.size() != hashed.size()) {
      throw new StorageException("file " + file + " changed while it was being hashed");
    }
    cache.put(key, hashed.digest(), statTime);
    return new Hashed(hashed, isExecutable(after));
  }

  /** Directory entries handled by one task: enough to amortize forking, few enough to balance. */
  private static final int CHILDREN_PER_TASK = 32;

  /**
   * Lists one directory (names only) and hands its entries to {@link ChildrenTask}s in slices, so that
   * the stat calls, the hashing and the sub-directories all run in parallel; yields the manifest entries
   * of every file below, in no particular order.
   */
  private final class DirectoryTask extends RecursiveTask<List<ManifestEntry>> {
    private static final long serialVersionUID = 1L;
    private final transient Path base;
    private final transient Path dir;
    private final String prefix;

    DirectoryTask(Path base, Path dir, String prefix) {
      this.base = base;
      this.dir = dir;
      this.prefix = prefix;
    }

    @Override
    protected List<ManifestEntry> compute() {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        stream.forEach(children::add);
      } catch (IOException | DirectoryIteratorException e) {
        throw new StorageException("cannot list directory " + dir + " in " + base + ": " + e, e);
      }
      if (children.size() <= CHILDREN_PER_TASK) {
        return new ChildrenTask(base, prefix, children).compute();
      }
      List<ChildrenTask> slices = new ArrayList<>();
      for (int from = 0; from < children.size(); from += CHILDREN_PER_TASK) {
        slices.add(new ChildrenTask(base, prefix,
            children.subList(from, Math.min(children.size(), from + CHILDREN_PER_TASK))));
      }
      List<ManifestEntry> entries = new ArrayList<>();
      for (ChildrenTask slice : invokeAll(slices)) {
        entries.addAll(slice.join());
      }
      return entries;
    }
  }

  /** Stats and hashes a slice of one directory's entries, forking a {@link DirectoryTask} per sub-directory. */
  private final class ChildrenTask extends RecursiveTask<List<ManifestEntry>> {
    private static final long serialVersionUID = 1L;
    private final transient Path base;
    private final String prefix;
    private final transient List<Path> children;

    ChildrenTask(Path base, String prefix, List<Path> children) {
      this.base = base;
      this.prefix = prefix;
      this.children = children;
    }

    @Override
    protected List<ManifestEntry> compute() {
      List<ManifestEntry> entries = new ArrayList<>(children.size());
      List<DirectoryTask> subdirectories = new ArrayList<>();
      for (Path child : children) {
        BasicFileAttributes attrs = stat(child);
        String rel = prefix + child.getFileName();
        if (attrs.isDirectory()) {
          DirectoryTask sub = new DirectoryTask(base, child, RelativePaths.check(rel) + "/");
          sub.fork();
          subdirectories.add(sub);
        } else if (attrs.isSymbolicLink()) {
          throw new InvalidInputException(
              "symbolic link " + RelativePaths.check(rel) + " in " + base + ": links are not followed in"
                  + " hashed directories; replace it with the file it points to");
        } else if (!attrs.isRegularFile()) {
          throw new InvalidInputException(
              "special file " + RelativePaths.check(rel) + " in " + base + " cannot be hashed");
        } else {
          Hashed hashed = hash(child, attrs);
          entries.add(new ManifestEntry(rel, hashed.content().digest(), hashed.content().size(),
              hashed.executable()));
        }
      }
      for (DirectoryTask sub : subdirectories) {
        entries.addAll(sub.join());
      }
      return entries;
    }
  }

  /**
   * Reads a file's attributes without following links, in one system call: POSIX attributes (which carry
   * the permissions) where the file system has them, basic ones elsewhere.
   */
  private static BasicFileAttributes stat(Path file) {
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      }
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new StorageException("cannot read the attributes of " + file + ": " + e, e);
    }
  }

  /** The owner-execute bit, false where the file system has no POSIX permissions. */
  private static boolean isExecutable(BasicFileAttributes attrs) {
    return attrs instanceof PosixFileAttributes
        && ((PosixFileAttributes) attrs).permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }

  private static Path realDirectory(Path root) {
    try {
      Path real = root.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new InvalidInputException("not a directory: " + root);
      }
      return real;
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("no such directory: " + root, e);
    } catch (IOException e) {
      throw new StorageException("cannot open directory " + root + ": " + e, e);
    }
  }

  /** Shuts down the pool if this instance owns it; the shared instance ignores this. */
  @Override
  public void close() {
    if (ownsPool) {
      pool.shutdown();
    }
  }
}
