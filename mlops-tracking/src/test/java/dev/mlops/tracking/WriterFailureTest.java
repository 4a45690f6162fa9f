package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.MlopsException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.StorageException;
import dev.mlops.core.storage.FileStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real file backend made to fail (its series directory replaced by a plain file): logging never throws,
 * flush reports the failure, and once the directory is back the kept points are written and nothing is lost.
 */
class WriterFailureTest {
  @TempDir
  Path dir;

  private void breakSeries() throws Exception {
    Files.move(dir.resolve("series"), dir.resolve("series-aside"));
    Files.writeString(dir.resolve("series"), "not a directory");
  }

  private void repairSeries() throws Exception {
    Files.delete(dir.resolve("series"));
    // the writer keeps retrying and may create an empty series directory meanwhile: rename over it
    Files.move(dir.resolve("series-aside"), dir.resolve("series"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void failuresSurfaceOnFlushAndKeptPointsAreWrittenAfterRepair() throws Exception {
    List<MlopsException> heard = new CopyOnWriteArrayList<>();
    TrackerOptions options = TrackerOptions.builder().failureListener(heard::add)
        .flushTimeout(Duration.ofSeconds(20)).build();
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store, options)) {
      Run run = tracker.startRun("exp");
      run.logMetric("warmup", 1);
      run.flush();
      breakSeries();
      for (int i = 0; i < 500; i++) {
        run.logMetric("loss", i, i);
      }
      assertThatThrownBy(run::flush).isInstanceOf(StorageException.class).hasMessageContaining("not yet durable");
      assertThat(heard).isNotEmpty();
      repairSeries();
      run.flush();
      run.finish();
      assertThat(tracker.metricHistory(run.id(), "loss")).hasSize(500);
      assertThat(tracker.getRun(run.id()).metrics()).containsEntry("loss", 499.0);
    }
  }

  @Test
  void aFullQueueDropsAfterTheOfferTimeoutAndTheNextFlushSaysSo() throws Exception {
    TrackerOptions options = TrackerOptions.builder().queueCapacity(16).offerTimeout(Duration.ZERO)
        .flushTimeout(Duration.ofSeconds(2)).build();
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir))) {
      Tracker tracker = Tracker.on(store, options);
      Run run = tracker.startRun("exp");
      breakSeries();
      for (int i = 0; i < 5000; i++) {
        run.logMetric("loss", i, i); // never throws although the backend is down and the queue is full
      }
      List<String> failures = new java.util.ArrayList<>();
      try {
        run.flush();
      } catch (StorageException e) {
        failures.add(e.getMessage());
      }
      assertThat(failures).hasSize(1);
      repairSeries();
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          run.flush();
          break;
        } catch (StorageException e) {
          failures.add(e.getMessage());
        }
      }
      // the drop is reported exactly once, by the first flush the writer could answer
      assertThat(failures).filteredOn(m -> m.contains("dropped")).hasSize(1);
      run.flush();
      run.finish();
      tracker.close();
      int kept = tracker.metricHistory(run.id(), "loss").size();
      assertThat(kept).isGreaterThan(0).isLessThan(5000);
    }
  }

  /**
   * A flush that finds no round in progress writes the round on its own thread, so the failure listener may
   * run there: a listener that flushes and logs from inside the round neither deadlocks nor hides the failure
   * from the flush that led the round.
   */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aListenerThatFlushesAndLogsInsideARoundNeitherDeadlocksNorHidesTheFailure() throws Exception {
    List<MlopsException> heard = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicReference<Run> current = new java.util.concurrent.atomic.AtomicReference<>();
    TrackerOptions options = TrackerOptions.builder().flushTimeout(Duration.ofSeconds(20)).failureListener(e -> {
      heard.add(e);
      Run r = current.get();
      r.flush(); // inside the round: returns at once
      r.logMetric("heard", heard.size());
    }).build();
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store, options)) {
      Run run = tracker.startRun("exp");
      current.set(run);
      breakSeries();
      run.logMetric("loss", 1.0, 1);
      assertThatThrownBy(run::flush).isInstanceOf(StorageException.class).hasMessageContaining("not yet durable");
      assertThat(heard).isNotEmpty();
      repairSeries();
      run.finish();
      assertThat(tracker.metricHistory(run.id(), "loss")).hasSize(1);
      assertThat(tracker.metricHistory(run.id(), "heard")).isNotEmpty();
    }
  }
}
