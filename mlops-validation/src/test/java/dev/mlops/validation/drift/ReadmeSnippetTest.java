package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Table;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compiles and runs the data drift snippet of the README, with the seattle-weather table as data. */
class ReadmeSnippetTest {

  @Test
  void readmeSnippetRuns() {
    Table weather = SeattleWeather.table();
    Table reference = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table current = SeattleWeather.rows(weather, d -> d.getYear() == 2015);

    // snippet:drift
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
    // end-snippet

    assertThat(report).contains("temp_max");
    assertThat(live.columns()).extracting(ColumnDrift::column).contains("temp_max", "weather");
    assertThat(d).isEqualTo(0.5);
    assertThat(p).isBetween(0.0, 1.0);
  }

  @Test
  void readmeDateAndRestartSnippetRuns() {
    Table weather = SeattleWeather.table();
    Table reference = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table current = SeattleWeather.rows(weather, d -> d.getYear() == 2015);
    DriftDetector detector = DriftDetector.defaults();
    DatasetProfile profile = DatasetProfile.fit(reference, BinningOptions.defaults());

    // snippet:drift-restart
    // DATE and TIMESTAMP columns drift like numbers (epoch days, epoch microseconds), with ISO-8601 bins.
    ColumnDrift date = detector.compare(reference, current).columns().get(0);
    System.out.println(date.explanation()); // drifted: KS p = ... largest change in [2012-11-25, +inf) ...

    // A server saves its whole window (every pane, the partly filled one too) and resumes after a restart.
    WindowProfile window = WindowProfile.of(profile, Window.slidingTime(Duration.ofHours(1), 12));
    window.updateRow(Map.of("date", LocalDate.of(2015, 7, 1), "temp_max", 24.0, "weather", "sun"));
    String saved = window.toJson();
    WindowProfile resumed = WindowProfile.fromJson(saved);
    resumed.updateRow(Map.of("date", LocalDate.of(2015, 7, 2), "temp_max", 25.5, "weather", "sun"));
    DatasetDrift live = detector.compare(profile, resumed.snapshot());
    // end-snippet

    assertThat(date.column()).isEqualTo("date");
    assertThat(date.drifted()).isTrue();
    assertThat(date.explanation()).contains("[2012-11-25, +inf)");
    assertThat(resumed.snapshot().column("temp_max").total()).isEqualTo(2);
    assertThat(live.columns()).extracting(ColumnDrift::column).contains("date", "temp_max");
  }
}
