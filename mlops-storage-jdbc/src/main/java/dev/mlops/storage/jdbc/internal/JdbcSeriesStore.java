package dev.mlops.storage.jdbc.internal;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.spi.SeriesPage;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.StorageKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Series in tables {@code mlops_series} (one row per series) and {@code mlops_series_entries} (one row
 * per entry, keyed by series and position).
 *
 * <p>An append is one transaction: an upsert on the series row adds the batch's length to its
 * {@code next_position} and returns the new end, which both reserves the positions and locks the row
 * until commit; then the entries are inserted at those positions. Concurrent appenders to one series
 * therefore queue on its row, positions stay contiguous and batches never interleave; a failed or
 * killed append rolls back its reservation with its entries, so no gap and no partial batch is ever
 * visible. Each entry row carries the end of its batch so a page can end on a batch boundary.
 * Thread-safe.
 */
final class JdbcSeriesStore implements SeriesStore {
  private final Database db;

  JdbcSeriesStore(Database db) {
    this.db = db;
  }

  @Override
  public void append(String key, List<byte[]> entries) {
    StorageKeys.requireValid(key);
    if (entries.isEmpty()) {
      return;
    }
    long bytes = 0;
    List<byte[]> copy = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      bytes += e.length;
      copy.add(e.clone());
    }
    if (bytes > MAX_BATCH_BYTES) {
      throw new InvalidInputException("batch for series '" + key + "' holds " + bytes
          + " bytes, more than the limit of " + MAX_BATCH_BYTES);
    }
    int n = copy.size();
    db.write("appending " + n + " entries to series '" + key + "'", c -> {
      long seriesId;
      long end;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO mlops_series (key, next_position) VALUES (?, ?)"
          + " ON CONFLICT (key) DO UPDATE SET next_position = mlops_series.next_position + excluded.next_position"
          + " RETURNING id, next_position")) {
        ps.setString(1, key);
        ps.setLong(2, n);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          seriesId = rs.getLong(1);
          end = rs.getLong(2);
        }
      }
      long start = end - n;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO mlops_series_entries (series_id, position, batch_end, value) VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < n; i++) {
          ps.setLong(1, seriesId);
          ps.setLong(2, start + i);
          ps.setLong(3, end);
          ps.setBytes(4, copy.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public SeriesPage read(String key, long position, int maxEntries) {
    StorageKeys.requireValid(key);
    if (position < 0) {
      throw new InvalidInputException("series position must be >= 0, got " + position);
    }
    return db.read("reading series '" + key + "' from position " + position, c -> {
      long seriesId;
      long size;
      try (PreparedStatement ps = c.prepareStatement("SELECT id, next_position FROM mlops_series WHERE key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return new SeriesPage(List.of(), position, true);
          }
          seriesId = rs.getLong(1);
          size = rs.getLong(2);
        }
      }
      if (position >= size) {
        return new SeriesPage(List.of(), position, true);
      }
      long last = Math.min(position + Math.max(1, maxEntries), size) - 1;
      long to = batchEnd(c, seriesId, last, key);
      List<byte[]> entries = new ArrayList<>((int) Math.min(to - position, 1 << 16));
      try (PreparedStatement ps = c.prepareStatement("SELECT value FROM mlops_series_entries"
          + " WHERE series_id = ? AND position >= ? AND position < ? ORDER BY position")) {
        ps.setLong(1, seriesId);
        ps.setLong(2, position);
        ps.setLong(3, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(rs.getBytes(1));
          }
        }
      }
      if (entries.size() != to - position) {
        throw new SQLException("series '" + key + "' is missing entries between positions " + position + " and "
            + to + " (found " + entries.size() + ")");
      }
      return new SeriesPage(entries, to, to >= size);
    });
  }

  private static long batchEnd(Connection c, long seriesId, long position, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT batch_end FROM mlops_series_entries WHERE series_id = ? AND position = ?")) {
      ps.setLong(1, seriesId);
      ps.setLong(2, position);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("series '" + key + "' has no entry at position " + position);
        }
        return rs.getLong(1);
      }
    }
  }

  @Override
  public List<String> list(String prefix) {
    StorageKeys.requireValidPrefix(prefix);
    return db.read("listing series under '" + prefix + "'", c -> {
      String sql = prefix.isEmpty()
          ? "SELECT key FROM mlops_series ORDER BY key"
          : "SELECT key FROM mlops_series WHERE key >= ? AND key < ? ORDER BY key";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (!prefix.isEmpty()) {
          ps.setString(1, prefix);
          ps.setString(2, KeyRange.upperBound(prefix));
        }
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      }
    });
  }
}
