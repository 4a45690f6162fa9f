package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.Table;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DriftDetectorTest {
  private final Table weather = SeattleWeather.table();
  private final DriftDetector detector = DriftDetector.defaults();

  private static ColumnDrift column(DatasetDrift d, String name) {
    return d.columns().stream().filter(c -> c.column().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void seattle2012Against2015() {
    Table y2012 = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table y2015 = SeattleWeather.rows(weather, d -> d.getYear() == 2015);
    DatasetDrift drift = detector.compare(y2012, y2015);

    assertThat(drift.skipped()).isEmpty();
    assertThat(drift.driftedColumns()).extracting(ColumnDrift::column)
        .containsExactly("date", "temp_max", "temp_min", "weather");
    assertThat(drift.driftedShare()).isEqualTo(4.0 / 6);
    assertThat(drift.datasetDrifted()).isTrue();

    ColumnDrift tempMax = column(drift, "temp_max");
    assertThat(tempMax.test()).isEqualTo(DriftMethod.KOLMOGOROV_SMIRNOV);
    assertThat(tempMax.pValueMethod()).isEqualTo(PValueMethod.EXACT);
    assertThat(tempMax.statistic()).isEqualTo(
        DriftStatistics.ks(values(y2012, "temp_max"), values(y2015, "temp_max")).statistic());
    assertThat(tempMax.effectMeasure()).isEqualTo(DriftMethod.WASSERSTEIN_NORMALIZED);
    assertThat(tempMax.referenceCount()).isEqualTo(366);
    assertThat(tempMax.currentCount()).isEqualTo(365);
    assertThat(tempMax.counts().bins()).hasSize(11).endsWith("<missing>");
    assertThat(tempMax.counts().reference().stream().mapToLong(Long::longValue).sum()).isEqualTo(366);
    assertThat(tempMax.topBin()).endsWith("+inf)");
    assertThat(tempMax.explanation()).startsWith("drifted: KS p = ");

    ColumnDrift sky = column(drift, "weather");
    assertThat(sky.test()).isEqualTo(DriftMethod.CHI_SQUARE);
    assertThat(sky.topBin()).isEqualTo("fog");
    assertThat(sky.counts().bins()).contains("rain", "sun", "fog", "<unseen>", "<missing>");

    ColumnDrift wind = column(drift, "wind");
    assertThat(wind.drifted()).isFalse();
    assertThat(wind.explanation()).contains("may be noise");
  }

  @Test
  void winterAgainstSummerDriftsEverywhere() {
    Table winter = SeattleWeather.rows(weather, d -> d.getMonthValue() == 12 || d.getMonthValue() <= 2);
    Table summer = SeattleWeather.rows(weather, d -> d.getMonthValue() >= 6 && d.getMonthValue() <= 8);
    DatasetDrift drift = detector.compare(winter, summer);
    assertThat(drift.driftedShare()).isEqualTo(1.0);
    assertThat(column(drift, "temp_max").effectSize()).isGreaterThan(3.0);
  }

  @Test
  void aTableDoesNotDriftFromItself() {
    DatasetDrift drift = detector.compare(weather, weather);
    assertThat(drift.driftedColumns()).isEmpty();
    assertThat(drift.columns()).allSatisfy(c -> {
      assertThat(c.pValue()).isEqualTo(1.0);
      assertThat(c.effectSize()).isZero();
    });
  }

  @Test
  void largeSamplesDoNotAlarmOnATrivialShift() {
    double[] ref = normal(200_000, 1, 0.0);
    double[] cur = normal(200_000, 2, 0.03);
    ColumnDrift c = detector.compareNumbers("x", ref, cur);
    assertThat(c.pValue()).isLessThan(1e-6);
    assertThat(c.effectSize()).isLessThan(0.1);
    assertThat(c.drifted()).isFalse();
    assertThat(c.explanation()).contains("trivial");
    assertThat(c.pValueMethod()).isEqualTo(PValueMethod.ASYMPTOTIC);
  }

  @Test
  void smallSamplesDoNotAlarmOnNoiseButWarn() {
    double[] ref = normal(12, 3, 0.0);
    double[] cur = normal(10, 4, 0.0);
    ColumnDrift c = detector.compareNumbers("x", ref, cur);
    assertThat(c.drifted()).isFalse();
    assertThat(c.warnings()).anyMatch(w -> w.startsWith("small sample"));
  }

  @Test
  void aRealShiftInASmallSampleIsCaught() {
    ColumnDrift c = detector.compareNumbers("x", normal(40, 5, 0.0), normal(40, 6, 2.0));
    assertThat(c.drifted()).isTrue();
  }

  @Test
  void unseenCategoriesAndMissingValuesAreWarned() {
    String[] ref = new String[200];
    String[] cur = new String[200];
    for (int i = 0; i < 200; i++) {
      ref[i] = i % 2 == 0 ? "a" : "b";
      cur[i] = i % 4 == 0 ? null : (i % 4 == 1 ? "snow" : (i % 2 == 0 ? "a" : "b"));
    }
    ColumnDrift c = detector.compareCategories("sky", ref, cur);
    assertThat(c.warnings()).anyMatch(w -> w.contains("categories the reference never had, e.g. 'snow'"));
    assertThat(c.warnings()).anyMatch(w -> w.startsWith("many missing values: 0.0% of the reference, 25.0%"));
    assertThat(c.currentMissing()).isEqualTo(50);
    assertThat(c.topBin()).isEqualTo("<unseen>");
    assertThat(c.drifted()).isTrue();
  }

  @Test
  void numericFlagsAreComparedAsCategories() {
    double[] ref = new double[300];
    double[] cur = new double[300];
    for (int i = 0; i < 300; i++) {
      ref[i] = i % 10 == 0 ? 1 : 0;
      cur[i] = i % 3 == 0 ? 1 : 0;
    }
    ColumnDrift c = detector.compareNumbers("flag", ref, cur);
    assertThat(c.kind()).isEqualTo(Binning.Kind.CATEGORICAL);
    assertThat(c.test()).isEqualTo(DriftMethod.CHI_SQUARE);
    assertThat(c.counts().bins()).containsExactly("0", "1", "<unseen>", "<missing>");
    assertThat(c.drifted()).isTrue();
    assertThat(DriftDetector.builder().discreteMaxValues(0).build().compareNumbers("flag", ref, cur).test())
        .isEqualTo(DriftMethod.KOLMOGOROV_SMIRNOV);
  }

  @Test
  void twoCategoriesWithFewCountsUseFisher() {
    ColumnDrift c = detector.compareCategories("flag", new String[] {"y", "n", "n", "n", "y"},
        new String[] {"y", "y", "y", "y", "n"});
    assertThat(c.test()).isEqualTo(DriftMethod.FISHER_EXACT);
    assertThat(c.pValueMethod()).isEqualTo(PValueMethod.EXACT);
  }

  @Test
  void profilesCompareLikeTablesOnBins() {
    Table y2012 = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table y2015 = SeattleWeather.rows(weather, d -> d.getYear() == 2015);
    DatasetProfile reference = DatasetProfile.fit(y2012, BinningOptions.defaults());
    DatasetDrift drift = detector.compare(DatasetProfile.fromJson(reference.toJson()), reference.observe(y2015));
    assertThat(drift.columns()).allSatisfy(c -> assertThat(c.test()).isIn(DriftMethod.CHI_SQUARE,
        DriftMethod.FISHER_EXACT));
    assertThat(drift.driftedColumns()).extracting(ColumnDrift::column).contains("temp_max", "weather");
    assertThat(column(drift, "weather").counts()).isEqualTo(
        column(detector.compare(y2012, y2015), "weather").counts());
  }

  @Test
  void correctionsChangeAdjustedPValuesOnly() {
    Table y2012 = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table y2015 = SeattleWeather.rows(weather, d -> d.getYear() == 2015);
    DatasetDrift none = DriftDetector.builder().correction(MultipleTesting.NONE).build().compare(y2012, y2015);
    DatasetDrift bonferroni = DriftDetector.builder().correction(MultipleTesting.BONFERRONI).build()
        .compare(y2012, y2015);
    for (int i = 0; i < none.columns().size(); i++) {
      ColumnDrift a = none.columns().get(i);
      ColumnDrift b = bonferroni.columns().get(i);
      assertThat(b.pValue()).isEqualTo(a.pValue());
      assertThat(a.adjustedPValue()).isEqualTo(a.pValue());
      assertThat(b.adjustedPValue()).isEqualTo(Math.min(1.0, none.columns().size() * a.pValue()));
    }
  }

  @Test
  void resultsSerializeToJson() {
    Table y2012 = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table y2015 = SeattleWeather.rows(weather, d -> d.getYear() == 2015);
    JsonNode root = JsonMapper.builder().build().readTree(detector.compare(y2012, y2015).toJson());
    assertThat(root.get("format").asString()).isEqualTo("mlops-drift-result");
    assertThat(root.get("columns")).hasSize(6);
    JsonNode first = root.get("columns").get(0);
    assertThat(first.get("counts").get("bins").size()).isEqualTo(first.get("counts").get("current").size());
    assertThat(first.get("pValue").isNumber()).isTrue();
    assertThat(root.get("skipped").isEmpty()).isTrue();
  }

  @Test
  void aSingleCurrentValueIsTestedExactlyAndWarned() {
    double[] ref = normal(100, 7, 0.0);
    ColumnDrift c = detector.compareNumbers("x", ref, new double[] {0.1});
    assertThat(c.test()).isEqualTo(DriftMethod.KOLMOGOROV_SMIRNOV);
    assertThat(c.pValueMethod()).isEqualTo(PValueMethod.EXACT);
    assertThat(c.pValue()).isEqualTo(DriftStatistics.ks(ref, new double[] {0.1}).pValue());
    assertThat(c.drifted()).isFalse();
    assertThat(c.warnings()).anyMatch(w -> w.startsWith("small sample: 100 reference and 1 current"));
    assertThatThrownBy(() -> DriftDetector.builder().numericTest(DriftMethod.CRAMER_VON_MISES).build()
        .compareNumbers("x", ref, new double[] {0.1}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 2 non-missing value(s)");
  }

  @Test
  void refusesColumnsWithoutValues() {
    assertThatThrownBy(() -> detector.compareNumbers("x", new double[] {1, 2}, new double[] {Double.NaN}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("column 'x'");
    assertThatThrownBy(() -> DriftDetector.builder().numericTest(DriftMethod.PSI))
        .isInstanceOf(InvalidInputException.class);
  }

  private static double[] values(Table t, String name) {
    Column c = t.column(name);
    double[] v = new double[t.rowCount()];
    Arrays.setAll(v, c::getDouble);
    return v;
  }

  private static double[] normal(int n, long seed, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()) + shift;
    }
    return v;
  }
}
