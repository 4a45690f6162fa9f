package dev.mlops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  /** The examples' working directories in the system's temporary directory. */
  private static Set<Path> workingDirectories() throws IOException {
    // where Files.createTempDirectory puts them, which is not always java.io.tmpdir's current value
    Path probe = Files.createTempDirectory("end-to-end-probe");
    Path tmp = probe.getParent();
    Files.delete(probe);
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("mlops-artifacts-example")
              || p.getFileName().toString().startsWith("fingerprint-example"))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void runsEveryStepAndVersionsDataOnce() throws IOException {
    Set<Path> before = workingDirectories();
    String first = runOnce();
    assertThat(workingDirectories()).as("working directories left behind").isSubsetOf(before);
    assertThat(first).contains("== 1. Validate", "== 2. Version", "== 3. Train", "== 4. Fingerprint",
        "== 5. Data drift", "== 6. Metric drift", "== 7. Model testing", "== 8. Serve", "POST /predict -> 422",
        "== 9. HTML reports", "done; the store is at");
    for (String report : new String[] {"validation.html", "drift.html", "leaderboard.html"}) {
      assertThat(dir.resolve("mlops-reports").resolve(report)).isRegularFile()
          .content(StandardCharsets.UTF_8).contains("<!doctype html>", "mlops-data");
      assertThat(first).contains(dir.resolve("mlops-reports").toString());
    }
    assertThat(first).contains("(new version)").contains("DRIFT").contains("negative-learning-rate ended FAILED");
    assertThat(first).as("every section says what it shows").containsPattern("== 1\\. [^\\n]+\\nA validation suite")
        .containsPattern("== 8\\. [^\\n]+\\nThe champion model answers");
    assertThat(first).as("a person reads values, not records' toString() or quoted nulls")
        .doesNotContain("Violation[", "RowViolation[", "ValueCount[", "Table[", "'null'", "=null")
        .contains("unexpected: null (10)", "row 8: WARNING isComplete(Sex) (null in [Sex])",
            "weather values (most frequent first): rain 641, sun 640");

    String second = runOnce();
    assertThat(second).contains("(unchanged)");
    try (MlopsStore store = MlopsStore.open("file:" + dir.resolve("store"))) {
      ArtifactVersion penguins = store.artifacts().get("penguins@champion");
      assertThat(penguins.version()).isEqualTo(1);
      assertThat(store.artifacts().versions("penguins")).hasSize(1);
    }
  }
}
