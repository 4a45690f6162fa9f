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
import java.util.Set;

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
    out.println("penguins: " + penguins);

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
    out.println(result.summary());

    List<RowViolation> offending = new ArrayList<>();
    suite.validateRows(penguins, offending::add);
    out.println("rows breaking a row-level rule: " + offending.size());
    offending.stream().limit(3).forEach(v -> out.println("  row " + v.row() + ": " + v.violations()));

    Table clean = penguins.dropNulls("Sex").filter(RowFilter.ge("Body Mass (g)", 3000))
        .select("Species", "Island", "Sex", "Body Mass (g)");
    out.println("clean penguins: " + clean + "; first rows " + clean.head(2).row(0) + ", " + clean.head(2).row(1));
    try {
      Path dir = Files.createTempDirectory("mlops-validation-example");
      Path csv = dir.resolve("penguins-clean.csv");
      clean.writeCsv(csv);
      CsvOptions.Builder typed = CsvOptions.builder();
      clean.schema().forEach(typed::columnType);
      out.println("written and read back: " + TableReader.readCsv(csv, typed.build()));
      Files.delete(csv);
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    Table weather = TableReader.parseCsv(resource("seattle-weather.csv"), CsvOptions.defaults());
    Profile profile = Profile.of(weather);
    out.println("seattle-weather: " + weather);
    out.println("  weather values: " + profile.column("weather").topValues(5));
    out.println("  temp_max mean " + profile.column("temp_max").mean() + ", median ~"
        + profile.column("temp_max").quantile(0.5));
    ValidationSuite suggested = profile.suggestSuite("seattle-weather (suggested)");
    out.println("suggested " + suggested.checks().get(0).rules().size() + " rules:");
    suggested.checks().get(0).rules().forEach(r -> out.println("  " + r.description()));
    out.println(suggested.run(weather).summary());
    return result;
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
