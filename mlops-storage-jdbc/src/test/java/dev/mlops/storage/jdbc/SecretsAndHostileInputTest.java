package dev.mlops.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageKeys;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.storage.jdbc.internal.PostgresSettings;
import dev.mlops.testservers.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQL metacharacters in names and values are stored verbatim (every statement is prepared), and the
 * password never shows: not in describe(), toString(), exception messages (with their causes) or logs.
 */
class SecretsAndHostileInputTest {
  private static final String HOSTILE = "it's \"x\" \\ back\\\\slash -- comment ; DROP TABLE mlops_records; --\n"
      + "é漢字 \uD83D\uDE00 ' OR '1'='1";

  @TempDir Path dir;

  private String uri(String backend) {
    return backend.equals("sqlite") ? "sqlite:" + dir.resolve("store.db")
        : PostgresServer.shared().uri(PostgresServer.freshSchema(), "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "sqlite"})
  void sqlMetacharactersAreStoredVerbatim(String backend) {
    String uri = uri(backend);
    String name = StorageKeys.escapeSegment(HOSTILE);
    List<String> keys = List.of("names/" + name, "a%27b/x=1+2@h~", "a_b", "a%b", "aXb", "a%5F");
    byte[] value = HOSTILE.getBytes(StandardCharsets.UTF_8);
    try (MlopsStore store = MlopsStore.open(uri)) {
      for (String key : keys) {
        assertThat(store.storage().records().create(key, value)).isTrue();
        store.storage().series().append(key, List.of(value, value));
      }
      for (String key : keys) {
        assertThat(store.storage().records().get(key).orElseThrow().value()).isEqualTo(value);
        assertThat(store.storage().series().readAll(key)).hasSize(2).allSatisfy(e -> assertThat(e).isEqualTo(value));
      }
      assertThat(StorageKeys.unescapeSegment(store.storage().records().list("names/").get(0).key().substring(6)))
          .isEqualTo(HOSTILE);
      assertThat(store.storage().records().list("a_")).extracting(StoredRecord::key).containsExactly("a_b");
      assertThat(store.storage().records().list("a%")).extracting(StoredRecord::key).containsExactly("a%27b/x=1+2@h~",
          "a%5F", "a%b");
      assertThat(store.storage().series().list("a_")).containsExactly("a_b");
      assertThat(store.storage().records().list("")).hasSize(keys.size());
    }
  }

  @Test
  void thePasswordNeverShows() throws Exception {
    PostgresServer server = PostgresServer.shared();
    String password = PostgresServer.PASSWORD;
    String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
    String uri = server.uri(PostgresServer.freshSchema(), "");
    List<String> texts = new ArrayList<>();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      try (MlopsStore store = MlopsStore.open(uri)) {
        texts.add(store.describe());
        texts.add(store.toString());
        texts.add(store.storage().describe());
        texts.add(store.storage().toString());
        texts.add(StorageLocation.parse(uri).toString());
        texts.add(((JdbcStorage) store.storage()).settings().toString());
      }
      String wrong = uri.replace(encoded, URLEncoder.encode("Wr0ng'" + password, StandardCharsets.UTF_8));
      collect(texts, catchThrowable(() -> MlopsStore.open(wrong)));
      collect(texts, catchThrowable(() -> MlopsStore.open(uri + "&sslmod=require")));
      collect(texts, catchThrowable(() -> MlopsStore.open(uri + "&timeout=soon")));
      collect(texts, catchThrowable(() -> MlopsStore.open(uri + "&schema=Bad-Schema")));
      collect(texts, catchThrowable(() -> MlopsStore.open(uri.replace("postgresql:", "postgres-typo:"))));
      collect(texts, catchThrowable(() -> MlopsStore.open(uri.replace("127.0.0.1:" + server.port(),
          "127.0.0.1:1") + "&timeout=PT1S")));
      collect(texts, catchThrowable(() -> MlopsStore.open(uri + "&sslmode=require")));
    } finally {
      System.setErr(originalErr);
    }
    String log = logs.toString(StandardCharsets.UTF_8);
    assertThat(log).as("the logs were captured").contains("mlops-postgresql");
    texts.add(log);
    assertThat(texts).hasSizeGreaterThan(10);
    for (String text : texts) {
      assertThat(text).doesNotContain(password).doesNotContain(encoded).doesNotContain("Wr0ng");
    }
  }

  private static void collect(List<String> texts, Throwable thrown) {
    assertThat(thrown).isInstanceOfAny(StorageException.class, ConfigurationException.class);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
      for (Throwable s : t.getSuppressed()) {
        texts.add(String.valueOf(s.getMessage()));
      }
    }
  }

  @Test
  void thePasswordMayComeFromPgpasswordOrAPgpassFile() throws Exception {
    PostgresServer server = PostgresServer.shared();
    String schema = PostgresServer.freshSchema();
    String noPassword = "postgresql://127.0.0.1:" + server.port() + "/postgres?user=" + PostgresServer.USER
        + "&schema=" + schema;
    StorageLocation location = StorageLocation.parse(noPassword);
    try (Storage s = JdbcStorage.open(PostgresSettings.parse(location,
        Map.of("PGPASSWORD", PostgresServer.PASSWORD), dir), Clock.systemUTC())) {
      s.records().create("from/env", new byte[0]);
    }
    Path pgpass = dir.resolve(".pgpass");
    String escaped = PostgresServer.PASSWORD.replace("\\", "\\\\").replace(":", "\\:");
    Files.writeString(pgpass, "# comment\nother:5432:*:*:nope\n127.0.0.1:" + server.port() + ":postgres:"
        + PostgresServer.USER + ":" + escaped + "\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    try (Storage s = JdbcStorage.open(PostgresSettings.parse(location, Map.of(), dir), Clock.systemUTC())) {
      assertThat(s.records().get("from/env")).isPresent();
    }
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> JdbcStorage.open(PostgresSettings.parse(location, Map.of(), dir), Clock.systemUTC()))
        .as("libpq ignores a password file others can read, and so do we").isInstanceOf(StorageException.class)
        .hasMessageContaining("password");
  }

  @Test
  void aDatabaseWithANewerSchemaIsRefusedAndLeftAlone() throws Exception {
    String uri = "sqlite:" + dir.resolve("future.db");
    try (MlopsStore store = MlopsStore.open(uri)) {
      store.storage().records().create("kept", new byte[] {1});
      try (Connection c = ((JdbcStorage) store.storage()).dataSource().getConnection();
          PreparedStatement ps = c.prepareStatement("INSERT INTO mlops_schema_history (installed_rank, version,"
              + " description, type, script, installed_by, execution_time, success)"
              + " VALUES (99, '2', 'from the future', 'SQL', 'V2__future.sql', 'test', 0, 1)")) {
        ps.executeUpdate();
      }
    }
    assertThatThrownBy(() -> MlopsStore.open(uri)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("version 2").hasMessageContaining("upgrade mlops-storage-jdbc")
        .hasMessageContaining(dir.resolve("future.db").toString());
  }
}
