package dev.mlops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job runs end to end on a file store, twice, and leaves what it promises in the store. */
class EndToEndExampleTest {
  @TempDir Path dir;

  private String runOnce() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MlopsStore store = MlopsStore.open("file:" + dir.resolve("store"));
         PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      EndToEndExample.run(store, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsEveryStepAndVersionsDataOnce() {
    String first = runOnce();
    assertThat(first).contains("== 1. Validate", "== 2. Version", "== 3. Train", "== 4. Fingerprint",
        "== 5. Data drift", "== 6. Metric drift", "done; the store is at");
    assertThat(first).contains("(new version)").contains("DRIFT").contains("negative-learning-rate ended FAILED");

    String second = runOnce();
    assertThat(second).contains("(unchanged)");
    try (MlopsStore store = MlopsStore.open("file:" + dir.resolve("store"))) {
      ArtifactVersion penguins = store.artifacts().get("penguins@champion");
      assertThat(penguins.version()).isEqualTo(1);
      assertThat(store.artifacts().versions("penguins")).hasSize(1);
    }
  }
}
