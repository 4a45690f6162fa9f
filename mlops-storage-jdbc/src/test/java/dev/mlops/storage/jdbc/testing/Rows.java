package dev.mlops.storage.jdbc.testing;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.Storage;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Changes rows behind a database store's back, to prove that reads notice. */
public final class Rows {
  private Rows() {}

  /**
   * Replaces the chunks of a stored blob by one chunk holding other bytes, leaving its size as it was.
   *
   * @param storage a database storage
   * @param digest the blob
   * @param bytes the bytes to put in its place
   * @return true
   */
  public static boolean corruptBlob(Storage storage, Digest digest, byte[] bytes) {
    try (Connection c = ((JdbcStorage) storage).dataSource().getConnection()) {
      long contentId;
      try (PreparedStatement ps = c.prepareStatement("SELECT content_id FROM mlops_blobs WHERE digest = ?")) {
        ps.setString(1, digest.toString());
        try (var rs = ps.executeQuery()) {
          rs.next();
          contentId = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_blob_chunks WHERE content_id = ?")) {
        ps.setLong(1, contentId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO mlops_blob_chunks (content_id, chunk_index, data) VALUES (?, 0, ?)")) {
        ps.setLong(1, contentId);
        ps.setBytes(2, bytes);
        ps.executeUpdate();
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
