package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.ui.HtmlReport;
import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Profile;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.drift.DatasetDrift;
import dev.mlops.validation.drift.DriftDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public class HtmlReports {
  public static void main(String[] args) {
    Random random = new Random(7);
    Table.Builder before = Table.builder().column("amount", ColumnType.DOUBLE);
    Table.Builder after = Table.builder().column("amount", ColumnType.DOUBLE);
    for (int i = 0; i < 200; i++) {
      before.row(10 + random.nextGaussian());
      after.row(11 + random.nextGaussian());
    }
    Table reference = before.build();
    Table current = after.build();
    ValidationResult validation = ValidationSuite.builder("amounts")
        .addCheck(Check.error("range").isBetween("amount", 5, 15)).build().run(current);
    DatasetDrift drift = DriftDetector.defaults().compare(reference, current);

    Path reports = Path.of("target", "reports");
    HtmlReport.of(validation).writeTo(reports.resolve("validation.html"));
    HtmlReport.of(drift).titled("last month vs this month").writeTo(reports.resolve("drift.html"));
    String page = HtmlReport.of(Profile.of(current)).toHtml();              // the page as a string

    try (MlopsStore store = MlopsStore.open("mem:");
         Tracker tracker = Tracker.on(store)) {
      List<String> runs = new ArrayList<>();
      for (double lr : new double[] {0.01, 0.1, 1.0}) {
        try (Run run = tracker.startRun("sweep")) {
          run.logParam("lr", lr);
          run.logMetric("acc", 0.9 - Math.abs(Math.log10(lr) + 1) / 10);
          run.finish();
          runs.add(run.id());
        }
      }
      HtmlReport.of(tracker.leaderboard("sweep").metric("acc", Direction.MAXIMIZE).build())
          .writeTo(reports.resolve("leaderboard.html"));
      HtmlReport.comparison(tracker, runs).writeTo(reports.resolve("comparison.html"));
    }
    System.out.println("four reports in " + reports + "; the profile page has " + page.length() + " characters");
  }
}
