package dev.mlops.validation.model;

import static dev.mlops.validation.model.ModelOracle.number;
import static dev.mlops.validation.model.ModelOracle.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.work.WorkerPool;
import dev.mlops.validation.internal.model.DeLongKernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** DeLong and McNemar against the oracle; bootstrap reproducibility and agreement with materialized resamples. */
class UncertaintyTest {
  @Test
  void deLongMatchesTheFormulaLevelReference() {
    for (JsonNode c : ModelOracle.cases("delong")) {
      boolean[] y = ModelOracle.booleans(c.get("actual"));
      double[] a = numbers(c.get("a"));
      double[] b = numbers(c.get("b"));
      JsonNode x = c.get("expected");
      double[] s = DeLongKernel.auc2(y, a, b);
      String name = c.get("name").asString();
      ModelOracle.close(name + " auc a", s[0], number(x.get("auc_a")));
      ModelOracle.close(name + " auc b", s[1], number(x.get("auc_b")));
      assertThat(relative(s[2], number(x.get("var_a")))).as(name + " var a").isLessThan(1e-9);
      assertThat(relative(s[3], number(x.get("var_b")))).as(name + " var b").isLessThan(1e-9);
      assertThat(relative(s[4], number(x.get("covariance")))).as(name + " covariance").isLessThan(1e-9);
      PairedComparison cmp = ModelComparison.delong(Evaluation.binary(y, a), Evaluation.binary(y, b), 0.95);
      assertThat(relative(cmp.pValue(), number(x.get("p_value")))).as(name + " p").isLessThan(1e-9);
      assertThat(cmp.difference()).isEqualTo(s[0] - s[1]);
      double half = 1.959963984540054 * Math.sqrt(number(x.get("variance")));
      assertThat(relative(cmp.upper() - cmp.difference(), half)).as(name + " interval").isLessThan(1e-9);
    }
  }

  @Test
  void mcnemarMatchesTheBinomialAndChiSquareReferences() {
    for (JsonNode c : ModelOracle.cases("mcnemar")) {
      int b = c.get("b").asInt();
      int cc = c.get("c").asInt();
      boolean[] challenger = new boolean[b + cc + 7];
      boolean[] champion = new boolean[challenger.length];
      for (int i = 0; i < b; i++) {
        challenger[i] = true;
      }
      for (int i = b; i < b + cc; i++) {
        champion[i] = true;
      }
      for (int i = b + cc; i < b + cc + 4; i++) {
        challenger[i] = true;
        champion[i] = true;
      }
      PairedComparison r = ModelComparison.mcnemar(challenger, champion, 0.95);
      boolean exact = b + cc < ModelComparison.EXACT_MCNEMAR_BELOW;
      assertThat(r.method()).isEqualTo(exact ? "mcnemar-exact" : "mcnemar-chi2");
      ModelOracle.close("exact p " + b + "," + cc, ModelComparison.exactPValue(b, cc), number(c.get("exact_p")));
      if (b + cc > 0) {
        assertThat(relative(ModelComparison.chiSquarePValue(b, cc), number(c.get("chi2_p"))))
            .as("chi2 p " + b + "," + cc).isLessThan(1e-12);
      }
      assertThat(r.pValue()).isEqualTo(exact ? ModelComparison.exactPValue(b, cc) : ModelComparison.chiSquarePValue(b, cc));
      assertThat(r.difference()).isEqualTo((b - cc) / (double) challenger.length);
    }
  }

