package dev.mlops.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.testservers.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL schema is created at its latest version on first open, and a database left at version 1
 * by an older library is migrated on open with its data kept: series entries then compress with lz4.
 */
class PostgresSchemaMigrationTest {
  private static List<String> versions(JdbcStorage storage) throws SQLException {
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM mlops_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private static String entryCompression(JdbcStorage storage) throws SQLException {
    try (Connection c = storage.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT attcompression FROM pg_attribute WHERE attrelid = 'mlops_series_entries'::regclass AND attname = ?")) {
      ps.setString(1, "value");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  private static void execute(JdbcStorage storage, String sql) throws SQLException {
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void aFreshDatabaseIsAtTheLatestVersionAndAVersionOneDatabaseIsMigratedWithItsData() throws Exception {
    String uri = PostgresServer.shared().uri(PostgresServer.freshSchema(), "");
    try (MlopsStore store = MlopsStore.open(uri)) {
      JdbcStorage storage = (JdbcStorage) store.storage();
      assertThat(versions(storage)).containsExactly("1", "2");
      assertThat(entryCompression(storage)).as("lz4").isEqualTo("l");
      store.storage().series().append("kept", List.of("before".getBytes(StandardCharsets.UTF_8)));
      // what an older library left: version 1 only, entries compressed with the default
      execute(storage, "DELETE FROM mlops_schema_history WHERE version = '2'");
      execute(storage, "ALTER TABLE mlops_series_entries ALTER COLUMN value SET COMPRESSION pglz");
      assertThat(entryCompression(storage)).isEqualTo("p");
    }
    try (MlopsStore store = MlopsStore.open(uri)) {
      JdbcStorage storage = (JdbcStorage) store.storage();
      assertThat(versions(storage)).containsExactly("1", "2");
      assertThat(entryCompression(storage)).isEqualTo("l");
      store.storage().series().append("kept", List.of("after".getBytes(StandardCharsets.UTF_8)));
      List<String> entries = new ArrayList<>();
      for (byte[] e : store.storage().series().readAll("kept")) {
        entries.add(new String(e, StandardCharsets.UTF_8));
      }
      assertThat(entries).containsExactly("before", "after");
    }
  }
}
