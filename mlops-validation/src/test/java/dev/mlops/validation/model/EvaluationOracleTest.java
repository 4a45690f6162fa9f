package dev.mlops.validation.model;

import static dev.mlops.validation.model.ModelOracle.close;
import static dev.mlops.validation.model.ModelOracle.expect;
import static dev.mlops.validation.model.ModelOracle.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every metric against scikit-learn 1.2.1's values in the committed oracle. */
class EvaluationOracleTest {
  static Stream<Named<JsonNode>> binary() {
    return named(ModelOracle.cases("binary"));
  }

  static Stream<Named<JsonNode>> multiclass() {
    return named(ModelOracle.cases("multiclass"));
  }

  static Stream<Named<JsonNode>> regression() {
    return named(ModelOracle.cases("regression"));
  }

  private static Stream<Named<JsonNode>> named(List<JsonNode> cases) {
    return cases.stream().map(c -> Named.of(c.get("name").asString(), c));
  }

  @ParameterizedTest
  @MethodSource("binary")
  void binaryMetricsEqualScikitLearn(JsonNode c) {
    boolean[] actual = ModelOracle.booleans(c.get("actual"));
    double[] score = numbers(c.get("score"));
    BinaryEvaluation e = c.has("weight")
        ? Evaluation.binary(actual, score, numbers(c.get("weight"))) : Evaluation.binary(actual, score);
    JsonNode x = c.get("expected");
    expect("roc_auc", x.get("roc_auc"), e::rocAuc);
    expect("average_precision", x.get("average_precision"), e::averagePrecision);
    expect("log_loss", x.get("log_loss"), e::logLoss);
    expect("brier_score", x.get("brier_score"), e::brierScore);
    RocCurve roc = e.rocCurve();
    close("fpr", roc.falsePositiveRate(), numbers(x.get("roc_curve").get("fpr")));
    close("tpr", roc.truePositiveRate(), numbers(x.get("roc_curve").get("tpr")));
    close("roc thresholds", roc.thresholds(), numbers(x.get("roc_curve").get("thresholds")));
    PrecisionRecallCurve pr = e.precisionRecallCurve();
    close("precision curve", pr.precision(), numbers(x.get("pr_curve").get("precision")));
    close("recall curve", pr.recall(), numbers(x.get("pr_curve").get("recall")));
    close("pr thresholds", pr.thresholds(), numbers(x.get("pr_curve").get("thresholds")));
    if (x.has("calibration")) {
      for (Map.Entry<String, JsonNode> b : x.get("calibration").properties()) {
        Calibration cal;
        JsonNode want = b.getValue();
        if (want.has("error")) {
          expect("calibration " + b.getKey(), want, () -> e.calibration(Integer.parseInt(b.getKey())).bins());
          continue;
        }
        cal = e.calibration(Integer.parseInt(b.getKey()));
        close("ece " + b.getKey(), cal.expectedCalibrationError(), ModelOracle.number(want.get("ece")));
        close("mce " + b.getKey(), cal.maximumCalibrationError(), ModelOracle.number(want.get("mce")));
        close("prob_true " + b.getKey(), cal.curve().stream().mapToDouble(CalibrationBin::fractionPositive).toArray(),
            numbers(want.get("prob_true")));
        close("prob_pred " + b.getKey(), cal.curve().stream().mapToDouble(CalibrationBin::meanPredicted).toArray(),
            numbers(want.get("prob_pred")));
        close("count " + b.getKey(), cal.curve().stream().mapToDouble(CalibrationBin::weight).toArray(),
            numbers(want.get("count")));
      }
    }
    for (Map.Entry<String, JsonNode> t : x.get("at").properties()) {
      ThresholdMetrics m = e.at(Double.parseDouble(t.getKey()));
      JsonNode want = t.getValue();
      String at = " at " + t.getKey();
      close("accuracy" + at, m.accuracy(), ModelOracle.number(want.get("accuracy")));
      close("precision" + at, m.precision(), ModelOracle.number(want.get("precision")));
      close("recall" + at, m.recall(), ModelOracle.number(want.get("recall")));
      close("f1" + at, m.f1(), ModelOracle.number(want.get("f1")));
      close("balanced_accuracy" + at, m.balancedAccuracy(), ModelOracle.number(want.get("balanced_accuracy")));
      close("mcc" + at, m.matthewsCorrelation(), ModelOracle.number(want.get("mcc")));
      double[][] cm = m.confusionMatrix().toArray();
      close("confusion" + at, new double[] {cm[0][0], cm[0][1], cm[1][0], cm[1][1]}, numbers(want.get("confusion")));
    }
  }

