package dev.mlops.storage.jdbc.internal;

import dev.mlops.core.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/**
 * Runs units of work on pooled connections and turns every {@link SQLException} into a
 * {@link StorageException} that names the operation and the store, never the password.
 *
 * <p>A read runs in auto-commit mode; a write runs in one transaction that commits only if the work
 * returns normally and rolls back otherwise, so a failed write leaves nothing behind. Thread-safe.
 */
public final class Database {
  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Runs the work.
     *
     * @param connection a connection owned by the work until it returns
     * @return the result
     * @throws SQLException if a statement fails
     */
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final String description;
  private final Secret secret;

  /**
   * Wraps a data source.
   *
   * @param dataSource the pool
   * @param description the store as {@link dev.mlops.core.spi.Storage#describe()} shows it
   * @param secret the password, masked out of every error message
   */
  public Database(DataSource dataSource, String description, Secret secret) {
    this.dataSource = dataSource;
    this.description = description;
    this.secret = secret;
  }

  /** @return the store's description */
  public String description() {
    return description;
  }

  /**
   * Runs read-only work in auto-commit mode.
   *
   * @param what the operation, for the error message ("reading record 'a/b'")
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws StorageException if the connection or a statement fails
   */
  public <T> T read(String what, Work<T> work) {
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs work in one transaction, committed if the work returns and rolled back if it throws.
   *
   * @param what the operation, for the error message
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws StorageException if the connection, a statement or the commit fails; nothing was written
   */
  public <T> T write(String what, Work<T> work) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        restoreAutoCommit(c);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      if (!c.isClosed()) {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // the pool discards a connection it cannot reset
    }
  }

  /**
   * Makes the exception a failed statement becomes: the operation, the store and the driver's message
   * with the password masked.
   *
   * @param what the operation
   * @param e the driver's exception
   * @return the exception to throw
   */
  public StorageException failure(String what, SQLException e) {
    return failure(what, description, secret, e);
  }

  /**
   * Makes the exception a failed statement becomes, before a {@link Database} exists (while connecting).
   *
   * @param what the operation
   * @param description the store
   * @param secret the password to mask
   * @param e the driver's exception
   * @return the exception to throw
   */
  static StorageException failure(String what, String description, Secret secret, SQLException e) {
    String reason = e instanceof SQLTransientConnectionException
        ? "no database connection became available in time (the server may be down or unreachable): "
        : "";
    String state = e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
    String message = what + " in " + description + " failed: " + reason
        + secret.mask(String.valueOf(e.getMessage())) + state;
    if (secret.appearsIn(e)) {
      // a driver message that carries the password stays out of the chain, where nothing could mask it
      StorageException failure = new StorageException(message);
      failure.setStackTrace(e.getStackTrace());
      return failure;
    }
    return new StorageException(message, e);
  }
}
