package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mlops.core.work.WorkerPool;
import dev.mlops.validation.io.TableReader;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Validation runs and CSV reads use core's worker pools instead of threads of their own: the pool is injectable,
 * the calling thread always works, and a run started inside a task of a busy pool completes.
 */
class WorkerPoolTest {
  private static Table numbers(int rows) {
    long[] v = new long[rows];
    for (int i = 0; i < rows; i++) {
      v[i] = i % 1000;
    }
    return Table.of(Column.ofLongs("x", v));
  }

  private static String csv(int rows) {
    StringBuilder sb = new StringBuilder("x,s\n");
    for (int i = 0; i < rows; i++) {
      sb.append(i).append(",v").append(i).append('\n');
    }
    return sb.toString();
  }

  @Test
  void aPoolOfParallelismOneValidatesOnTheCallingThreadAlone() {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    try (WorkerPool alone = WorkerPool.create("alone", 1)) {
      ValidationSuite suite = ValidationSuite.builder("s").workers(alone).parallelism(8)
          .addCheck(Check.error("c").satisfies("seen", row -> seen.add(Thread.currentThread()) || true)
              .isBetween("x", 0, 999))
          .build();
      ValidationResult r = suite.run(numbers(300_000));
      assertThat(r.status()).isEqualTo(ValidationStatus.PASSED);
      assertThat(suite.workers()).isSameAs(alone);
    }
    assertThat(seen).containsExactly(Thread.currentThread());
  }

  @Test
  void runsUseTheGivenPoolsThreadsAndNoneOfTheirOwn() {
    Set<String> names = ConcurrentHashMap.newKeySet();
    try (WorkerPool pool = WorkerPool.create("given", 4)) {
      ValidationSuite suite = ValidationSuite.builder("s").workers(pool)
          .addCheck(Check.error("c").satisfies("names", row -> names.add(Thread.currentThread().getName()) || true))
          .build();
      assertThat(suite.run(numbers(1_000_000)).status()).isEqualTo(ValidationStatus.PASSED);
    }
    assertThat(names).allMatch(n -> n.startsWith("given-") || n.equals(Thread.currentThread().getName()));
  }

  @Test
  void aRunInsideATaskOfABusyPoolCompletes() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (WorkerPool pool = WorkerPool.create("busy", 2)) {
        ValidationSuite suite = ValidationSuite.builder("s").workers(pool)
            .addCheck(Check.error("c").isBetween("x", 0, 999).hasMean("x", 0, 1000)).build();
        Table table = numbers(400_000);
        CsvOptions options = CsvOptions.builder().workers(pool).build();
        String text = csv(200_000);
        CountDownLatch release = new CountDownLatch(1);
        pool.run(job -> {
          // one task holds the pool's only helper thread until the nested work is done
          job.add(j -> release.await());
          job.add(j -> {
            assertThat(suite.run(table).status()).isEqualTo(ValidationStatus.PASSED);
            assertThat(TableReader.parseCsv(text, options).rowCount()).isEqualTo(200_000);
            release.countDown();
          });
        }, "nested validation");
      }
    });
  }

  @Test
  void csvReadsParseOnTheGivenPool() {
    try (WorkerPool alone = WorkerPool.create("alone-csv", 1)) {
      CsvOptions options = CsvOptions.builder().workers(alone).build();
      assertThat(options.workers()).isSameAs(alone);
      assertThat(options.toBuilder().build().workers()).isSameAs(alone);
      Table t = TableReader.parseCsv(csv(50_000), options);
      assertThat(t.rowCount()).isEqualTo(50_000);
      assertThat(t.column("s").getString(49_999)).isEqualTo("v49999");
    }
    assertThat(CsvOptions.defaults().workers()).isSameAs(WorkerPool.shared());
  }
}
