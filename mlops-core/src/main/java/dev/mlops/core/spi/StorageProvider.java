package dev.mlops.core.spi;

/**
 * The entry point of a storage backend, found through {@link java.util.ServiceLoader} by the scheme of a
 * store URI.
 *
 * <p>A backend registers its provider in {@code META-INF/services/dev.mlops.core.spi.StorageProvider}.
 * Providers must have a public no-argument constructor, do no I/O until {@link #open} and be safe for
 * concurrent use. If two providers claim one scheme, the one with the higher {@link #priority()} wins,
 * then the one whose class name sorts first; the choice is logged.
 */
public interface StorageProvider {
  /** @return the URI scheme this provider opens, lower-case, such as {@code file} or {@code mem} */
  String scheme();

  /** @return a one-line description for error messages, such as "embedded file store (mlops-core)" */
  default String description() {
    return getClass().getName();
  }

  /** @return the priority among providers of the same scheme; higher wins; 0 by default */
  default int priority() {
    return 0;
  }

  /**
   * Opens the storage a location names.
   *
   * @param location the parsed URI; its scheme is this provider's
   * @return the open storage, owned by the caller
   * @throws dev.mlops.core.ConfigurationException if the location or its options are wrong
   * @throws dev.mlops.core.StorageException if the backend cannot be reached or opened
   */
  Storage open(StorageLocation location);
}
