package dev.mlops.storage.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.StorageLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Reads a {@code sqlite:/path/to/store.db} (or {@code sqlite:relative.db}, {@code sqlite:///abs.db})
 * store URI into connection settings.
 *
 * <p>The database runs in WAL mode with {@code synchronous=FULL}, so a write that returned survives a
 * crash of the process and of the machine, and readers never wait for writers. Write transactions begin
 * {@code IMMEDIATE}, so two processes never deadlock upgrading a read lock. Options: {@code lockTimeout}
 * (how long a writer waits for another process's write; default 30 s) and {@code poolSize} (default 4).
 * Stateless.
 */
public final class SqliteSettings {
  /** The default of option {@code lockTimeout}. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> KNOWN = Set.of("lockTimeout", "poolSize");

  private SqliteSettings() {}

  /**
   * Parses a location, creating the database file's parent directory if it is missing.
   *
   * @param location a {@code sqlite:} location
   * @return the settings
   * @throws ConfigurationException naming what is wrong in the URI
   * @throws StorageException if the parent directory cannot be created
   */
  public static ConnectionSettings parse(StorageLocation location) {
    String path = location.path();
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      String authority = slash < 0 ? path.substring(2) : path.substring(2, slash);
      if (!authority.isEmpty() && !authority.equals("localhost")) {
        throw new ConfigurationException("SQLite store URI '" + location + "' names host '" + authority
            + "'; a SQLite store is a local file (sqlite:/path/to/store.db)");
      }
      path = slash < 0 ? "" : path.substring(slash);
    }
    if (path.isEmpty()) {
      throw new ConfigurationException("SQLite store URI '" + location + "' has no path; write sqlite:/path/to/store.db");
    }
    for (String option : location.options().keySet()) {
      if (!KNOWN.contains(option)) {
        throw new ConfigurationException("unknown option '" + option + "' in SQLite store URI '" + location
            + "'; the SQLite store knows: lockTimeout, poolSize");
      }
    }
    Path file;
    try {
      file = Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigurationException("SQLite store URI '" + location + "' has an invalid path: " + e.getMessage(), e);
    }
    if (Files.isDirectory(file)) {
      throw new ConfigurationException("SQLite store URI '" + location + "' names directory " + file
          + "; name the database file instead, for example " + file.resolve("store.db"));
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new StorageException("cannot create the directory of SQLite store " + file + ": " + e, e);
    }
    Duration lockTimeout = location.durationOption("lockTimeout", DEFAULT_LOCK_TIMEOUT);
    String poolSizeText = location.option("poolSize").orElse("4");
    int poolSize;
    try {
      poolSize = Integer.parseInt(poolSizeText);
    } catch (NumberFormatException e) {
      poolSize = 0;
    }
    if (poolSize < 1 || poolSize > 64) {
      throw new ConfigurationException("option 'poolSize' of SQLite store URI '" + location
          + "' must be a whole number from 1 to 64, got '" + poolSizeText + "'");
    }

    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl("jdbc:sqlite:" + file);
    pool.setPoolName("mlops-sqlite");
    pool.setMaximumPoolSize(poolSize);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(Math.max(250, lockTimeout.toMillis()));
    pool.setInitializationFailTimeout(1);
    pool.setAutoCommit(true);
    pool.addDataSourceProperty("journal_mode", "WAL");
    pool.addDataSourceProperty("synchronous", "FULL");
    pool.addDataSourceProperty("busy_timeout", String.valueOf(Math.min(Integer.MAX_VALUE, lockTimeout.toMillis())));
    pool.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    return new ConnectionSettings(Dialect.SQLITE, pool, "sqlite:" + file, Secret.none(), null);
  }
}