  @Test
  void aResampleEqualsEvaluatingTheDrawnRows() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 500;
    boolean[] y = new boolean[n];
    double[] s = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextBoolean();
      s[i] = Math.round((y[i] ? 0.2 : 0) + random.nextDouble() * 20) / 25.0;
      w[i] = random.nextInt(4) * 0.5;
    }
    BinaryEvaluation plain = Evaluation.binary(y, s);
    BinaryEvaluation weighted = Evaluation.binary(y, s, w);
    for (int round = 0; round < 20; round++) {
      int[] rows = new int[n];
      boolean[] ry = new boolean[n];
      double[] rs = new double[n];
      double[] rw = new double[n];
      for (int i = 0; i < n; i++) {
        rows[i] = random.nextInt(n);
        ry[i] = y[rows[i]];
        rs[i] = s[rows[i]];
        rw[i] = w[rows[i]];
      }
      same(plain.resample(rows), Evaluation.binary(ry, rs));
      same(weighted.resample(rows), Evaluation.binary(ry, rs, rw));
    }
  }

  private static void same(BinaryEvaluation resampled, BinaryEvaluation direct) {
    ModelOracle.close("auc", resampled.rocAuc(), direct.rocAuc());
    ModelOracle.close("ap", resampled.averagePrecision(), direct.averagePrecision());
    ModelOracle.close("log loss", resampled.logLoss(), direct.logLoss());
    ModelOracle.close("brier", resampled.brierScore(), direct.brierScore());
    ModelOracle.close("f1", resampled.at(0.5).f1(), direct.at(0.5).f1());
    ModelOracle.close("fpr", resampled.rocCurve().falsePositiveRate(), direct.rocCurve().falsePositiveRate());
    ModelOracle.close("precision", resampled.precisionRecallCurve().precision(), direct.precisionRecallCurve().precision());
    ModelOracle.close("ece", resampled.calibration(10).expectedCalibrationError(),
        direct.calibration(10).expectedCalibrationError());
  }

  @Test
  void bootstrapIsReproducibleAndCoversTheEstimate() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 2000;
    boolean[] y = new boolean[n];
    double[] s = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextBoolean();
      s[i] = (y[i] ? 0.6 : 0) + random.nextDouble();
      t[i] = (y[i] ? 0.3 : 0) + random.nextDouble();
    }
    BinaryEvaluation good = Evaluation.binary(y, s);
    BinaryEvaluation weak = Evaluation.binary(y, t);
    Bootstrap boot = Bootstrap.builder().resamples(400).seed(42).build();
    Interval first = boot.interval(good, Metric.ROC_AUC);
    Interval again = boot.interval(Evaluation.binary(y, s), Metric.ROC_AUC);
    assertThat(again).isEqualTo(first);
    assertThat(first.lower()).isLessThan(first.estimate()).isGreaterThan(first.estimate() - 0.05);
    assertThat(first.upper()).isGreaterThan(first.estimate()).isLessThan(first.estimate() + 0.05);
    Interval delong = ModelComparison.delongInterval(good, 0.95);
    assertThat(first.standardError()).isCloseTo(delong.standardError(), org.assertj.core.data.Percentage.withPercentage(20));
    assertThat(Bootstrap.builder().resamples(400).seed(43).build().interval(good, Metric.ROC_AUC)).isNotEqualTo(first);
    try (WorkerPool pool = WorkerPool.create("bootstrap-test", 3)) {
      Bootstrap parallel = Bootstrap.builder().resamples(400).seed(42).workers(pool).build();
      assertThat(parallel.interval(good, Metric.ROC_AUC)).as("the same resamples on three threads").isEqualTo(first);
      assertThat(parallel.compare(good, weak, Metric.AVERAGE_PRECISION))
          .isEqualTo(boot.compare(good, weak, Metric.AVERAGE_PRECISION));
    }

    PairedComparison paired = boot.compare(good, weak, Metric.ROC_AUC);
    PairedComparison delongPaired = ModelComparison.delong(good, weak, 0.95);
    assertThat(paired.difference()).isEqualTo(delongPaired.difference());
    assertThat(paired.lower()).isGreaterThan(0);
    assertThat(paired.pValue()).isLessThan(0.01);
    assertThat(delongPaired.pValue()).isLessThan(0.01);
    PairedComparison self = boot.compare(good, Evaluation.binary(y, s), Metric.ROC_AUC);
    assertThat(self.difference()).isZero();
    assertThat(self.pValue()).isEqualTo(1.0);
  }

  @Test
  void pairedTestsRefuseDifferentRows() {
    BinaryEvaluation a = Evaluation.binary(new boolean[] {true, false, true, false}, new double[] {0.9, 0.1, 0.8, 0.3});
    BinaryEvaluation b = Evaluation.binary(new boolean[] {true, true, false, false}, new double[] {0.9, 0.1, 0.8, 0.3});
    assertThatThrownBy(() -> ModelComparison.delong(a, b, 0.95)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("same rows");
    assertThatThrownBy(() -> Bootstrap.builder().build().compare(a, b, Metric.ROC_AUC))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Bootstrap.builder().resamples(100).build().interval(
        Evaluation.binary(new boolean[] {true, false}, new double[] {0.4, 0.3}), Metric.ROC_AUC))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("undefined");
  }

  @Test
  void regressionAndMulticlassBootstrapToo() {
    SplittableRandom random = new SplittableRandom(3);
    double[] y = new double[300];
    double[] p = new double[300];
    int[] cls = new int[300];
    double[][] probs = new double[300][];
    for (int i = 0; i < y.length; i++) {
      y[i] = random.nextGaussian();
      p[i] = y[i] + random.nextGaussian() * 0.5;
      cls[i] = random.nextInt(3);
      double[] r = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
      r[cls[i]] += 0.7;
      double sum = r[0] + r[1] + r[2];
      probs[i] = new double[] {r[0] / sum, r[1] / sum, r[2] / sum};
    }
    Bootstrap boot = Bootstrap.builder().resamples(200).seed(1).build();
    Interval mae = boot.interval(Evaluation.regression(y, p), Metric.MAE);
    assertThat(mae.lower()).isLessThan(mae.estimate());
    assertThat(mae.upper()).isGreaterThan(mae.estimate());
    Interval f1 = boot.interval(Evaluation.multiclass(cls, probs), Metric.named("f1_macro"));
    assertThat(f1.lower()).isLessThanOrEqualTo(f1.estimate());
    assertThat(f1.resamples()).isEqualTo(200);
  }

  private static double relative(double a, double b) {
    return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
  }
}
