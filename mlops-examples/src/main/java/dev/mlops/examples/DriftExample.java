package dev.mlops.examples;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import dev.mlops.validation.drift.BinningOptions;
import dev.mlops.validation.drift.ColumnDrift;
import dev.mlops.validation.drift.DatasetDrift;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.DriftDetector;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import dev.mlops.validation.io.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Data drift on the Seattle weather data set: 2012 as reference against 2015, and winter against summer,
 * printing which columns drifted and why; then the same comparison from a stored reference profile and a
 * sliding window fed value by value, as a model server would do it.
 */
public final class DriftExample {
  private DriftExample() {}

  /**
   * Runs the example on standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the example.
   *
   * @param out where the report goes
   * @return the drift of 2015 against 2012
   */
  public static DatasetDrift run(PrintStream out) {
    Table weather = load();
    DriftDetector detector = DriftDetector.defaults();

    Table y2012 = rows(weather, d -> d.getYear() == 2012);
    Table y2015 = rows(weather, d -> d.getYear() == 2015);
    DatasetDrift years = detector.compare(y2012, y2015);
    report(out, "2012 (reference) vs 2015 (current)", years);
    out.println();

    Table winter = rows(weather, d -> d.getMonthValue() == 12 || d.getMonthValue() <= 2);
    Table summer = rows(weather, d -> d.getMonthValue() >= 6 && d.getMonthValue() <= 8);
    report(out, "winter (reference) vs summer (current)", detector.compare(winter, summer));
    out.println();

    // A server keeps only the reference profile (stored as JSON) and a window of binned counts.
    String stored = DatasetProfile.fit(y2012, BinningOptions.defaults()).toJson();
    DatasetProfile reference = DatasetProfile.fromJson(stored);
    WindowProfile window = WindowProfile.of(reference, Window.slidingCount(360, 12));
    for (int row = 0; row < y2015.rowCount(); row++) {
      window.updateRow(y2015.row(row));
    }
    DatasetProfile current = window.snapshot();
    out.printf(Locale.ROOT, "the server's reference profile: %d bytes of JSON; its window holds the last %d days%n",
        stored.length(), current.column("temp_max").total());
    report(out, "stored 2012 profile vs sliding window over 2015 (binned tests)",
        detector.compare(reference, current));
    return years;
  }

  private static void report(PrintStream out, String title, DatasetDrift drift) {
    out.printf(Locale.ROOT, "-- %s: %d of %d columns drifted (%s correction); the dataset %s%n", title,
        drift.driftedColumns().size(), drift.columns().size(),
        drift.correction().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        drift.datasetDrifted() ? "drifted" : "did not drift");
    for (ColumnDrift c : drift.columns()) {
      out.printf(Locale.ROOT, "  %-13s %s%n", c.column(), c.explanation());
      for (String warning : c.warnings()) {
        out.printf(Locale.ROOT, "  %-13s warning: %s%n", "", warning);
      }
    }
    drift.skipped().forEach((column, why) -> out.printf(Locale.ROOT, "  %-13s skipped: %s%n", column, why));
  }

  private static Table load() {
    try (InputStream in = DriftExample.class.getResourceAsStream("/datasets/seattle-weather.csv")) {
      if (in == null) {
        throw new IllegalStateException("datasets/seattle-weather.csv is not on the class path");
      }
      String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return TableReader.parseCsv(csv, CsvOptions.builder().columnType("date", ColumnType.DATE).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the seattle-weather data set", e);
    }
  }

  private static Table rows(Table table, Predicate<LocalDate> keep) {
    Column date = table.column("date");
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < table.rowCount(); i++) {
      if (keep.test(LocalDate.ofEpochDay(date.getLong(i)))) {
        rows.add(i);
      }
    }
    return table.select(rows.stream().mapToInt(Integer::intValue).toArray());
  }
}
