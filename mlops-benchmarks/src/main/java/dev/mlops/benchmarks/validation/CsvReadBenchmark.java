package dev.mlops.benchmarks.validation;

import dev.mlops.validation.Table;
import dev.mlops.validation.io.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Issue 16's CSV target: reading the generated 5,000,000-row table ({@link ValidationData}) from CSV with type
 * inference at 3,000,000 rows/s or more on 2 cores (at most 1.67 s per operation). {@link #baselineReadBytes}
 * is the same-run baseline: streaming the file's bytes through a 1 MiB buffer, the floor any reader pays.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar CsvReadBenchmark}; rows/s is
 * {@code rows / (ms/op) * 1000}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx8g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CsvReadBenchmark {
  @Param("5000000")
  int rows;

  private Path csv;

  /** Writes the generated table as CSV. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    csv = Files.createTempFile("mlops-csv-bench", ".csv");
    ValidationData.writeCsv(ValidationData.table(rows), csv);
  }

  /** Deletes the CSV file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(csv);
  }

  /**
   * Reads the whole file into a table, every column type inferred.
   *
   * @return the table
   */
  @Benchmark
  public Table readCsv() {
    return TableReader.readCsv(csv);
  }

  /**
   * The baseline: streams the file's bytes and sums them.
   *
   * @return the byte sum
   * @throws IOException if the file cannot be read
   */
  @Benchmark
  public long baselineReadBytes() throws IOException {
    byte[] buf = new byte[1 << 20];
    long sum = 0;
    try (InputStream in = Files.newInputStream(csv)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          sum += buf[i];
        }
      }
    }
    return sum;
  }
}
