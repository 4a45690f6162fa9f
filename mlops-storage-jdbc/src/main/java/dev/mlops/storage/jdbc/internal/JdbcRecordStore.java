package dev.mlops.storage.jdbc.internal;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StorageKeys;
import dev.mlops.core.spi.StoredRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records in table {@code mlops_records}. Every write is one statement, so the database's row lock makes
 * it linearizable across threads and processes with no read-modify-write: create is
 * {@code INSERT ... ON CONFLICT DO NOTHING}, compare-and-set is {@code UPDATE ... WHERE key = ? AND
 * version = ?}, delete is {@code DELETE ... WHERE key = ? AND version = ?}. Thread-safe.
 */
final class JdbcRecordStore implements RecordStore {
  private final Database db;

  JdbcRecordStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<StoredRecord> get(String key) {
    StorageKeys.requireValid(key);
    return db.read("reading record '" + key + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT version, value FROM mlops_records WHERE key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new StoredRecord(key, rs.getLong(1), rs.getBytes(2))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value) {
    StorageKeys.requireValid(key);
    if (expectedVersion < 0) {
      throw new InvalidInputException("expected version of record '" + key + "' must be >= 0, got " + expectedVersion);
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw new InvalidInputException("value of record '" + key + "' holds " + value.length
          + " bytes, more than the limit of " + MAX_VALUE_BYTES);
    }
    byte[] copy = value.clone();
    if (expectedVersion == 0) {
      return db.read("creating record '" + key + "'", c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO mlops_records (key, version, value) VALUES (?, 1, ?) ON CONFLICT (key) DO NOTHING")) {
          ps.setString(1, key);
          ps.setBytes(2, copy);
          return ps.executeUpdate() == 1;
        }
      });
    }
    return db.read("updating record '" + key + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE mlops_records SET version = version + 1, value = ? WHERE key = ? AND version = ?")) {
        ps.setBytes(1, copy);
        ps.setString(2, key);
        ps.setLong(3, expectedVersion);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean delete(String key, long expectedVersion) {
    StorageKeys.requireValid(key);
    return db.read("deleting record '" + key + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_records WHERE key = ? AND version = ?")) {
        ps.setString(1, key);
        ps.setLong(2, expectedVersion);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<StoredRecord> list(String prefix) {
    return select("listing records under '" + prefix + "'", "key, version, value", prefix,
        rs -> new StoredRecord(rs.getString(1), rs.getLong(2), rs.getBytes(3)));
  }

  /**
   * Reads only the key column: a caller that lists keys and then reads each record (as the run catalog
   * does) would otherwise have every value sent twice.
   */
  @Override
  public List<String> listKeys(String prefix) {
    return select("listing record keys under '" + prefix + "'", "key", prefix, rs -> rs.getString(1));
  }

  /** One row of a listing turned into a value. */
  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> select(String what, String columns, String prefix, Row<T> row) {
    StorageKeys.requireValidPrefix(prefix);
    return db.read(what, c -> {
      String sql = prefix.isEmpty()
          ? "SELECT " + columns + " FROM mlops_records ORDER BY key"
          : "SELECT " + columns + " FROM mlops_records WHERE key >= ? AND key < ? ORDER BY key";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (!prefix.isEmpty()) {
          ps.setString(1, prefix);
          ps.setString(2, KeyRange.upperBound(prefix));
        }
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row.read(rs));
          }
        }
        return out;
      }
    });
  }
}
