package dev.mlops.core.spi;

/**
 * The entry point of a blob-only backend (an object store), found through {@link java.util.ServiceLoader}
 * by the scheme of a blob URI given to {@code MlopsStore.builder().blobs(uri)}.
 *
 * <p>A blob-only backend keeps the large, immutable bytes (model weights, datasets) while another backend
 * keeps records and series; it cannot open a whole store, and {@code MlopsStore.open(uri)} with its scheme
 * fails with a message that shows the builder form. Register it in
 * {@code META-INF/services/dev.mlops.core.spi.BlobStoreProvider}. Providers must have a public no-argument
 * constructor, do no I/O until {@link #open} and be safe for concurrent use. If two providers claim one
 * scheme, the higher {@link #priority()} wins, then the class name that sorts first.
 */
public interface BlobStoreProvider {
  /** @return the URI scheme this provider opens, lower-case, such as {@code s3} */
  String scheme();

  /** @return a one-line description for error messages, such as "S3 blob store (mlops-storage-s3)" */
  default String description() {
    return getClass().getName();
  }

  /** @return the priority among providers of the same scheme; higher wins; 0 by default */
  default int priority() {
    return 0;
  }

  /**
   * Opens the blob store a location names. If the returned store is also {@link AutoCloseable}, the store
   * that uses it closes it.
   *
   * @param location the parsed URI; its scheme is this provider's
   * @return the open blob store, owned by the caller
   * @throws dev.mlops.core.ConfigurationException if the location or its options are wrong
   * @throws dev.mlops.core.StorageException if the backend cannot be reached or opened
   */
  BlobStore open(StorageLocation location);

  /**
   * Describes a location for logs and errors, without credentials or other secrets.
   *
   * @param location the parsed URI
   * @return a short description; by default the scheme and the part before the query string
   */
  default String describe(StorageLocation location) {
    return location.scheme() + ":" + location.path();
  }
}
