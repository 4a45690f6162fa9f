package dev.mlops.validation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Slices, fairness on hand-checked cases, gates and their JSON. */
class GateAndSlicesTest {
  /** Groups A, B, C of the hand-checked fairness case (see fairnessMatchesHandComputedRates). */
  private static Table fairnessTable(boolean withC) {
    Table.Builder b = Table.builder().column("y", ColumnType.BOOLEAN).column("s", ColumnType.DOUBLE)
        .column("g", ColumnType.STRING);
    Object[][] rows = {
        {true, 0.9, "A"}, {true, 0.4, "A"}, {false, 0.6, "A"}, {false, 0.2, "A"},
        {true, 0.8, "B"}, {true, 0.7, "B"}, {true, 0.3, "B"}, {false, 0.1, "B"}, {false, 0.55, "B"}, {false, 0.2, "B"},
        {false, 0.1, "C"}, {false, 0.2, "C"}};
    for (Object[] r : rows) {
      if (withC || !"C".equals(r[2])) {
        b.row(r);
      }
    }
    return b.build();
  }

  @Test
  void fairnessMatchesHandComputedRates() {
    // A: predictions 1,0,1,0 -> selection 1/2, TPR 1/2, FPR 1/2
    // B: predictions 1,1,0,0,1,0 -> selection 1/2, TPR 2/3, FPR 1/3
    // C: no positives, nothing selected -> selection 0, TPR 0 (fairlearn's convention), FPR 0
    FairnessReport all = FairnessReport.of(fairnessTable(true), Predictions.binary("y", "s"), "g", 0.5);
    assertThat(all.groups()).extracting(GroupRates::group).containsExactly("A", "B", "C");
    assertThat(all.groups().get(1).truePositiveRate()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(all.demographicParityDifference()).isEqualTo(0.5);
    assertThat(all.demographicParityRatio()).isEqualTo(0.0);
    assertThat(all.equalizedOddsDifference()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(all.equalOpportunityDifference()).isCloseTo(2.0 / 3, within(1e-15));

    FairnessReport ab = FairnessReport.of(fairnessTable(false), Predictions.binary("y", "s"), "g", 0.5);
    assertThat(ab.demographicParityDifference()).isEqualTo(0.0);
    assertThat(ab.demographicParityRatio()).isEqualTo(1.0);
    assertThat(ab.equalOpportunityDifference()).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(ab.equalizedOddsDifference()).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(ab.value(FairnessMetric.EQUALIZED_ODDS_DIFFERENCE)).isEqualTo(ab.equalizedOddsDifference());

    FairnessReport strict = FairnessReport.of(fairnessTable(false), Predictions.binary("y", "s"), "g", 0.75);
    // A selects 0.9 only (1/4), B selects 0.8 (1/6)
    assertThat(strict.demographicParityDifference()).isCloseTo(1.0 / 4 - 1.0 / 6, within(1e-15));
    assertThat(strict.demographicParityRatio()).isCloseTo((1.0 / 6) / (1.0 / 4), within(1e-15));
  }

  @Test
  void slicesReportCountsMetricsTooSmallAndUndefined() {
    SliceReport report = SlicedEvaluation.builder(fairnessTable(true), Predictions.binary("y", "s"))
        .metrics(Metric.ROC_AUC, Metric.ACCURACY).by("g").minSliceSize(3).build().evaluate();
    assertThat(report.overall().rows()).isEqualTo(12);
    assertThat(report.overall().metric(Metric.ACCURACY))
        .isEqualTo(Evaluation.binary(new boolean[] {true, true, false, false, true, true, true, false, false, false, false, false},
            new double[] {0.9, 0.4, 0.6, 0.2, 0.8, 0.7, 0.3, 0.1, 0.55, 0.2, 0.1, 0.2}).at(0.5).accuracy());
    SliceResult a = report.slice("g", "A").orElseThrow();
    assertThat(a.rows()).isEqualTo(4);
    assertThat(a.metric(Metric.ROC_AUC)).isEqualTo(0.75);
    assertThat(a.metric(Metric.ACCURACY)).isEqualTo(0.5);
    assertThat(report.slice("g", "C").orElseThrow().tooSmall()).isTrue();
    SliceReport loose = SlicedEvaluation.builder(fairnessTable(true), Predictions.binary("y", "s"))
        .metrics(Metric.ROC_AUC).by("g").build().evaluate();
    SliceResult c = loose.slice("g", "C").orElseThrow();
    assertThat(c.metric(Metric.ROC_AUC)).isNaN();
    assertThat(c.notes()).singleElement().asString().contains("roc_auc");
    assertThat(report.toTable()).contains("g=A", "(too small)", "roc_auc");
    assertThatThrownBy(() -> SlicedEvaluation.builder(fairnessTable(true), Predictions.binary("y", "s")).by("nope"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
  }

  private static Table models(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Table.Builder b = Table.builder().column("y", ColumnType.BOOLEAN).column("strong", ColumnType.DOUBLE)
        .column("weak", ColumnType.DOUBLE).column("region", ColumnType.STRING);
    for (int i = 0; i < n; i++) {
      boolean y = r.nextBoolean();
      double strong = 1 / (1 + Math.exp(-((y ? 1.5 : -1.5) + r.nextGaussian())));
      double weak = 1 / (1 + Math.exp(-((y ? 0.4 : -0.4) + r.nextGaussian())));
      b.row(y, strong, weak, i % 3 == 0 ? "north" : i % 3 == 1 ? "south" : "west");
    }
    return b.build();
  }

  private static ModelGate gate() {
    return ModelGate.builder("test-gate")
        .atLeast(Metric.ROC_AUC, 0.8)
        .atMost(Metric.LOG_LOSS, 0.6)
        .notWorseThanChampion(Metric.ROC_AUC, 0.01)
        .notWorseThanChampion(Metric.LOG_LOSS, 0.02)
        .sliceAtLeast("region", Metric.ACCURACY, 0.7)
        .fairnessAtMost("region", FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, 0.2)
        .minSliceSize(20).resamples(200).seed(5)
        .build();
  }

  @Test
  void aBetterChallengerPassesAndAWorseOneFailsWithReasons() {
    Table t = models(900, 1);
    GateResult better = gate().evaluate(t, Predictions.binary("y", "strong"), Predictions.binary("y", "weak"));
    assertThat(better.passed()).as(better.summary()).isTrue();
    assertThat(better.requirements()).hasSize(6).allMatch(r -> r.status() == GateStatus.PASSED);
    assertThat(better.requirements().get(2).reason()).contains("delong");
    assertThat(better.requirements().get(3).reason()).contains("paired-bootstrap");

    GateResult worse = gate().evaluate(t, Predictions.binary("y", "weak"), Predictions.binary("y", "strong"));
    assertThat(worse.passed()).isFalse();
    assertThat(worse.failures()).extracting(r -> r.requirement().kind())
        .contains(Requirement.Kind.ABSOLUTE, Requirement.Kind.CHAMPION, Requirement.Kind.SLICE);
    RequirementResult auc = worse.requirements().get(0);
    assertThat(auc.observed()).isEqualTo(Predictions.binary("y", "weak").evaluate(t) instanceof BinaryEvaluation b
        ? b.rocAuc() : Double.NaN);
    assertThat(auc.reason()).contains("roc_auc", "not meeting");

    GateResult first = gate().evaluate(t, Predictions.binary("y", "strong"), null);
    assertThat(first.passed()).isTrue();
    assertThat(first.requirements().get(2).status()).isEqualTo(GateStatus.SKIPPED);
  }

  @Test
  void gatesAndResultsRoundTripThroughJsonAndDigestsAreStable() {
    ModelGate gate = gate();
    ModelGate back = ModelGate.fromJson(gate.toJson());
    assertThat(back).isEqualTo(gate);
    assertThat(back.toJson()).isEqualTo(gate.toJson());
    Table t = models(600, 2);
    GateResult result = gate.evaluate(t, Predictions.binary("y", "strong"), Predictions.binary("y", "weak"));
    GateResult read = GateResult.fromJson(result.toJson());
    assertThat(read.toJson()).isEqualTo(result.toJson());
    assertThat(read.digest()).isEqualTo(result.digest());
    assertThat(gate.evaluate(t, Predictions.binary("y", "strong"), Predictions.binary("y", "weak")).digest())
        .as("the same inputs give the same verdict and digest").isEqualTo(result.digest());
    assertThatThrownBy(() -> ModelGate.fromJson(gate.toJson().replace("\"roc_auc\"", "\"roc_aux\"")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("roc_aux");
    assertThatThrownBy(() -> ModelGate.fromJson("{\"schema\":\"other\"}")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void predictionsCheckColumns() {
    Table t = Table.of(Column.ofLongs("y", 0, 1, 2), Column.ofDoubles("s", 0.1, 0.2, 0.3));
    assertThatThrownBy(() -> Predictions.binary("y", "s").evaluate(t)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 2");
    assertThatThrownBy(() -> Predictions.binary("label", "s").evaluate(t)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("label");
    Table m = Table.of(Column.ofLongs("y", 0, 1, 2), Column.ofDoubles("p0", 0.7, 0.2, 0.1),
        Column.ofDoubles("p1", 0.2, 0.7, 0.1), Column.ofDoubles("p2", 0.1, 0.1, 0.8));
    Evaluation e = Predictions.multiclass("y", java.util.List.of("p0", "p1", "p2")).evaluate(m);
    assertThat(Metric.ACCURACY.of(e)).isEqualTo(1.0);
  }
}
