package dev.mlops.examples;

import dev.mlops.validation.Check;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Profile;
import dev.mlops.validation.RowFilter;
import dev.mlops.validation.RowViolation;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.io.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Dataset validation end to end: validates the Palmer penguins (real nulls and one {@code "."} in {@code Sex}),
 * prints the result and the offending rows, then profiles the Seattle weather data, suggests a suite from the
 * profile and runs it. Data sets: see {@code datasets/ATTRIBUTION.md}.
 */
public final class ValidationExample {
  private ValidationExample() {}

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
   * @param out where to print
   * @return the penguins validation result
   */
  public static ValidationResult run(PrintStream out) {
    Table penguins = TableReader.parseJson(resource("penguins.json"));
    out.println("penguins.json: " + describe(penguins));

    ValidationSuite suite = ValidationSuite.builder("penguins")
        .addCheck(Check.error("structure")
            .hasSize(300, 400)
            .isComplete("Species")
            .isContainedIn("Species", Set.of("Adelie", "Chinstrap", "Gentoo"))
            .isContainedIn("Island", Set.of("Biscoe", "Dream", "Torgersen"))
            .hasCompleteness("Beak Length (mm)", 0.95)
            .isBetween("Flipper Length (mm)", 150, 250)
            .hasMean("Body Mass (g)", 3500, 5000)
            .hasStandardDeviation("Body Mass (g)", 500, 1000))
        .addCheck(Check.warning("labels")
            .isContainedIn("Sex", Set.of("MALE", "FEMALE"))
            .isComplete("Sex"))
        .build();
    ValidationResult result = suite.run(penguins);
    out.println("the suite: an ERROR check of structure and ranges, a WARNING check of the Sex labels");
    out.println(result.summary());

    List<RowViolation> offending = new ArrayList<>();
    suite.validateRows(penguins, offending::add);
    out.println(offending.size() + " rows break a row-level rule; the first three:");
    offending.stream().limit(3).forEach(v -> out.println("  row " + v.row() + ": " + v.violations().stream()
        .map(b -> b.severity() + " " + b.rule() + " (" + b.reason() + ")").collect(Collectors.joining("; "))));

    Table clean = penguins.dropNulls("Sex").filter(RowFilter.ge("Body Mass (g)", 3000))
        .select("Species", "Island", "Sex", "Body Mass (g)");
    out.println("cleaned (rows with a Sex and a body mass of at least 3000 g; four columns): " + describe(clean));
    out.println("  first row: " + describe(clean.row(0)));
    try {
      Path dir = Files.createTempDirectory("mlops-validation-example");
      Path csv = dir.resolve("penguins-clean.csv");
      clean.writeCsv(csv);
      CsvOptions.Builder typed = CsvOptions.builder();
      clean.schema().forEach(typed::columnType);
      Table back = TableReader.readCsv(csv, typed.build());
      out.println("written to CSV and read back with its schema: " + back.rowCount() + " rows, "
          + (back.schema().equals(clean.schema()) ? "the same columns and types" : "a different schema " + back.schema()));
      Files.delete(csv);
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    Table weather = TableReader.parseCsv(resource("seattle-weather.csv"), CsvOptions.defaults());
    Profile profile = Profile.of(weather);
    out.println();
    out.println("seattle-weather.csv, profiled: " + describe(weather));
    out.println("  weather values (most frequent first): " + profile.column("weather").topValues(5).stream()
        .map(v -> v.value() + " " + v.count()).collect(Collectors.joining(", ")));
    out.printf(Locale.ROOT, "  temp_max: mean %.2f, median about %.1f%n", profile.column("temp_max").mean(),
        profile.column("temp_max").quantile(0.5));
    ValidationSuite suggested = profile.suggestSuite("seattle-weather (suggested)");
    out.println("the profile suggests " + suggested.checks().get(0).rules().size()
        + " rules, and the data they came from passes them:");
    out.print(suggested.run(weather).summary());
    return result;
  }

  /** A table as a person reads it: {@code 344 rows; Species (string), Island (string), ...}. */
  static String describe(Table table) {
    return table.rowCount() + " rows; " + table.schema().entrySet().stream()
        .map(c -> c.getKey() + " (" + c.getValue().name().toLowerCase(Locale.ROOT) + ")")
        .collect(Collectors.joining(", "));
  }

  /** A row as {@code Species Adelie, Island Torgersen, Sex -}, with a dash for a null. */
  private static String describe(Map<String, @Nullable Object> row) {
    return row.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() == null ? "-" : e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String resource(String name) {
    try (InputStream in = ValidationExample.class.getResourceAsStream("/datasets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("data set " + name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
