package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import dev.mlops.validation.model.BinaryEvaluation;
import dev.mlops.validation.model.Bootstrap;
import dev.mlops.validation.model.Evaluation;
import dev.mlops.validation.model.FairnessMetric;
import dev.mlops.validation.model.GateResult;
import dev.mlops.validation.model.Interval;
import dev.mlops.validation.model.Metric;
import dev.mlops.validation.model.ModelGate;
import dev.mlops.validation.model.Predictions;
import dev.mlops.validation.model.Promotion;
import dev.mlops.validation.model.SliceReport;
import dev.mlops.validation.model.SlicedEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

public class ModelTestingQuickStart {
  public static void main(String[] args) throws Exception {
    // labels and two models' scores on a test set (here made up; yours come from your models)
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

    BinaryEvaluation eval = Evaluation.binary(actual, score);
    double auc = eval.rocAuc();                       // = sklearn.metrics.roc_auc_score
    double f1 = eval.at(0.5).f1();                    // = sklearn.metrics.f1_score(y, s >= 0.5)
    Interval ci = Bootstrap.builder().seed(7).build().interval(eval, Metric.ROC_AUC);
    System.out.printf("ROC AUC %.3f [%.3f, %.3f], F1 %.3f%n", auc, ci.lower(), ci.upper(), f1);

    SliceReport slices = SlicedEvaluation.builder(table, Predictions.binary("label", "challenger"))
        .metrics(Metric.ROC_AUC, Metric.ACCURACY).by("species").by("island").minSliceSize(30)
        .build().evaluate();
    System.out.print(slices.toTable());

    ModelGate gate = ModelGate.builder("classifier-gate")
        .atLeast(Metric.ROC_AUC, 0.80)
        .notWorseThanChampion(Metric.ROC_AUC, 0.01)
        .sliceAtLeast("species", Metric.ACCURACY, 0.70)
        .fairnessAtMost("island", FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, 0.20)
        .build();
    GateResult verdict = gate.evaluate(table, Predictions.binary("label", "challenger"),
        Predictions.binary("label", "champion"));
    System.out.print(verdict.summary());

    try (MlopsStore store = MlopsStore.open()) {
      Path model = Files.writeString(Path.of("model.json"), "{\"weights\": [0.4, -1.2]}");
      ArtifactVersion candidate = store.artifacts().publish("classifier", model, ArtifactSpec.defaults());
      Promotion promotion = Promotion.promote(store.artifacts(), candidate, "champion", verdict, "weekly retrain");
      // moves classifier@champion only if the gate passed, and records the verdict beside the model
      System.out.println((promotion.promoted() ? "promoted: " : "not promoted: ") + promotion.explanation());
    }
  }
}
