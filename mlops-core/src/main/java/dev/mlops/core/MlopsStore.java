package dev.mlops.core;

import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.integrity.IntegrityReport;
import dev.mlops.core.internal.artifact.DefaultArtifacts;
import dev.mlops.core.internal.integrity.StoreVerifier;
import dev.mlops.core.internal.storage.StorageProviders;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.work.WorkerPool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: an open store that holds artifacts, runs, metrics and fingerprints.
 *
 * <pre>{@code
 * try (MlopsStore store = MlopsStore.open("file:/data/mlops")) {
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #open()} opens the embedded default, a file store under {@code ./.mlops};
 * {@code open("mem:")} opens a fresh in-memory store; other schemes come from storage providers on the
 * classpath (see {@link dev.mlops.core.spi.StorageProvider}). {@link #builder()} configures everything else:
 * blobs in another backend than records (a bucket beside a database), the clock, the worker threads and the
 * artifact metadata cache:
 *
 * <pre>{@code
 * MlopsStore store = MlopsStore.builder()
 *     .storage("postgresql://db.internal:5432/mlops?user=ml")
 *     .blobs("s3://models/team-a?region=eu-west-1")
 *     .executor(myExecutor, 4)
 *     .open();
 * }</pre>
 *
 * <h2>Threads</h2>
 * Parallel work (validating a table in chunks, a sweep's trials) runs on the store's {@link #workers()}: by
 * default {@link WorkerPool#shared()}, daemon threads named {@code mlops-worker-N}, one per core, that end
 * after 30 idle seconds; or the executor handed to {@link Builder#executor}. Work that mostly waits on the
 * disk (publishing a directory, where every durable put waits for an fsync) runs on {@link #ioWorkers()}:
 * by default {@link WorkerPool#sharedIo()}, daemon threads named {@code mlops-io-N}, four per core and at
 * least 8, also ending when idle. The calling thread always takes part, so work never waits on a pool that
 * other work keeps busy. These are all the threads mlops starts, with two documented exceptions:
 * <ul>
 *   <li>{@code mlops-tracking-writer}: the background writer of each tracker (mlops-tracking), stopped by
 *       closing the tracker or this store; at JVM exit one shutdown hook for the process
 *       ({@code mlops-tracking-shutdown-flush}) flushes the trackers still open;</li>
 *   <li>the file backend's background fsyncs and the hashing of large blob puts run on the
 *       {@code mlops-io-N} threads (on the putting thread when none is free); other backends may have
 *       their driver's threads (a connection pool).</li>
 * </ul>
 * Fingerprinting a directory outside a store uses the shared {@code mlops-worker-N} pool.
 *
 * <p>Thread-safe: one instance is meant to be shared by all threads of a process. Closing it closes what
 * was registered with {@link #onClose} (newest first) and then the storage; using it afterwards fails with
 * {@link IllegalStateException}.
 */
public final class MlopsStore implements AutoCloseable {
  /** The URI {@link #open()} uses: a file store in {@code .mlops} under the working directory. */
  public static final String DEFAULT_URI = "file:.mlops";

  private final Storage storage;
  private final Clock clock;
  private final WorkerPool workers;
  private final WorkerPool ioWorkers;
  private final Duration artifactCacheTtl;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Closed before the storage, newest first; guarded by {@code this}. */
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  /** Created on first use; guarded by {@code this}. */
  private @Nullable DefaultArtifacts artifacts;

  private MlopsStore(Storage storage, Clock clock, WorkerPool workers, WorkerPool ioWorkers,
      Duration artifactCacheTtl) {
    this.storage = storage;
    this.clock = clock;
    this.workers = workers;
    this.ioWorkers = ioWorkers;
    this.artifactCacheTtl = artifactCacheTtl;
  }

  /**
   * Opens the embedded default store, a file store under {@code ./.mlops}, creating it if needed.
   *
   * @return the open store
   * @throws StorageException if the directory cannot be created or locked
   */
  public static MlopsStore open() {
    return open(DEFAULT_URI);
  }

  /**
   * Opens the store a URI names: {@code file:/some/dir}, {@code file:relative/dir}, {@code mem:}, or a
   * scheme served by a provider on the classpath. The short form of {@code builder().storage(uri).open()}.
   *
   * <p>Options go in the query string, for example {@code file:/data/mlops?lockTimeout=PT30S}.
   *
   * @param uri the store URI
   * @return the open store
   * @throws ConfigurationException if the URI has no scheme or no provider serves it (the message lists the
   *     schemes available on the classpath), or if its scheme stores only blobs (the message shows the
   *     builder form that pairs it with a store for records)
   * @throws StorageException if the backend cannot be opened
   */
  public static MlopsStore open(String uri) {
    return builder().storage(uri).open();
  }

  /**
   * Wraps a storage that was built explicitly. The store owns it from now on and closes it.
   *
   * @param storage the storage
   * @return the store
   */
  public static MlopsStore open(Storage storage) {
    return builder().storage(storage).open();
  }

  /**
   * Starts configuring a store.
   *
   * @return a new builder; by default it opens {@link #DEFAULT_URI} with the system UTC clock, the shared
   *     worker pool and the default artifact cache time-to-live
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Lists the URI schemes that {@link #open(String)} can open with the providers on the classpath.
   *
   * @return the schemes, sorted
   */
  public static List<String> availableSchemes() {
    return StorageProviders.discover(Thread.currentThread().getContextClassLoader()).schemes();
  }

  /**
   * Returns the storage behind this store, for modules built on it (tracking, validation) and for
   * backends' own tools.
   *
   * @return the storage
   * @throws IllegalStateException if the store is closed
   */
  public Storage storage() {
    ensureOpen();
    return storage;
  }

  /**
   * Returns the clock that stamps publish, alias, run and metric times, for modules built on this store.
   *
   * @return the clock given to the builder, or the system UTC clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the worker threads this store and the modules built on it run parallel work on.
   *
   * @return the pool given to the builder, or {@link WorkerPool#shared()}
   */
  public WorkerPool workers() {
    return workers;
  }

  /**
   * Returns the worker threads for work that mostly waits on the disk rather than the CPU, such as
   * publishing a directory artifact (each durable put waits for an fsync), so more of it runs at once than
   * there are cores.
   *
   * @return the pool given to {@link Builder#ioWorkers}; else the pool given to {@link Builder#executor} or
   *     {@link Builder#workers}; else {@link WorkerPool#sharedIo()}
   */
  public WorkerPool ioWorkers() {
    return ioWorkers;
  }

  /**
   * Registers a resource that {@link #close()} closes before the storage, newest first. Modules built on
   * a store (a tracker's background writer) use it so that closing the store stops what they started.
   *
   * @param resource the resource; closing it twice must be harmless
   * @throws IllegalStateException if the store is closed
   */
  public synchronized void onClose(AutoCloseable resource) {
    Objects.requireNonNull(resource, "resource");
    ensureOpen();
    closeables.push(resource);
  }

  /**
   * Returns the artifact versioning facade of this store: datasets, models and other files or
   * directories stored by content with versions, aliases, lineage and garbage collection. Every call
   * returns the same thread-safe instance, so metadata caches are shared by the whole process.
   *
   * @return the artifacts facade
   * @throws IllegalStateException if the store is closed
   */
  public synchronized Artifacts artifacts() {
    ensureOpen();
    if (artifacts == null) {
      artifacts = new DefaultArtifacts(storage, clock, artifactCacheTtl, ioWorkers);
    }
    return artifacts;
  }

  /**
   * Reads every record, series and blob of the store, checks that every artifact version's content is
   * present, and reports each damaged item; with {@code repair}, first rebuilds what can be derived from
   * other data (today: artifact head records, from the version records). Damaged items that cannot be
   * derived are left in place for inspection and listed. Reads everything, so it takes as long as reading
   * the store; it may run while the store is in use.
   *
   * @param repair true to rebuild derivable records before checking
   * @return what was read, what is damaged, and what was repaired
   * @throws StorageException if the backend cannot be read at all
   * @throws IllegalStateException if the store is closed
   */
  public IntegrityReport verify(boolean repair) {
    DefaultArtifacts facade = (DefaultArtifacts) artifacts();
    List<String> repaired = new ArrayList<>();
    if (repair) {
      for (String name : facade.repairHeads()) {
        repaired.add("rebuilt the head record of artifact '" + name + "' from its version records");
      }
    }
    StoreVerifier verifier = new StoreVerifier(storage);
    verifier.run();
    facade.missingContent().forEach(verifier::add);
    return new IntegrityReport(verifier.records(), verifier.series(), verifier.blobs(), verifier.damaged(),
        repaired);
  }

  /** @return a short description of the backend, such as {@code file:/data/mlops}, without secrets */
  public String describe() {
    return storage.describe();
  }

  /** @return true once {@link #close()} has been called */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes what was registered with {@link #onClose}, then the storage. Later calls do nothing.
   *
   * @throws StorageException if a resource or the storage failed to close cleanly; everything is still
   *     closed, the other failures are suppressed
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    StorageException failure = null;
    while (true) {
      AutoCloseable next;
      synchronized (this) {
        next = closeables.poll();
      }
      if (next == null) {
        break;
      }
      try {
        next.close();
      } catch (Exception e) {
        failure = addFailure(failure, e);
      }
    }
    try {
      storage.close();
    } catch (RuntimeException e) {
      failure = addFailure(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private StorageException addFailure(@Nullable StorageException failure, Exception e) {
    if (failure == null) {
      return e instanceof StorageException ? (StorageException) e
          : new StorageException("closing store " + storage.describe() + " failed: " + e, e);
    }
    failure.addSuppressed(e);
    return failure;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("store " + storage.describe() + " is closed");
    }
  }

  @Override
  public String toString() {
    return "MlopsStore{" + storage.describe() + "}";
  }

  /**
   * Configures and opens a {@link MlopsStore}: where records, series and blobs live, the clock, the worker
   * threads and the artifact metadata cache.
   *
   * <pre>{@code
   * // one machine: records in a directory, blobs in a bucket
   * MlopsStore store = MlopsStore.builder().storage("file:/data/mlops").blobs("s3://models/prod").open();
   * // tests: a fixed clock and no metadata caching
   * MlopsStore test = MlopsStore.builder().storage("mem:").clock(fixedClock).artifactCacheTtl(Duration.ZERO).open();
   * }</pre>
   *
   * <p>Not thread-safe: configure it on one thread. Each {@link #open()} opens a new store.
   */
  public static final class Builder {
    private @Nullable String storageUri;
    private @Nullable Storage storage;
    private @Nullable String blobsUri;
    private @Nullable BlobStore blobStore;
    private Clock clock = Clock.systemUTC();
    private WorkerPool workers = WorkerPool.shared();
    private @Nullable WorkerPool ioWorkers;
    private Duration artifactCacheTtl = Artifacts.DEFAULT_CACHE_TTL;

    private Builder() {}

    /**
     * Keeps the store in the backend a URI names ({@code file:}, {@code mem:}, or a provider's scheme).
     * Replaces an earlier {@link #storage(Storage)}.
     *
     * @param uri the store URI
     * @return this builder
     */
    public Builder storage(String uri) {
      this.storageUri = Objects.requireNonNull(uri, "uri");
      this.storage = null;
      return this;
    }

    /**
     * Keeps the store in a storage built explicitly; the store owns it and closes it. Replaces an earlier
     * {@link #storage(String)}.
     *
     * @param storage the storage
     * @return this builder
     */
    public Builder storage(Storage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      this.storageUri = null;
      return this;
    }

    /**
     * Keeps blobs (the bytes of artifacts) in another backend than records and series, such as an object
     * store ({@code s3://bucket/prefix?region=...}, served by mlops-storage-s3) or any whole-store scheme.
     *
     * @param uri the blob store URI
     * @return this builder
     */
    public Builder blobs(String uri) {
      this.blobsUri = Objects.requireNonNull(uri, "uri");
      this.blobStore = null;
      return this;
    }

    /**
     * Keeps blobs in a blob store built explicitly. If it is {@link AutoCloseable}, the store closes it.
     *
     * @param blobs the blob store
     * @return this builder
     */
    public Builder blobs(BlobStore blobs) {
      this.blobStore = Objects.requireNonNull(blobs, "blobs");
      this.blobsUri = null;
      return this;
    }

    /**
     * Sets the clock that stamps publish, alias, run and metric times and measures grace periods.
     *
     * @param clock the clock; the system UTC clock by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs the store's parallel work on an executor the caller owns (as Caffeine's
     * {@code executor(Executor)}); mlops never shuts it down. A job uses at most {@code parallelism} threads,
     * the calling thread included.
     *
     * @param executor the executor
     * @param parallelism the most threads one job runs on, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code parallelism} is less than 1
     */
    public Builder executor(Executor executor, int parallelism) {
      this.workers = WorkerPool.using(executor, parallelism);
      return this;
    }

    /**
     * Runs the store's parallel work on a given pool, for example one made by {@link WorkerPool#create};
     * the store does not close it.
     *
     * @param workers the pool; {@link WorkerPool#shared()} by default
     * @return this builder
     */
    public Builder workers(WorkerPool workers) {
      this.workers = Objects.requireNonNull(workers, "workers");
      return this;
    }

    /**
     * Runs the store's disk-bound work (publishing directories: durable puts that wait for fsync) on a given
     * pool; the store does not close it. Without this call, that work goes to the pool given to
     * {@link #executor} or {@link #workers}, or, if neither was called, to {@link WorkerPool#sharedIo()}.
     *
     * @param ioWorkers the pool
     * @return this builder
     */
    public Builder ioWorkers(WorkerPool ioWorkers) {
      this.ioWorkers = Objects.requireNonNull(ioWorkers, "ioWorkers");
      return this;
    }

    /**
     * Sets how long the artifacts facade may serve cached metadata (the latest version of a name, an
     * alias) before it looks at the storage again; other processes' changes show after at most this long.
     *
     * @param ttl zero for no caching; {@link Artifacts#DEFAULT_CACHE_TTL} by default
     * @return this builder
     * @throws InvalidInputException if {@code ttl} is negative
     */
    public Builder artifactCacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative()) {
        throw new InvalidInputException("the artifact metadata cache time-to-live must not be negative, got "
            + ttl);
      }
      this.artifactCacheTtl = ttl;
      return this;
    }

    /**
     * Opens the configured store.
     *
     * @return the open store
     * @throws ConfigurationException if a URI has no scheme or no provider serves it (the message lists the
     *     schemes available), or if a blob-only scheme is given as the store
     * @throws StorageException if a backend cannot be opened; whatever was opened is closed again
     */
    public MlopsStore open() {
      WorkerPool io = ioWorkers != null ? ioWorkers
          : workers == WorkerPool.shared() ? WorkerPool.sharedIo() : workers;
      StorageProviders providers = null;
      Storage main = storage;
      if (main == null) {
        providers = StorageProviders.discover(Thread.currentThread().getContextClassLoader());
        main = providers.open(parse(storageUri != null ? storageUri : DEFAULT_URI, providers.schemes()));
      }
      if (blobsUri == null && blobStore == null) {
        return new MlopsStore(main, clock, workers, io, artifactCacheTtl);
      }
      try {
        Storage composed;
        if (blobStore != null) {
          BlobStore blobs = blobStore;
          composed = Storage.compose(main.describe() + " + blobs " + blobs, blobs, main.records(), main.series(),
              closerOf(blobs), main);
        } else {
          if (providers == null) {
            providers = StorageProviders.discover(Thread.currentThread().getContextClassLoader());
          }
          StorageProviders.BlobStorage blobs = providers.openBlobs(parse(blobsUri, providers.blobSchemes()));
          composed = Storage.compose(main.describe() + " + blobs " + blobs.description(), blobs.blobs(),
              main.records(), main.series(), blobs.resource(), main);
        }
        return new MlopsStore(composed, clock, workers, io, artifactCacheTtl);
      } catch (RuntimeException e) {
        try {
          main.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    private static AutoCloseable closerOf(BlobStore blobs) {
      return blobs instanceof AutoCloseable ? (AutoCloseable) blobs : () -> { };
    }

    private static StorageLocation parse(@Nullable String uri, List<String> schemes) {
      try {
        return StorageLocation.parse(Objects.requireNonNull(uri, "uri"));
      } catch (ConfigurationException e) {
        throw new ConfigurationException(e.getMessage() + ". Schemes available on the classpath: "
            + String.join(", ", schemes), e);
      }
    }
  }
}
