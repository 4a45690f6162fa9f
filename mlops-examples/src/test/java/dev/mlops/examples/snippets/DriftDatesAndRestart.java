package dev.mlops.examples.snippets;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import dev.mlops.validation.drift.BinningOptions;
import dev.mlops.validation.drift.ColumnDrift;
import dev.mlops.validation.drift.DatasetDrift;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.DriftDetector;
import dev.mlops.validation.drift.DriftStatistics;
import dev.mlops.validation.drift.StatisticResult;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;

public class DriftDatesAndRestart {
  public static void main(String[] args) {
    Table reference = days(LocalDate.of(2012, 1, 1), 16.0);     // a model trained on 2012 ...
    Table current = days(LocalDate.of(2015, 1, 1), 17.0);       // ... sees 2015
    DriftDetector detector = DriftDetector.defaults();
    DatasetProfile profile = DatasetProfile.fit(reference, BinningOptions.defaults());

    // DATE and TIMESTAMP columns drift like numbers (epoch days, epoch microseconds), with ISO-8601 bins.
    ColumnDrift date = detector.compare(reference, current).columns().get(0);
    System.out.println(date.explanation()); // drifted: KS p = ... largest change in [2012-..., +inf) ...

    // A server saves its whole window (every pane, the partly filled one too) and resumes after a restart.
    WindowProfile window = WindowProfile.of(profile, Window.slidingTime(Duration.ofHours(1), 12));
    window.updateRow(Map.of("date", LocalDate.of(2015, 7, 1), "temp_max", 24.0, "weather", "sun"));
    String saved = window.toJson();
    WindowProfile resumed = WindowProfile.fromJson(saved);
    resumed.updateRow(Map.of("date", LocalDate.of(2015, 7, 2), "temp_max", 25.5, "weather", "sun"));
    DatasetDrift live = detector.compare(profile, resumed.snapshot());
    System.out.println("the resumed window holds " + resumed.snapshot().column("temp_max").total() + " rows");

    // each statistic on its own, equal to scipy's: here ks_2samp
    StatisticResult ks = DriftStatistics.ks(new double[] {1.1, 2.3, 2.9, 4.0}, new double[] {2.2, 3.5, 4.4, 5.0});
    System.out.println("KS D = " + ks.statistic() + ", p = " + ks.pValue());
  }

  static Table days(LocalDate first, double meanTemperature) {
    Random random = new Random(first.getYear());
    Table.Builder rows = Table.builder().column("date", ColumnType.DATE).column("temp_max", ColumnType.DOUBLE)
        .column("weather", ColumnType.STRING);
    for (int day = 0; day < 365; day++) {
      rows.row(first.plusDays(day), meanTemperature + 6 * random.nextGaussian(), random.nextBoolean() ? "sun" : "rain");
    }
    return rows.build();
  }
}
