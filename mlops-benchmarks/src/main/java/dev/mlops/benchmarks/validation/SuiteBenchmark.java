package dev.mlops.benchmarks.validation;

import dev.mlops.validation.Check;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowValidator;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.io.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16's validation targets on the generated table ({@link ValidationData}), held the way users hold it: read
 * from its CSV file. The 12-rule suite over the loaded table (target at least 16,000,000 rows/s on 2 cores, that is
 * at most 312 ms per 5M-row operation), reading the CSV (at least 3,000,000 rows/s, at most 1,667 ms), both in one
 * go (at least 2,000,000 rows/s, at most 2.5 s), and single-record validation with a 10-rule row-level suite
 * (median at most 2 us, issue 5). {@link #baselineSumAmount} is an in-process baseline: one plain pass summing a
 * column; {@link #isUniqueEmail} runs the uniqueness rule alone on the e-mail column beside its baseline
 * {@link #baselineHashSetEmail}, a {@code HashSet} of the same strings.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar SuiteBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx8g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class SuiteBenchmark {
  @Param("5000000")
  int rows;

  private Table table;
  private ValidationSuite suite;
  private ValidationSuite unique;
  private Path csv;

  /** Generates the CSV file and the suite, and loads the table from the file. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    suite = ValidationData.suite(rows);
    unique = ValidationSuite.builder("unique e-mail").addCheck(Check.error("key").isUnique("email")).build();
    csv = Files.createTempFile("mlops-validation-bench", ".csv");
    ValidationData.writeCsv(ValidationData.table(rows), csv);
    table = TableReader.readCsv(csv);
  }

  /** Deletes the CSV file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(csv);
  }

  /**
   * Runs the 12-rule suite over the in-memory table.
   *
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ValidationResult runSuite() {
    return suite.run(table);
  }

  /**
   * Reads the table from CSV with type inference.
   *
   * @return the table
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Table readCsv() {
    return TableReader.readCsv(csv);
  }

  /**
   * Reads the table from CSV and runs the suite over it, as a pipeline step does.
   *
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ValidationResult readCsvAndRunSuite() {
    return suite.run(TableReader.readCsv(csv));
  }

  /**
   * Runs {@code isUnique} alone on the e-mail column (5,000,000 distinct addresses held as UTF-8 bytes, as read
   * from the CSV file); {@link #baselineHashSetEmail} is its baseline.
   *
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ValidationResult isUniqueEmail() {
    return unique.run(table);
  }

  /**
   * The baseline of {@link #isUniqueEmail}: the e-mail column's values added to a plain {@code HashSet<String>} on
   * one thread.
   *
   * @return the number of distinct values
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int baselineHashSetEmail() {
    Column c = table.column("email");
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < c.size(); r++) {
      if (!c.isNull(r)) {
        seen.add(c.getString(r));
      }
    }
    return seen.size();
  }

  /**
   * The baseline: one pass summing the amount column, skipping nulls.
   *
   * @return the sum
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double baselineSumAmount() {
    Column c = table.column("amount");
    double s = 0;
    for (int r = 0; r < c.size(); r++) {
      if (!c.isNull(r)) {
        s += c.getDouble(r);
      }
    }
    return s;
  }

  /** A model server's state: a 10-rule row-level validator and a reusable row per thread. */
  @State(Scope.Thread)
  public static class RecordState {
    RowValidator.Row row;
    int amount;
    int category;
    int email;
    long n;

    /** Builds the validator and the row. */
    @Setup(Level.Trial)
    public void setUp() {
      ValidationSuite s = ValidationSuite.builder("request").addCheck(Check.error("request")
          .isComplete("id")
          .isPositive("id")
          .isComplete("category")
          .isContainedIn("category", ValidationData.CATEGORIES)
          .isComplete("amount")
          .isBetween("amount", 0, 10_000)
          .isComplete("email")
          .hasLength("email", 3, 254)
          .hasPattern("email", "^[a-z0-9]+@[a-z]+\\.[a-z]{2,}$")
          .isContainedIn("country", Set.of("DE", "FR", "US"))).build();
      RowValidator v = s.rowValidator(Map.of("id", ColumnType.LONG, "category", ColumnType.STRING,
          "amount", ColumnType.DOUBLE, "email", ColumnType.STRING, "country", ColumnType.STRING));
      row = v.newRow();
      amount = row.indexOf("amount");
      category = row.indexOf("category");
      email = row.indexOf("email");
      row.setLong("id", 7).setString("country", "DE");
    }
  }

  /**
   * Validates one incoming record (fields set, then the 10 rules judged).
   *
   * @param s the per-thread state
   * @return whether the record is valid
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 3, time = 5)
  public boolean validateRecord(RecordState s) {
    long i = s.n++;
    s.row.setDouble(s.amount, 50 + (i & 63));
    s.row.setString(s.category, (i & 1) == 0 ? "category-03" : "category-17");
    s.row.setString(s.email, (i & 3) == 0 ? "bad email" : "user7@example.com");
    return s.row.isValid();
  }
}
