package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compiles and runs the data drift snippet of the README, with the seattle-weather table as data. */
class ReadmeSnippetTest {

  @Test
  void readmeSnippetRuns() {
    Table weather = SeattleWeather.table();
    Table reference = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table current = SeattleWeather.rows(weather, d -> d.getYear() == 2015);

    // --- README snippet starts
    DriftDetector detector = DriftDetector.defaults();
    DatasetDrift drift = detector.compare(reference, current);
    for (ColumnDrift c : drift.driftedColumns()) {
      System.out.println(c.column() + ": " + c.explanation());
    }
    String report = drift.toJson();

    // A model server keeps only the reference profile (JSON) and a sliding window of binned counts.
    String stored = DatasetProfile.fit(reference, BinningOptions.defaults()).toJson();
    DatasetProfile profile = DatasetProfile.fromJson(stored);
    WindowProfile window = WindowProfile.of(profile, Window.slidingCount(10_000, 10));
    window.updateRow(Map.of("temp_max", 21.5, "weather", "sun"));
    DatasetDrift live = detector.compare(profile, window.snapshot());

    StatisticResult ks = DriftStatistics.ks(new double[] {1.1, 2.3, 2.9, 4.0}, new double[] {2.2, 3.5, 4.4, 5.0});
    double d = ks.statistic();
    double p = ks.pValue();
    // --- README snippet ends

    assertThat(report).contains("temp_max");
    assertThat(live.columns()).extracting(ColumnDrift::column).contains("temp_max", "weather");
    assertThat(d).isEqualTo(0.5);
    assertThat(p).isBetween(0.0, 1.0);
  }
}
