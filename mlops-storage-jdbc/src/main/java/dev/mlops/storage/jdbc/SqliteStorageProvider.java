package dev.mlops.storage.jdbc;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StorageProvider;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.storage.jdbc.internal.SqliteSettings;
import java.time.Clock;

/**
 * Opens {@code sqlite:/path/to/store.db} store URIs: records, series and blobs in one SQLite file on one
 * machine, safe for many threads and processes at once (WAL mode; writers wait for each other up to
 * option {@code lockTimeout}, default {@code PT30S}, then fail with a
 * {@link dev.mlops.core.StorageException}). Option {@code poolSize} sets the connections (default 4).
 * Keep the file on a local disk: SQLite's locks do not work on network file systems.
 *
 * <p>Found through {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class SqliteStorageProvider implements StorageProvider {
  /** Creates the provider; it does nothing until {@link #open}. */
  public SqliteStorageProvider() {}

  @Override
  public String scheme() {
    return "sqlite";
  }

  @Override
  public String description() {
    return "SQLite single-file store (mlops-storage-jdbc)";
  }

  /**
   * Opens or creates the database file and creates or migrates its schema.
   *
   * @param location a {@code sqlite:} URI
   * @return the open storage; the caller closes it
   * @throws dev.mlops.core.ConfigurationException if the URI is malformed or the file holds a newer schema
   * @throws dev.mlops.core.StorageException if the file cannot be opened or its schema cannot be created
   */
  @Override
  public Storage open(StorageLocation location) {
    return JdbcStorage.open(SqliteSettings.parse(location), Clock.systemUTC());
  }
}
