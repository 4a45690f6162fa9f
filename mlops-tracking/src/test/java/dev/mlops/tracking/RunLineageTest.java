package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.tracking.leaderboard.Direction;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs name the artifact versions they read and wrote, and carry the fingerprint of their setup. */
class RunLineageTest {
  @TempDir
  Path dir;

  @Test
  void inputsOutputsAndFingerprintAreRecordedComparedAndRanked() {
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
      ArtifactVersion data = store.artifacts().publish("penguins",
          new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), ArtifactSpec.defaults());
      Fingerprint fast = Fingerprint.builder().code("1.0").data("train", data.digest()).config(Map.of("lr", 0.1))
          .seed(1).build();
      Fingerprint slow = fast.toBuilder().config(Map.of("lr", 0.01)).build();

      Run a = tracker.newRun("exp").input("train", data).fingerprint(fast).start();
      a.logMetric("acc", 0.9);
      ArtifactVersion model = store.artifacts().publish("model",
          new ByteArrayInputStream("w".getBytes(StandardCharsets.UTF_8)),
          ArtifactSpec.builder().parent(data).runId(a.id()).producedBy(fast.id()).build());
      a.logOutput("model", model);
      a.finish();
      Run b = tracker.newRun("exp").input("train", data).fingerprint(slow).start();
      b.logMetric("acc", 0.8);
      b.finish();

      RunSnapshot ra = tracker.getRun(a.id());
      assertThat(ra.inputs()).containsExactly(Map.entry("train", "penguins@1"));
      assertThat(ra.outputs()).containsExactly(Map.entry("model", "model@1"));
      assertThat(ra.tags()).containsEntry("mlops.input.train.digest", data.digest().toString());
      assertThat(ra.fingerprintId()).contains(fast.id());
      assertThat(tracker.fingerprint(a.id())).contains(fast);
      RunComparison c = tracker.compare(a.id(), b.id());
      assertThat(c.fingerprint()).hasValueSatisfying(d -> assertThat(d.sameId()).isFalse());
      assertThat(tracker.searchRuns("exp", "tags.`mlops.input.train` = 'penguins@1'")).hasSize(2);
      assertThat(tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).sameTagAs(Run.FINGERPRINT_TAG, b.id())
          .build().entries()).singleElement().satisfies(e -> assertThat(e.runId()).isEqualTo(b.id()));
    }
  }
}
