package dev.mlops.storage.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to open a database store: the dialect, the pool configuration (holding the
 * password, which only the driver sees), the description shown in logs and errors, the secret to mask
 * and, for PostgreSQL, the schema that holds the tables. Immutable once built; the pool configuration is
 * copied when a pool is made from it.
 *
 * @param dialect the database kind
 * @param pool the connection pool configuration
 * @param description what {@link dev.mlops.core.spi.Storage#describe()} returns (never the password)
 * @param secret the password, masked out of error messages
 * @param schema the schema of the tables, or null for the database's only one (SQLite)
 */
public record ConnectionSettings(Dialect dialect, HikariConfig pool, String description, Secret secret,
    @Nullable String schema) {
  /** Checks the components. */
  public ConnectionSettings {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return description;
  }
}
