package dev.mlops.core.internal.storage;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.spi.BlobStoreProvider;
import dev.mlops.core.spi.ProviderLoader;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StorageProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one place that discovers {@link StorageProvider}s and {@link BlobStoreProvider}s, through
 * {@link ProviderLoader}.
 *
 * <p>Resolution is deterministic: for each scheme the provider with the highest priority wins, ties
 * going to the class name that sorts first. A provider that fails to load is logged and skipped, so one
 * broken jar never hides the others. Immutable after construction and thread-safe.
 */
public final class StorageProviders {
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
  private static final ProviderLoader<StorageProvider> STORES = ProviderLoader.of(StorageProvider.class,
      "storage provider", StorageProvider::scheme, StorageProvider::priority, s -> SCHEME.matcher(s).matches());
  private static final ProviderLoader<BlobStoreProvider> BLOBS = ProviderLoader.of(BlobStoreProvider.class,
      "blob store provider", BlobStoreProvider::scheme, BlobStoreProvider::priority,
      s -> SCHEME.matcher(s).matches());

  private final Map<String, StorageProvider> stores;
  private final Map<String, BlobStoreProvider> blobs;
  private final List<String> failures;

  private StorageProviders(ProviderLoader.Resolved<StorageProvider> stores,
      ProviderLoader.Resolved<BlobStoreProvider> blobs) {
    this.stores = stores.byName();
    this.blobs = blobs.byName();
    List<String> all = new ArrayList<>(stores.failures());
    all.addAll(blobs.failures());
    this.failures = List.copyOf(all);
  }

  /**
   * Discovers the providers visible to a class loader.
   *
   * @param loader the class loader to search; null for this library's own
   * @return the resolved providers
   */
  public static StorageProviders discover(@Nullable ClassLoader loader) {
    ClassLoader cl = loader != null ? loader : StorageProviders.class.getClassLoader();
    return new StorageProviders(STORES.load(cl), BLOBS.load(cl));
  }

  /**
   * Resolves an explicit list of storage providers, as discovery would. A provider whose {@code scheme()} or
   * {@code priority()} throws, or whose scheme is not a lower-case URI scheme, is skipped and reported
   * among the failures.
   *
   * @param providers the candidates
   * @param failures descriptions of providers that failed to load, for error messages
   * @return the resolved providers
   */
  public static StorageProviders of(List<StorageProvider> providers, List<String> failures) {
    return of(providers, List.of(), failures);
  }

  /**
   * Resolves explicit lists of storage and blob store providers, as discovery would.
   *
   * @param providers the storage provider candidates
   * @param blobProviders the blob store provider candidates
   * @param failures descriptions of providers that failed to load, for error messages
   * @return the resolved providers
   */
  public static StorageProviders of(List<StorageProvider> providers, List<BlobStoreProvider> blobProviders,
      List<String> failures) {
    return new StorageProviders(STORES.resolve(providers, failures), BLOBS.resolve(blobProviders, List.of()));
  }

  /** @return the schemes that can be opened as a whole store, sorted */
  public List<String> schemes() {
    return List.copyOf(stores.keySet());
  }

  /** @return the schemes that can serve blobs (whole stores and blob-only backends), sorted */
  public List<String> blobSchemes() {
    TreeSet<String> all = new TreeSet<>(stores.keySet());
    all.addAll(blobs.keySet());
    return List.copyOf(all);
  }

  /**
   * Opens a store URI with the provider of its scheme.
   *
   * @param location the parsed URI
   * @return the open storage
   * @throws ConfigurationException if no provider serves the scheme (the message lists those that do), or
   *     if the scheme is served only by a blob-only backend (the message shows the builder form)
   */
  public Storage open(StorageLocation location) {
    StorageProvider provider = stores.get(location.scheme());
    if (provider == null) {
      BlobStoreProvider blobOnly = blobs.get(location.scheme());
      if (blobOnly != null) {
        throw new ConfigurationException("'" + location.scheme() + ":' stores only blobs ("
            + describe(blobOnly, BlobStoreProvider::description) + "), so it cannot hold a whole store. Keep"
            + " records and series in another backend and the blobs here: MlopsStore.builder()"
            + ".storage(\"file:.mlops\").blobs(\"" + blobOnly.describe(location) + "?...\").open()"
            + " (any of " + String.join(", ", schemes()) + " can hold the records).");
      }
      throw missing(location, "storage", stores, StorageProvider::description);
    }
    return provider.open(location);
  }

  /**
   * Opens only the blob store a URI names: a blob-only backend's, or the blobs of a whole store.
   *
   * @param location the parsed URI
   * @return the storage whose {@link Storage#blobs()} serves the blobs; closing it closes the backend
   * @throws ConfigurationException if no provider serves the scheme
   */
  public BlobStorage openBlobs(StorageLocation location) {
    BlobStoreProvider blobOnly = blobs.get(location.scheme());
    if (blobOnly != null) {
      BlobStore store = blobOnly.open(location);
      return new BlobStorage(store, blobOnly.describe(location),
          store instanceof AutoCloseable ? (AutoCloseable) store : () -> { });
    }
    StorageProvider whole = stores.get(location.scheme());
    if (whole == null) {
      throw missing(location, "blob", blobsAndStores(), p -> p);
    }
    Storage storage = whole.open(location);
    return new BlobStorage(storage.blobs(), storage.describe(), storage);
  }

  /**
   * An opened blob store with what describes and closes it.
   *
   * @param blobs the blob store
   * @param description its description, without secrets
   * @param resource what closing releases
   */
  public record BlobStorage(BlobStore blobs, String description, AutoCloseable resource) {}

  private Map<String, String> blobsAndStores() {
    Map<String, String> all = new java.util.TreeMap<>();
    stores.forEach((k, v) -> all.put(k, describe(v, StorageProvider::description)));
    blobs.forEach((k, v) -> all.put(k, describe(v, BlobStoreProvider::description)));
    return all;
  }

  private static <P> String describe(P p, Function<P, String> description) {
    try {
      return description.apply(p);
    } catch (RuntimeException | LinkageError e) {
      return p.getClass().getName();
    }
  }

  private <P> ConfigurationException missing(StorageLocation location, String kind, Map<String, P> known,
      Function<P, String> description) {
    StringBuilder msg = new StringBuilder("no ").append(kind).append(" provider for scheme '")
        .append(location.scheme()).append("' in ").append(kind.equals("blob") ? "blob" : "store")
        .append(" URI '").append(location.redacted()).append("'. Schemes available on the classpath: ");
    if (known.isEmpty()) {
      msg.append("none");
    }
    String sep = "";
    for (Map.Entry<String, P> e : known.entrySet()) {
      msg.append(sep).append(e.getKey()).append(": (").append(describe(e.getValue(), description)).append(')');
      sep = ", ";
    }
    msg.append(". Add the jar of the backend that serves '").append(location.scheme())
        .append("' to the classpath (mlops-storage-jdbc serves postgresql and sqlite, mlops-storage-s3 serves"
            + " s3), or use one of these schemes.");
    if (!failures.isEmpty()) {
      msg.append(" Providers that failed to load: ").append(String.join("; ", failures));
    }
    return new ConfigurationException(msg.toString());
  }
}
