package dev.mlops.benchmarks.validation;

import dev.mlops.validation.Check;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Severity;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.io.TableReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Process CPU time and wall-clock time of issue 16's suite ({@link ValidationData#suite}) on the table read from its
 * CSV, run by run, and (with {@code --per-rule}) of each rule run alone: CPU time is the fair figure when other
 * processes share the cores, where {@link SuiteBenchmark}'s wall-clock times are noisy. The CSV is written once to
 * the given path and reused when it exists.
 *
 * <p>Run: {@code java -Xms4g -Xmx8g -cp mlops-benchmarks/target/benchmarks.jar
 * dev.mlops.benchmarks.validation.SuiteTiming /tmp/suite.csv [runs] [--per-rule]}.
 */
public final class SuiteTiming {
  private static final int ROWS = 5_000_000;

  private SuiteTiming() {}

  /**
   * Reads the table and times the suite.
   *
   * @param args the CSV path, then optionally the number of timed runs and {@code --per-rule}
   * @throws Exception if the file cannot be written or read
   */
  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    boolean perRule = Arrays.asList(args).contains("--per-rule");
    if (!Files.exists(csv)) {
      ValidationData.writeCsv(ValidationData.table(ROWS), csv);
    }
    Table table = TableReader.readCsv(csv);
    ValidationSuite suite = ValidationData.suite(ROWS);
    ValidationResult result = suite.run(table);
    System.out.println(result.status() + ": " + result.results().size() + " rules");
    time("suite", suite, table, runs);
    if (perRule) {
      List<Rule> rules = new ArrayList<>(suite.checks().get(0).rules());
      for (Rule r : rules) {
        ValidationSuite one = ValidationSuite.builder(r.type()).addCheck(Check.of("one", Severity.ERROR,
            List.of(r))).build();
        time(r.type() + " " + r.columns(), one, table, runs);
      }
    }
  }

  private static void time(String label, ValidationSuite suite, Table table, int runs) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < 5; i++) {
      suite.run(table);
    }
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    double[] threads = new double[runs];
    for (int i = 0; i < runs; i++) {
      long c0 = os.getProcessCpuTime();
      long j0 = javaThreadsCpu();
      long t0 = System.nanoTime();
      suite.run(table);
      wall[i] = (System.nanoTime() - t0) / 1e6;
      threads[i] = (javaThreadsCpu() - j0) / 1e6;
      cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    Arrays.sort(threads);
    System.out.printf(Locale.ROOT, "%-36s process cpu min %5.0f median %5.0f ms, java threads' cpu min %6.1f median"
        + " %6.1f ms, wall min %5.0f median %5.0f ms%n", label, cpu[0], cpu[runs / 2], threads[0], threads[runs / 2],
        wall[0], wall[runs / 2]);
  }

  /** The CPU time of the JVM's Java threads (nanosecond resolution, unlike the process's 10 ms ticks). */
  private static long javaThreadsCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : mx.getAllThreadIds()) {
      long t = mx.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }
}
