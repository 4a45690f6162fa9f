package dev.mlops.storage.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.Storage;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A store whose records, series and blobs all live in one database, reached through a HikariCP pool.
 *
 * <p>Opening creates or migrates the schema ({@link SchemaMigrations}). The pool starts HikariCP's own
 * housekeeping thread, which {@link #close()} stops. When the server goes away, each operation fails
 * with a {@link StorageException} after at most the pool's connection timeout; once the server is back,
 * the pool replaces its broken connections and operations succeed again. Thread-safe.
 */
public final class JdbcStorage implements Storage {
  private final HikariDataSource pool;
  private final Database db;
  private final JdbcRecordStore records;
  private final JdbcSeriesStore series;
  private final JdbcBlobStore blobs;
  private final ConnectionSettings settings;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdbcStorage(ConnectionSettings settings, HikariDataSource pool, Database db, Clock clock) {
    this.settings = settings;
    this.pool = pool;
    this.db = db;
    this.records = new JdbcRecordStore(db);
    this.series = new JdbcSeriesStore(db);
    this.blobs = new JdbcBlobStore(db, clock);
  }

  /**
   * Opens a database store, creating or migrating its schema.
   *
   * @param settings how to reach the database
   * @param clock stamps blob write times
   * @return the open storage
   * @throws StorageException if the database cannot be reached or its schema cannot be created
   * @throws dev.mlops.core.ConfigurationException if the database holds a newer schema than this library knows
   */
  public static JdbcStorage open(ConnectionSettings settings, Clock clock) {
    HikariDataSource pool;
    try {
      HikariConfig config = new HikariConfig();
      settings.pool().copyStateTo(config);
      pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      SQLException cause = e.getCause() instanceof SQLException
          ? (SQLException) e.getCause() : new SQLException(String.valueOf(e.getMessage()), e.getCause());
      throw Database.failure("connecting", settings.description(), settings.secret(), cause);
    } catch (RuntimeException e) {
      throw new StorageException("connecting to " + settings.description() + " failed: "
          + settings.secret().mask(String.valueOf(e.getMessage())));
    }
    Database db = new Database(pool, settings.description(), settings.secret());
    try {
      SchemaMigrations.migrate(pool, settings, db);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new JdbcStorage(settings, pool, db, clock);
  }

  /** @return the settings this storage was opened with, to open the same database again */
  public ConnectionSettings settings() {
    return settings;
  }

  /** @return the pool, for tests that inspect or damage rows behind the store's back */
  public DataSource dataSource() {
    return pool;
  }

  @Override
  public BlobStore blobs() {
    return blobs;
  }

  @Override
  public RecordStore records() {
    return records;
  }

  @Override
  public SeriesStore series() {
    return series;
  }

  @Override
  public String describe() {
    return db.description();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pool.close();
    }
  }

  @Override
  public String toString() {
    return db.description();
  }
}
