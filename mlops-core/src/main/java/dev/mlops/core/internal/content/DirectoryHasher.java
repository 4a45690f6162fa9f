package dev.mlops.core.internal.content;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.work.WorkerPool;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Hashes files and whole directories into {@link Manifest}s, in parallel, through a {@link StatCache} so
 * that unchanged files are not read again.
 *
 * <p><b>Symbolic links</b> inside a directory are refused with an {@link InvalidInputException} naming
 * the link: following them could leave the directory or loop, and recording them would make the content
 * depend on what lies outside it. The root itself may be a link; it is resolved first. Files that are
 * neither regular files nor directories (sockets, devices, pipes) are refused too.
 *
 * <p>A directory is handled in two phases, each run by the calling thread and the hasher's helper
 * threads ({@link WorkerPool}): the <em>walk</em> lists every directory and {@code lstat}s every entry
 * (a task per directory, its entries stat'ed in slices), refusing links and special files before any
 * file is read; then the files, sorted by path, are handled in <em>batches</em> of up to
 * {@value #FILES_PER_BATCH} files or {@value #BYTES_PER_BATCH} bytes, so that a task's overhead is spread
 * over many small files and the results land in manifest order without a second sort. On a stat-cache
 * miss a file costs one open, usually a single read into the thread's reused buffer and digest, one
 * close, and, for a large or recently modified file, one {@code lstat} after reading that proves it did
 * not change meanwhile ({@link TreeFile#requireUnchanged(long, long)}); on a hit it costs nothing beyond
 * the walk's {@code lstat}.
 * The manifest's digest is the same for any thread count and listing order. An I/O error fails the whole
 * call; no partial manifest is returned.
 *
 * <p>Thread-safe; several threads may hash through one instance. An instance made with
 * {@link #DirectoryHasher(StatCache, int)} owns its helper threads and should be
 * {@linkplain #close() closed}.
 */
public final class DirectoryHasher implements AutoCloseable {
  /** Files handled by one batch task at most. */
  static final int FILES_PER_BATCH = 64;
  /** Bytes handled by one batch task at most (a larger file is a batch of its own). */
  static final long BYTES_PER_BATCH = 4L << 20;
  /** Directory entries stat'ed by one walk task at most. */
  static final int ENTRIES_PER_SLICE = 256;

  /** Hashing small files from the page cache is bound by the CPU, so the shared pool's one thread per core fits. */
  private static final DirectoryHasher SHARED = new DirectoryHasher(StatCache.shared(), WorkerPool.shared());

  private final StatCache cache;
  private final WorkerPool threads;
  private final boolean owned;

  /**
   * Creates a hasher with a pool of its own, closed by {@link #close()}.
   *
   * @param cache the stat cache to consult and fill
   * @param threads how many threads handle one directory, the calling thread included; at least 1
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  public DirectoryHasher(StatCache cache, int threads) {
    this(cache, WorkerPool.create("mlops-hasher", threads), true);
  }

  /**
   * Creates a hasher that runs on a pool it does not own (closing the hasher leaves the pool alone).
   *
   * @param cache the stat cache to consult and fill
   * @param pool the workers that help the calling thread
   */
  public DirectoryHasher(StatCache cache, WorkerPool pool) {
    this(cache, pool, false);
  }

  private DirectoryHasher(StatCache cache, WorkerPool pool, boolean owned) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.threads = Objects.requireNonNull(pool, "pool");
    this.owned = owned;
  }

  /**
   * Returns the process-wide hasher, using {@link StatCache#shared()} and one thread per core.
   *
   * @return the shared instance; closing it has no effect
   */
  public static DirectoryHasher shared() {
    return SHARED;
  }

  /**
   * Returns the stat cache this hasher consults.
   *
   * @return the cache
   */
  public StatCache cache() {
    return cache;
  }

  /** Determines the content of one regular file found by a walk; called on any of the threads. */
  @FunctionalInterface
  public interface FileHandler {
    /**
     * Returns the digest and size of a file's content.
     *
     * @param file the file and the attributes the walk saw
     * @return its content's digest and size
     * @throws dev.mlops.core.MlopsException to fail the whole directory
     */
    HashedContent handle(TreeFile file);
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
    return hashDirectory(root, this::hashThroughCache);
  }

  /**
   * Walks a directory, then lets {@code handler} determine each regular file's content, in parallel
   * batches; the handler runs only once the whole tree was walked without error.
   *
   * @param root the directory (a link to a directory is resolved)
   * @param handler called once per regular file, on any thread
   * @return the manifest of the handlers' results
   * @throws InvalidInputException if the directory holds a symbolic link, a special file or a name that
   *     is not a valid relative path
   * @throws StorageException if listing fails, and whatever the handler throws
   */
  public Manifest hashDirectory(Path root, FileHandler handler) {
    Objects.requireNonNull(handler, "handler");
    Path base = realDirectory(root);
    List<TreeFile> files = walk(base);
    ManifestEntry[] entries = new ManifestEntry[files.size()];
    forEachBatch(files, (from, to) -> {
      for (int i = from; i < to; i++) {
        TreeFile f = files.get(i);
        HashedContent content = handler.handle(f);
        entries[i] = new ManifestEntry(f.relativePath(), content.digest(), content.size(), f.executable());
      }
    }, "hashing the files of " + base);
    return Manifest.of(Arrays.asList(entries));
  }

  /**
   * Runs an action on every file of a list, in parallel batches on the caller and the helper threads.
   *
   * @param files the files
   * @param action called once per file, on any thread
   * @param what what the action does, for error messages
   * @throws dev.mlops.core.MlopsException whatever the action throws first
   */
  public void forEachFile(List<TreeFile> files, Consumer<TreeFile> action, String what) {
    forEachBatch(files, (from, to) -> {
      for (int i = from; i < to; i++) {
        action.accept(files.get(i));
      }
    }, what);
  }

  /** A contiguous range of a file list. */
  @FunctionalInterface
  private interface Batch {
    void run(int from, int to);
  }

  /** Splits the list into batches by count and bytes, and runs them in parallel. */
  private void forEachBatch(List<TreeFile> files, Batch batch, String what) {
    if (files.isEmpty()) {
      return;
    }
    threads.run(job -> {
      int from = 0;
      while (from < files.size()) {
        int to = from;
        long bytes = 0;
        while (to < files.size() && to - from < FILES_PER_BATCH && (to == from || bytes < BYTES_PER_BATCH)) {
          bytes += files.get(to++).size();
        }
        int start = from;
        int end = to;
        job.add(j -> batch.run(start, end));
        from = to;
      }
    }, what);
  }

  /**
   * Hashes one regular file through the stat cache.
   *
   * @param file the file; not a symbolic link
   * @return its digest and size
   * @throws StorageException if it cannot be read, is not a regular file, or changes while hashed
   */
  public HashedContent hashFile(Path file) {
    return hashThroughCache(TreeFile.stat(file, file.toString()));
  }

  /**
   * The stat cache's digest if it knows the walked stat data, else the file hashed (one open, read and
   * close), checked unchanged (by the bytes read, and by a second {@code lstat} if it is large or was
   * modified recently), then remembered.
   */
  private HashedContent hashThroughCache(TreeFile file) {
    StatCache.Key key = file.cacheKey();
    Optional<Digest> known = cache.get(key);
    if (known.isPresent()) {
      return new HashedContent(known.get(), file.size());
    }
    long statTime = cache.now();
    HashedContent hashed;
    try {
      hashed = ContentHashes.hashRegularFile(file.path(), file.size());
    } catch (IOException e) {
      throw new StorageException("cannot hash " + file.path() + ": " + e, e);
    }
    file.requireUnchanged(hashed.size(), statTime);
    cache.put(key, hashed.digest(), statTime);
    return hashed;
  }

  /**
   * Lists the tree below {@code base} in parallel (a task per directory, its entries stat'ed in slices),
   * refusing links and special files, and returns its regular files sorted by relative path.
   */
  private List<TreeFile> walk(Path base) {
    ConcurrentLinkedQueue<List<TreeFile>> found = new ConcurrentLinkedQueue<>();
    threads.run(job -> listDirectory(job, base, base, "", found), "walking " + base);
    List<TreeFile> files = new ArrayList<>();
    found.forEach(files::addAll);
    files.sort((a, b) -> RelativePaths.CODE_POINT_ORDER.compare(a.relativePath(), b.relativePath()));
    return files;
  }

  private void listDirectory(WorkerPool.Job job, Path base, Path dir, String prefix,
      ConcurrentLinkedQueue<List<TreeFile>> found) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    } catch (IOException | DirectoryIteratorException e) {
      throw new StorageException("cannot list directory " + dir + " in " + base + ": " + e, e);
    }
    for (int from = ENTRIES_PER_SLICE; from < children.size(); from += ENTRIES_PER_SLICE) {
      List<Path> slice = children.subList(from, Math.min(children.size(), from + ENTRIES_PER_SLICE));
      job.add(j -> statEntries(j, base, prefix, slice, found));
    }
    statEntries(job, base, prefix, children.subList(0, Math.min(children.size(), ENTRIES_PER_SLICE)), found);
  }

  private void statEntries(WorkerPool.Job job, Path base, String prefix, List<Path> children,
      ConcurrentLinkedQueue<List<TreeFile>> found) {
    List<TreeFile> files = new ArrayList<>(children.size());
    for (Path child : children) {
      String rel = prefix + child.getFileName();
      BasicFileAttributes attrs = TreeFile.lstat(child);
      if (attrs.isRegularFile()) {
        files.add(TreeFile.of(child, RelativePaths.check(rel), attrs));
      } else if (attrs.isDirectory()) {
        String sub = RelativePaths.check(rel) + "/";
        job.add(j -> listDirectory(j, base, child, sub, found));
      } else if (attrs.isSymbolicLink()) {
        throw new InvalidInputException(
            "symbolic link " + RelativePaths.check(rel) + " in " + base + ": links are not followed in"
                + " hashed directories; replace it with the file it points to");
      } else {
        throw new InvalidInputException(
            "special file " + RelativePaths.check(rel) + " in " + base + " cannot be hashed");
      }
    }
    found.add(files);
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

  /** Stops the helper threads if this instance owns them; the shared instance ignores this. */
  @Override
  public void close() {
    if (owned) {
      threads.close();
    }
  }
}
