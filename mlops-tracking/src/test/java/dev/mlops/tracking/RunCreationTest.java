package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.tracking.internal.store.TrackingLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating runs on the file backend from many threads at once, whose closes share the writer's rounds
 * and the directory syncs: every run closed is whole, after a reopen too; and a run whose index record is
 * missing (a crash between the two writes that start makes side by side) is still found by id.
 */
class RunCreationTest {
  @TempDir
  Path dir;

  @Test
  void runsClosedByEightThreadsAtOnceAreAllWhole() throws Exception {
    int threads = 8;
    int perThread = 25;
    Map<String, Long> closed = new ConcurrentHashMap<>();
    List<Throwable> failures = new ArrayList<>();
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        all.add(new Thread(() -> {
          try {
            go.await();
            for (int i = 0; i < perThread; i++) {
              long n = thread * 1000L + i;
              try (Run run = tracker.startRun("runs", "small-" + n)) {
                ChildLogger.logSmallRun(run, n);
                run.finish();
                closed.put(run.id(), n);
              }
            }
          } catch (Throwable e) {
            synchronized (failures) {
              failures.add(e);
            }
          }
        }));
      }
      all.forEach(Thread::start);
      go.countDown();
      for (Thread t : all) {
        t.join();
      }
      assertThat(failures).isEmpty();
      assertThat(closed).hasSize(threads * perThread);
      assertWhole(tracker, closed);
    }
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
      assertWhole(tracker, closed);
    }
  }

  private static void assertWhole(Tracker tracker, Map<String, Long> closed) {
    List<RunSnapshot> found = tracker.searchRuns("runs", "attributes.status = 'FINISHED'");
    assertThat(found).extracting(RunSnapshot::id).containsExactlyInAnyOrderElementsOf(closed.keySet());
    for (RunSnapshot run : found) {
      long n = closed.get(run.id());
      assertThat(run.name()).isEqualTo("small-" + n);
      assertThat(run.params()).containsEntry("n", String.valueOf(n)).containsEntry("lr", "0.1");
      assertThat(run.metrics()).containsEntry("acc", n / 1000.0).containsEntry("loss", (double) -n);
      assertThat(run.tags()).containsEntry("team", "t" + (n % 7));
      assertThat(tracker.metricHistory(run.id(), "loss")).singleElement()
          .satisfies(p -> assertThat(p.value()).isEqualTo(-n));
    }
  }

  @Test
  void aRunWithoutItsIndexRecordIsFoundById() {
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
      tracker.experiment("other");
      String id;
      try (Run run = tracker.startRun("runs", "orphan")) {
        run.logMetric("acc", 0.5);
        run.finish();
        id = run.id();
      }
      RecordStore records = store.storage().records();
      String index = TrackingLayout.runIndex(id);
      assertThat(records.delete(index, records.get(index).orElseThrow().version())).isTrue();
      assertThat(tracker.getRun(id).name()).isEqualTo("orphan");
      assertThat(tracker.metricHistory(id, "acc")).singleElement().satisfies(p -> assertThat(p.value()).isEqualTo(0.5));
    }
  }
}
