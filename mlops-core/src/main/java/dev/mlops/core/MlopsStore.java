package dev.mlops.core;

import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.internal.artifact.DefaultArtifacts;
import dev.mlops.core.internal.storage.StorageProviders;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * classpath (see {@link dev.mlops.core.spi.StorageProvider}). {@link #open(Storage)} wraps a storage built
 * explicitly, for example one that keeps records and blobs in different backends.
 *
 * <p>Thread-safe: one instance is meant to be shared by all threads of a process. Closing it closes the
 * storage; using it afterwards fails with {@link IllegalStateException}.
 */
public final class MlopsStore implements AutoCloseable {
  /** The URI {@link #open()} uses: a file store in {@code .mlops} under the working directory. */
  public static final String DEFAULT_URI = "file:.mlops";

  private final Storage storage;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Created on first use; guarded by {@code this}. */
  private @org.jspecify.annotations.Nullable Artifacts artifacts;

  private MlopsStore(Storage storage) {
    this.storage = storage;
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
   * scheme served by a provider on the classpath.
   *
   * <p>Options go in the query string, for example {@code file:/data/mlops?lockTimeout=PT30S}.
   *
   * @param uri the store URI
   * @return the open store
   * @throws ConfigurationException if the URI has no scheme or no provider serves it; the message lists
   *     the schemes available on the classpath
   * @throws StorageException if the backend cannot be opened
   */
  public static MlopsStore open(String uri) {
    Objects.requireNonNull(uri, "uri");
    StorageProviders providers = StorageProviders.discover(Thread.currentThread().getContextClassLoader());
    StorageLocation location;
    try {
      location = StorageLocation.parse(uri);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(e.getMessage() + ". Schemes available on the classpath: "
          + String.join(", ", providers.schemes()), e);
    }
    return new MlopsStore(providers.open(location));
  }

  /**
   * Wraps a storage that was built explicitly. The store owns it from now on and closes it.
   *
   * @param storage the storage
   * @return the store
   */
  public static MlopsStore open(Storage storage) {
    return new MlopsStore(Objects.requireNonNull(storage, "storage"));
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
      artifacts = new DefaultArtifacts(storage, Clock.systemUTC(), Artifacts.DEFAULT_CACHE_TTL);
    }
    return artifacts;
  }

  /** @return a short description of the backend, such as {@code file:/data/mlops} */
  public String describe() {
    return storage.describe();
  }

  /** @return true once {@link #close()} has been called */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes the store and its storage. Later calls do nothing.
   *
   * @throws StorageException if the storage failed to close cleanly
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      storage.close();
    }
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
}
