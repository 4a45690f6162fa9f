package dev.mlops.validation.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Compiles and runs the README's model-testing snippet. */
class ModelReadmeSnippetTest {
  @Test
  void modelTestingSnippetRuns() {
    SplittableRandom random = new SplittableRandom(1);
    boolean[] actual = new boolean[400];
    double[] score = new double[400];
    Table.Builder rows = Table.builder().column("label", ColumnType.BOOLEAN).column("challenger", ColumnType.DOUBLE)
        .column("champion", ColumnType.DOUBLE).column("species", ColumnType.STRING).column("island", ColumnType.STRING);
    for (int i = 0; i < actual.length; i++) {
      actual[i] = random.nextBoolean();
      score[i] = 1 / (1 + Math.exp(-((actual[i] ? 1.5 : -1.5) + random.nextGaussian())));
      double old = 1 / (1 + Math.exp(-((actual[i] ? 1.0 : -1.0) + random.nextGaussian())));
      rows.row(actual[i], score[i], old, i % 2 == 0 ? "Adelie" : "Gentoo", i % 3 == 0 ? "Dream" : "Biscoe");
    }
    Table table = rows.build();
    try (MlopsStore store = MlopsStore.open("mem:")) {
      ArtifactVersion candidate = store.artifacts().publish("classifier",
          new ByteArrayInputStream(new byte[] {1, 2, 3}), ArtifactSpec.builder().build());
      Promotion promotion;
      // snippet:model-testing
      BinaryEvaluation eval = Evaluation.binary(actual, score);
      double auc = eval.rocAuc();                       // = sklearn.metrics.roc_auc_score
      double f1 = eval.at(0.5).f1();                    // = sklearn.metrics.f1_score(y, s >= 0.5)
      Interval ci = Bootstrap.builder().seed(7).build().interval(eval, Metric.ROC_AUC);

      SliceReport slices = SlicedEvaluation.builder(table, Predictions.binary("label", "challenger"))
          .metrics(Metric.ROC_AUC, Metric.ACCURACY).by("species").by("island").minSliceSize(30)
          .build().evaluate();

      ModelGate gate = ModelGate.builder("classifier-gate")
          .atLeast(Metric.ROC_AUC, 0.80)
          .notWorseThanChampion(Metric.ROC_AUC, 0.01)
          .sliceAtLeast("species", Metric.ACCURACY, 0.70)
          .fairnessAtMost("island", FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, 0.20)
          .build();
      GateResult verdict = gate.evaluate(table, Predictions.binary("label", "challenger"),
          Predictions.binary("label", "champion"));
      promotion = Promotion.promote(store.artifacts(), candidate, "champion", verdict, "weekly retrain");
      // end-snippet
      assertThat(auc).isEqualTo(eval.rocAuc());
      assertThat(f1).isBetween(0.0, 1.0);
      assertThat(ci.lower()).isLessThan(auc);
      assertThat(slices.slicesBy("species")).hasSize(2);
      assertThat(verdict.passed()).as(verdict.summary()).isTrue();
      assertThat(promotion.promoted()).isTrue();
      assertThat(store.artifacts().get("classifier@champion").version()).isEqualTo(candidate.version());
    }
  }
}
