package dev.mlops.validation.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.AliasMove;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion moves the alias only on a pass, records the verdict, and the trail survives a reopen. */
class PromotionTest {
  @TempDir Path dir;

  private static Table table() {
    SplittableRandom r = new SplittableRandom(9);
    Table.Builder b = Table.builder().column("y", ColumnType.BOOLEAN).column("good", ColumnType.DOUBLE)
        .column("bad", ColumnType.DOUBLE);
    for (int i = 0; i < 500; i++) {
      boolean y = r.nextBoolean();
      b.row(y, 1 / (1 + Math.exp(-((y ? 2 : -2) + r.nextGaussian()))), r.nextDouble());
    }
    return b.build();
  }

  private static ArtifactVersion model(Artifacts artifacts, String content) {
    return artifacts.publish("clf", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
        ArtifactSpec.builder().build());
  }

  @Test
  void movesTheAliasOnlyWhenTheGatePassedAndRecordsTheVerdict() throws IOException {
    ModelGate gate = ModelGate.builder("g").atLeast(Metric.ROC_AUC, 0.8).notWorseThanChampion(Metric.ROC_AUC, 0.0).build();
    Table t = table();
    try (MlopsStore store = MlopsStore.open("file:" + dir.resolve("store"))) {
      Artifacts artifacts = store.artifacts();
      ArtifactVersion good = model(artifacts, "good");
      ArtifactVersion bad = model(artifacts, "bad");
      GateResult pass = gate.evaluate(t, Predictions.binary("y", "good"), null);
      Promotion first = Promotion.promote(artifacts, good, "champion", pass, "first model");
      assertThat(first.promoted()).isTrue();
      assertThat(first.previous()).isEmpty();
      assertThat(artifacts.get("clf@champion").version()).isEqualTo(good.version());

      GateResult fail = gate.evaluate(t, Predictions.binary("y", "bad"), Predictions.binary("y", "good"));
      assertThat(fail.passed()).isFalse();
      Promotion refused = Promotion.promote(artifacts, bad, "champion", fail, "try the coin flip");
      assertThat(refused.promoted()).isFalse();
      assertThat(refused.explanation()).contains("roc_auc >= 0.8");
      assertThat(refused.previous()).hasValue(good.version());
      assertThat(artifacts.get("clf@champion").version()).isEqualTo(good.version());

      ArtifactVersion record = refused.gateRecord();
      assertThat(record.name()).isEqualTo("clf" + Promotion.RESULTS_SUFFIX);
      assertThat(record.spec().properties()).containsEntry("status", "FAILED")
          .containsEntry("gateResultDigest", fail.digest().toString()).containsEntry("candidate", bad.id().toString());
      assertThat(artifacts.parents(record)).containsExactly(bad);
      try (InputStream in = artifacts.open(record)) {
        GateResult stored = GateResult.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(stored.digest()).isEqualTo(fail.digest());
      }
    }
    try (MlopsStore reopened = MlopsStore.open("file:" + dir.resolve("store"))) {
      List<AliasMove> history = reopened.artifacts().aliasHistory("clf", "champion");
      assertThat(history).hasSize(1);
      String digest = GateResult.fromJson(gateResultJson(reopened)).digest().toString();
      assertThat(history.get(0).reason()).hasValueSatisfying(r -> assertThat(r).startsWith("first model (gate ")
          .contains("PASSED").endsWith("result " + digest + ")"));
      ArtifactVersion log = reopened.artifacts().versions("clf" + Promotion.RESULTS_SUFFIX).get(0);
      assertThat(log.properties()).containsEntry("reason", "first model").containsEntry("status", "PASSED")
          .containsEntry("previous", "none")
          .containsEntry("candidate", "clf@" + history.get(0).to().getAsInt())
          .containsEntry("gateResultDigest", GateResult.fromJson(gateResultJson(reopened)).digest().toString());
    }
  }

  private static String gateResultJson(MlopsStore store) throws IOException {
    ArtifactVersion first = store.artifacts().versions("clf" + Promotion.RESULTS_SUFFIX).get(0);
    try (InputStream in = store.artifacts().open(first)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