  @ParameterizedTest
  @MethodSource("multiclass")
  void multiclassMetricsEqualScikitLearn(JsonNode c) {
    int[] actual = ModelOracle.ints(c.get("actual"));
    JsonNode rows = c.get("probabilities");
    double[][] p = new double[rows.size()][];
    for (int i = 0; i < p.length; i++) {
      p[i] = numbers(rows.get(i));
    }
    MulticlassEvaluation e = c.has("weight")
        ? Evaluation.multiclass(actual, p, numbers(c.get("weight"))) : Evaluation.multiclass(actual, p);
    JsonNode x = c.get("expected");
    close("accuracy", e.accuracy(), ModelOracle.number(x.get("accuracy")));
    for (Average a : Average.values()) {
      String s = "_" + a.name().toLowerCase(java.util.Locale.ROOT);
      close("precision" + s, e.precision(a), ModelOracle.number(x.get("precision" + s)));
      close("recall" + s, e.recall(a), ModelOracle.number(x.get("recall" + s)));
      close("f1" + s, e.f1(a), ModelOracle.number(x.get("f1" + s)));
    }
    expect("log_loss", x.get("log_loss"), e::logLoss);
    expect("roc_auc_ovr_macro", x.get("roc_auc_ovr_macro"), e::rocAuc);
    close("cohen_kappa", e.cohenKappa(), ModelOracle.number(x.get("cohen_kappa")));
    double[][] cm = e.confusionMatrix().toArray();
    double[] flat = new double[cm.length * cm.length];
    for (int i = 0; i < cm.length; i++) {
      System.arraycopy(cm[i], 0, flat, i * cm.length, cm.length);
    }
    close("confusion", flat, numbers(x.get("confusion")));
    for (Map.Entry<String, JsonNode> k : x.get("top_k").properties()) {
      expect("top_" + k.getKey(), k.getValue(), () -> e.topKAccuracy(Integer.parseInt(k.getKey())));
    }
  }

  @ParameterizedTest
  @MethodSource("regression")
  void regressionMetricsEqualScikitLearn(JsonNode c) {
    double[] actual = numbers(c.get("actual"));
    double[] predicted = numbers(c.get("predicted"));
    RegressionEvaluation e = c.has("weight")
        ? Evaluation.regression(actual, predicted, numbers(c.get("weight"))) : Evaluation.regression(actual, predicted);
    JsonNode x = c.get("expected");
    close("mae", e.meanAbsoluteError(), ModelOracle.number(x.get("mae")));
    close("mse", e.meanSquaredError(), ModelOracle.number(x.get("mse")));
    close("rmse", e.rootMeanSquaredError(), ModelOracle.number(x.get("rmse")));
    close("r2", e.r2(), ModelOracle.number(x.get("r2")));
    close("mape", e.meanAbsolutePercentageError(), ModelOracle.number(x.get("mape")));
    close("median_ae", e.medianAbsoluteError(), ModelOracle.number(x.get("median_ae")));
    close("explained_variance", e.explainedVariance(), ModelOracle.number(x.get("explained_variance")));
    for (Map.Entry<String, JsonNode> a : x.get("pinball").properties()) {
      close("pinball " + a.getKey(), e.pinballLoss(Double.parseDouble(a.getKey())), ModelOracle.number(a.getValue()));
    }
    assertThat(e.size()).isEqualTo(actual.length);
  }
}
