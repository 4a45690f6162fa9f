package dev.mlops.storage.jdbc;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StorageProvider;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.storage.jdbc.internal.PostgresSettings;
import java.time.Clock;

/**
 * Opens {@code postgresql://host:port/database?user=...&password=...&schema=...} store URIs: records,
 * series and blobs in one PostgreSQL database, shared by every process and machine that opens it.
 *
 * <p>Options: {@code user} (else {@code PGUSER}, else the operating-system user); {@code password} (else
 * {@code PGPASSWORD}, else {@code PGPASSFILE} or {@code ~/.pgpass}); {@code schema} (default
 * {@code public}; created if missing); {@code poolSize} (connections, default 8); {@code timeout} (how long
 * an operation waits for a connection while the server is unreachable before it fails with a
 * {@link dev.mlops.core.StorageException}; default {@code PT10S}). Any other option is a PostgreSQL JDBC
 * driver property passed through unchanged, such as {@code sslmode=verify-full&sslrootcert=/path/ca.pem}.
 * The password never appears in {@link Storage#describe()}, in exception messages or in logs.
 *
 * <p>The schema is created on first open and migrated by later versions (Flyway, history in table
 * {@code mlops_schema_history}); a database written by a newer version is refused. Found through
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class PostgresStorageProvider implements StorageProvider {
  /** Creates the provider; it does nothing until {@link #open}. */
  public PostgresStorageProvider() {}

  @Override
  public String scheme() {
    return "postgresql";
  }

  @Override
  public String description() {
    return "PostgreSQL store (mlops-storage-jdbc)";
  }

  /**
   * Connects to the database and creates or migrates its schema.
   *
   * @param location a {@code postgresql:} URI
   * @return the open storage; the caller closes it
   * @throws dev.mlops.core.ConfigurationException if the URI is malformed, names an unknown option, or the
   *     database holds a newer schema
   * @throws dev.mlops.core.StorageException if the server cannot be reached or the schema cannot be created
   */
  @Override
  public Storage open(StorageLocation location) {
    return JdbcStorage.open(PostgresSettings.parse(location), Clock.systemUTC());
  }
}
