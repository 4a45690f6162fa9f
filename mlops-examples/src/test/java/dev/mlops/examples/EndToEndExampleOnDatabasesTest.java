package dev.mlops.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.MlopsStore;
import dev.mlops.testservers.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job runs unchanged on the database backends, chosen by URI as a user would choose them with
 * {@code -Dmlops.store=...}: a SQLite file and a real PostgreSQL server.
 */
class EndToEndExampleOnDatabasesTest {
  @TempDir Path dir;

  private static String run(String uri) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MlopsStore store = MlopsStore.open(uri);
         PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      EndToEndExample.run(store, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void assertPipelineRan(String uri, String output) {
    assertThat(output).contains("== 1. Validate", "== 2. Version", "== 3. Train", "== 6. Metric drift", "done; the store is at")
        .contains("(new version)").contains("negative-learning-rate ended FAILED");
    try (MlopsStore store = MlopsStore.open(uri)) {
      assertThat(store.artifacts().get("penguins@champion").version()).isEqualTo(1);
      assertThat(store.artifacts().versions("penguins")).hasSize(1);
    }
  }

  @Test
  void runsOnASqliteFile() {
    String uri = EndToEndExample.storeUri(new String[0], "sqlite:" + dir.resolve("mlops.db"), null);
    assertPipelineRan(uri, run(uri));
  }

  @Test
  void runsOnPostgresql() {
    String uri = EndToEndExample.storeUri(
        new String[] {"--store", PostgresServer.shared().uri(PostgresServer.freshSchema(), "")}, null, null);
    String output = run(uri);
    assertPipelineRan(uri, output);
    assertThat(output).as("the store is named without its password").doesNotContain(PostgresServer.PASSWORD)
        .contains("postgresql://127.0.0.1:");
  }

  @Test
  void theStoreIsChosenByArgumentThenPropertyThenEnvironment() {
    assertThat(EndToEndExample.storeUri(new String[] {"--store", "mem:"}, "file:p", "file:e")).isEqualTo("mem:");
    assertThat(EndToEndExample.storeUri(new String[0], "file:p", "file:e")).isEqualTo("file:p");
    assertThat(EndToEndExample.storeUri(new String[0], null, "file:e")).isEqualTo("file:e");
    assertThat(EndToEndExample.storeUri(new String[0], " ", null)).isEqualTo(MlopsStore.DEFAULT_URI);
    assertThatThrownBy(() -> EndToEndExample.storeUri(new String[] {"--stor"}, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--store <uri>");
  }
}
