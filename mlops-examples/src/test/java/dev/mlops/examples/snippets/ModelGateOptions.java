package dev.mlops.examples.snippets;

import dev.mlops.validation.Table;
import dev.mlops.validation.model.FairnessMetric;
import dev.mlops.validation.model.GateResult;
import dev.mlops.validation.model.Metric;
import dev.mlops.validation.model.ModelGate;
import dev.mlops.validation.model.Predictions;

public class ModelGateOptions {
  /** Judges a table of labels, the challenger's scores and the champion's (see the README's quick start). */
  static GateResult judge(Table table) {
    ModelGate gate = ModelGate.builder("classifier-gate")
        .atLeast(Metric.ROC_AUC, 0.80)
        .atMost(Metric.LOG_LOSS, 0.6)
        .notWorseThanChampion(Metric.ROC_AUC, 0.01)
        .sliceAtLeast("species", Metric.ACCURACY, 0.70)
        .fairnessAtMost("island", FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, 0.2)
        .minSliceSize(10).threshold(0.5).confidence(0.95).resamples(1000).seed(7)
        .build();
    return gate.evaluate(table, Predictions.binary("label", "challenger"),
        Predictions.binary("label", "champion"));   // null when there is no champion yet
  }
}
