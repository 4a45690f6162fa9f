package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.work.WorkerPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A suite's statistics are bit-identical from run to run on the same table with the same number of threads, whatever
 * the thread timing: each thread count cuts the table into the same segments, folded into states of their own and
 * merged in row order, never in the order the threads happened to take rows or finish. A rule that parks its thread
 * now and then shakes the timing; on the code that let threads take blocks from a shared counter into one state each,
 * the two-thread runs differed in the last bits of the mean, sum and spread within a few runs.
 */
class DeterministicMergeTest {
  private static final int ROWS = 1_500_000;
  private static final int RUNS = 25;

  /** Doubles of very different magnitudes, so that the order of additions shows in the last bits. */
  private static Table table() {
    Random rnd = new Random(16);
    double[] amounts = new double[ROWS];
    double[] other = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      amounts[i] = Math.abs(100 + 15 * rnd.nextGaussian()) * Math.pow(10, rnd.nextInt(12) - 6);
      other[i] = amounts[i] * 0.5 + rnd.nextGaussian();
    }
    return Table.of(Column.ofDoubles("amount", amounts), Column.ofDoubles("other", other));
  }

  private static ValidationSuite suite(WorkerPool pool, int parallelism) {
    return ValidationSuite.builder("determinism").workers(pool).parallelism(parallelism)
        .addCheck(Check.warning("statistics")
            .hasMean("amount", 0, 1e300)
            .hasSum("amount", 0, 1e300)
            .hasStandardDeviation("amount", 0, 1e300)
            .hasSampleVariance("amount", 0, 1e300)
            .hasApproxMedian("amount", 0, 1e300)
            .hasCorrelation("amount", "other", -1, 1)
            .hasMean("other", -1e300, 1e300)
            .satisfies("jitter", row -> {
              if (ThreadLocalRandom.current().nextInt(20_000) == 0) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(2_000_000));
              }
              return true;
            }))
        .build();
  }

  /** Every rule's observed value as raw bits, and its counts. */
  private static List<Long> bits(ValidationResult result) {
    List<Long> out = new ArrayList<>();
    for (RuleResult r : result.results()) {
      out.add(r.observedValue() == null ? 0L : Double.doubleToRawLongBits(r.observedValue()));
      out.add(r.elementCount());
    }
    return out;
  }

  @Test
  void statisticsAreBitIdenticalFromRunToRun() {
    Table table = table();
    for (int parallelism = 1; parallelism <= 4; parallelism++) {
      List<Long> first = null;
      try (WorkerPool pool = WorkerPool.create("determinism", parallelism)) {
        ValidationSuite suite = suite(pool, parallelism);
        for (int run = 0; run < RUNS; run++) {
          List<Long> bits = bits(suite.run(table));
          if (first == null) {
            first = bits;
          }
          assertThat(bits).as("run %d on %d threads", run, parallelism).isEqualTo(first);
        }
      }
    }
  }
}
