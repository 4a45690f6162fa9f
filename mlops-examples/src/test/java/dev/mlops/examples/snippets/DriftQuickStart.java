package dev.mlops.examples.snippets;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import dev.mlops.validation.drift.BinningOptions;
import dev.mlops.validation.drift.ColumnDrift;
import dev.mlops.validation.drift.DatasetDrift;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.DriftDetector;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import java.util.Map;
import java.util.Random;

public class DriftQuickStart {
  public static void main(String[] args) {
    Table reference = weather(new Random(1), 15.0);              // the data the model was trained on
    Table current = weather(new Random(2), 18.0);                // what it sees now: warmer days
    DriftDetector detector = DriftDetector.defaults();
    DatasetDrift drift = detector.compare(reference, current);
    for (ColumnDrift c : drift.columns()) {
      System.out.println(c.column() + ": " + c.explanation());
    }
    String report = drift.toJson();

    // A model server keeps only the reference profile (JSON) and a sliding window of binned counts.
    String stored = DatasetProfile.fit(reference, BinningOptions.defaults()).toJson();
    DatasetProfile profile = DatasetProfile.fromJson(stored);
    WindowProfile window = WindowProfile.of(profile, Window.slidingCount(10_000, 10));
    for (int i = 0; i < current.rowCount(); i++) {
      window.updateRow(current.row(i));                          // one call per request
    }
    DatasetDrift live = detector.compare(profile, window.snapshot());
    System.out.println("serving window drifted: " + live.datasetDrifted());
  }

  static Table weather(Random random, double meanTemperature) {
    Table.Builder days = Table.builder().column("temp_max", ColumnType.DOUBLE).column("weather", ColumnType.STRING);
    for (int day = 0; day < 365; day++) {
      double celsius = Math.round((meanTemperature + 5 * random.nextGaussian()) * 10) / 10.0;
      days.row(celsius, random.nextDouble() < 0.4 ? "rain" : "sun");
    }
    return days.build();
  }
}
