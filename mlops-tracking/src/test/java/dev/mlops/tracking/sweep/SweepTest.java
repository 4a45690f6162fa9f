package dev.mlops.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.mlops.tracking.LogCapture.stderrOf;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.TrackerOptions;
import dev.mlops.tracking.leaderboard.Aggregation;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.tracking.Run;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
  @TempDir
  Path dir;

  @Test
  void gridRunsEveryCombinationAsChildRunsInParallelAndRanksThem() {
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      SweepResult result = Sweep.builder(tracker, "sweeps")
          .choice("lr", 0.01, 0.1, 1.0)
          .choice("depth", 1, 2)
          .objective("score", Direction.MAXIMIZE)
          .parallelism(3)
          .build()
          .run((run, p) -> {
            threads.add(Thread.currentThread().getName());
            double lr = (Double) p.get("lr");
            int depth = (Integer) p.get("depth");
            if (lr == 1.0 && depth == 2) {
              throw new IllegalStateException("diverged");
            }
            run.logMetric("score", -Math.abs(Math.log10(lr) + 1) + depth);
          });
      assertThat(result.trialsRun()).isEqualTo(6);
      assertThat(result.trialsFailed()).isEqualTo(1);
      assertThat(result.leaderboard().entries()).hasSize(5);
      assertThat(result.leaderboard().best().orElseThrow().params()).containsEntry("lr", "0.1").containsEntry("depth", "2");
      List<RunSnapshot> children = tracker.searchRuns("sweeps", "attributes.run_name LIKE 'sweep-%'");
      assertThat(children).hasSize(6).allSatisfy(c -> assertThat(c.parentId()).contains(result.parentRunId()));
      assertThat(children).filteredOn(c -> c.status() == RunStatus.FAILED).hasSize(1);
      RunSnapshot parent = tracker.getRun(result.parentRunId());
      assertThat(parent.status()).isEqualTo(RunStatus.FINISHED);
      assertThat(parent.metrics()).containsEntry("trials_failed", 1.0);
    }
  }

  @Test
  void trialsRunOnTheCallerAndTheStoresWorkersAndNoThreadOfTheirOwn() throws Exception {
    ExecutorService mine = Executors.newFixedThreadPool(2, r -> new Thread(r, "host-pool"));
    try (MlopsStore store = MlopsStore.builder().storage("mem:").executor(mine, 3).open();
        Tracker tracker = Tracker.on(store)) {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      CyclicBarrier allAtOnce = new CyclicBarrier(3);
      SweepResult result = Sweep.builder(tracker, "pooled").choice("x", 1, 2, 3)
          .objective("m", Direction.MAXIMIZE).parallelism(3).build()
          .run((run, p) -> {
            threads.add(Thread.currentThread().getName());
            allAtOnce.await(30, TimeUnit.SECONDS); // three trials at once: the caller and both pool threads
            run.logMetric("m", (Integer) p.get("x"));
          });

      assertThat(result.trialsFailed()).isZero();
      assertThat(threads).containsExactlyInAnyOrder(Thread.currentThread().getName(), "host-pool");
    } finally {
      mine.shutdown();
    }
  }

  @Test
  void aFailedTrialKeepsItsStackTraceAndIsLoggedAtWarn() {
    try (MlopsStore store = MlopsStore.open("mem:"); Tracker tracker = Tracker.on(store)) {
      Sweep sweep = Sweep.builder(tracker, "failing").choice("x", 1, 2).objective("m", Direction.MAXIMIZE).build();
      SweepResult[] result = new SweepResult[1];

      String log = stderrOf(() -> result[0] = sweep.run((run, p) -> {
        if (p.getInt("x") == 2) {
          throw new IllegalStateException("diverged at x=2");
        }
        run.logMetric("m", 1);
      }));

      assertThat(result[0].trialsFailed()).isEqualTo(1);
      assertThat(log).contains("WARN").contains("trial 1").contains("diverged at x=2");
      RunSnapshot failed = tracker.searchRuns("failing", "attributes.status = 'FAILED'").get(0);
      assertThat(failed.tags().get(Run.FAILURE_STACK_TAG))
          .startsWith("java.lang.IllegalStateException: diverged at x=2").contains("\tat ");
    }
  }

  @Test
  void trialsReadTypedParamsAndAnUnknownOneIsNamed() {
    try (MlopsStore store = MlopsStore.open("mem:"); Tracker tracker = Tracker.on(store)) {
      List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      SweepResult result = Sweep.builder(tracker, "typed").choice("lr", 0.1).intRange("depth", 2, 2)
          .choice("act", "relu").objective("m", Direction.MAXIMIZE).build()
          .run((run, p) -> {
            seen.add(p.getDouble("lr") + " " + p.getInt("depth") + " " + p.getString("act") + " " + p.getDouble("depth"));
            assertThatThrownBy(() -> p.getDouble("learning_rate")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no hyperparameter 'learning_rate'").hasMessageContaining("[lr, depth, act]");
            assertThatThrownBy(() -> p.getInt("act")).hasMessageContaining("not a number");
            run.logMetric("m", 1);
          });
      assertThat(result.trialsFailed()).isZero();
      assertThat(seen).containsExactly("0.1 2 relu 2.0");
    }
  }

  @Test
  void theObjectiveAggregatesATrialsStepsAsAsked() {
    try (MlopsStore store = MlopsStore.open("mem:"); Tracker tracker = Tracker.on(store)) {
      // trial 0 peaks early (0.9 at step 1) and ends at 0.5; trial 1 ends higher (0.7) but never peaks
      TrialFunction train = (run, p) -> {
        double[] curve = p.getInt("t") == 0 ? new double[] {0.2, 0.9, 0.5} : new double[] {0.6, 0.65, 0.7};
        for (int step = 0; step < curve.length; step++) {
          run.logMetric("acc", curve[step], step);
        }
      };
      Sweep.Builder b = Sweep.builder(tracker, "agg").choice("t", 0, 1);
      assertThat(b.objective("acc", Direction.MAXIMIZE).build().run(train).leaderboard().best().orElseThrow().params())
          .containsEntry("t", "1");
      SweepResult best = b.objective("acc", Direction.MAXIMIZE, Aggregation.MAX).build().run(train);
      assertThat(best.leaderboard().best().orElseThrow().params()).containsEntry("t", "0");
      assertThat(best.leaderboard().best().orElseThrow().score()).isEqualTo(0.9);
    }
  }

  @Test
  void trialNamesAreUniqueAcrossSweepsOfOneName() {
    try (MlopsStore store = MlopsStore.open("mem:"); Tracker tracker = Tracker.on(store)) {
      Sweep sweep = Sweep.builder(tracker, "names").choice("x", 1, 2).objective("m", Direction.MAXIMIZE).build();
      sweep.run((run, p) -> run.logMetric("m", 1));
      sweep.run((run, p) -> run.logMetric("m", 1));

      List<String> names = tracker.searchRuns("names", "attributes.run_name LIKE 'sweep-%'").stream()
          .map(RunSnapshot::name).toList();
      assertThat(names).hasSize(4).doesNotHaveDuplicates();
    }
  }

  @Test
  void anObjectiveNoTrialLoggedFailsAStrictSweepWithTheClosestMetric() {
    try (MlopsStore store = MlopsStore.open("mem:");
        Tracker tracker = Tracker.on(store, TrackerOptions.builder().strictKeys(true).build())) {
      Sweep sweep = Sweep.builder(tracker, "objective").choice("x", 1).objective("acc", Direction.MAXIMIZE).build();

      assertThatThrownBy(() -> sweep.run((run, p) -> run.logMetric("accuracy", 0.9)))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("metric 'acc'")
          .hasMessageContaining("did you mean accuracy?");
    }
  }

  @Test
  void equalScoresRankInTrialOrder() {
    Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (MlopsStore store = MlopsStore.builder().storage("mem:").clock(frozen).open();
        Tracker tracker = Tracker.on(store, TrackerOptions.builder().clock(frozen).build())) {
      SweepResult result = Sweep.builder(tracker, "ties").intRange("x", 0, 7).objective("m", Direction.MAXIMIZE)
          .build().run((run, p) -> run.logMetric("m", 1));

      assertThat(result.leaderboard().entries()).extracting(e -> e.params().get("x"))
          .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    }
  }

  @Test
  void randomSearchIsReproducibleFromItsSeedAndRespectsTheBudget() {
    try (MlopsStore store = MlopsStore.open(InMemoryStorage.create()); Tracker tracker = Tracker.on(store)) {
      Sweep.Builder b = Sweep.builder(tracker, "random").logUniform("lr", 1e-4, 1).intRange("layers", 1, 4)
          .choice("act", "relu", "tanh").uniform("dropout", 0, 0.5).objective("acc", Direction.MAXIMIZE);
      List<Map<String, Object>> plan = b.random(10, 42).build().plan();
      assertThat(b.random(10, 42).parallelism(4).build().plan()).isEqualTo(plan);
      assertThat(b.random(10, 43).build().plan()).isNotEqualTo(plan);
      assertThat(plan).allSatisfy(p -> {
        assertThat((Double) p.get("lr")).isBetween(1e-4, 1.0);
        assertThat((Integer) p.get("layers")).isBetween(1, 4);
        assertThat((Double) p.get("dropout")).isBetween(0.0, 0.5);
      });
      SweepResult capped = b.random(10, 42).maxTrials(3).build().run((run, p) -> run.logMetric("acc", (Double) p.get("lr")));
      assertThat(capped.trialsRun()).isEqualTo(3);
      SweepResult timed = b.random(50, 1).timeBudget(Duration.ofMillis(300)).build().run((run, p) -> {
        Thread.sleep(100);
        run.logMetric("acc", 1);
      });
      assertThat(timed.trialsRun()).isLessThan(50);
      assertThat(timed.trialsRun() + timed.trialsSkipped()).isEqualTo(50);
      assertThatThrownBy(() -> Sweep.builder(tracker, "x").uniform("a", 0, 1).objective("m", Direction.MINIMIZE).build())
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("random search");
      assertThatThrownBy(() -> Sweep.builder(tracker, "x").objective("m", Direction.MINIMIZE).build())
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void gridPlanIsTheCartesianProductInDeclarationOrder() {
    try (MlopsStore store = MlopsStore.open(InMemoryStorage.create()); Tracker tracker = Tracker.on(store)) {
      List<Map<String, Object>> plan = Sweep.builder(tracker, "g").choice("a", 1, 2).intRange("b", 5, 7)
          .objective("m", Direction.MAXIMIZE).build().plan();
      assertThat(plan).hasSize(6);
      assertThat(plan.get(0)).isEqualTo(Map.of("a", 1, "b", 5));
      assertThat(plan.get(5)).isEqualTo(Map.of("a", 2, "b", 7));
    }
  }
}
