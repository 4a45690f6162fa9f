package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.mlops.tracking.LogCapture.stderrOf;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.leaderboard.Direction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Papercuts a new user hit: half-logged params, and typos that silently return nothing. */
class TrackingPapercutsTest {
  private MlopsStore store;
  private Tracker tracker;

  @BeforeEach
  void open() {
    store = MlopsStore.open("mem:");
    tracker = Tracker.on(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void logParamsRecordsNoneWhenOneConflicts() {
    Run run = tracker.startRun("params");
    run.logParam("lr", 0.1);
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("depth", 3);
    batch.put("lr", 0.2);

    assertThatThrownBy(() -> run.logParams(batch)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("'lr'").hasMessageContaining("none of the 2 params was logged");
    run.finish();

    assertThat(tracker.getRun(run.id()).params()).containsOnlyKeys("lr").containsEntry("lr", "0.1");
  }

  @Test
  void logParamsRecordsNoneWhenOneIsNull() {
    Run run = tracker.startRun("params");
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("depth", 3);
    batch.put("act", null);

    assertThatThrownBy(() -> run.logParams(batch)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'act' has a null value");
    run.finish();

    assertThat(tracker.getRun(run.id()).params()).isEmpty();
  }

  @Test
  void aSearchOnAMetricNoRunHasWarnsWithTheClosestKeys() {
    logged("val_accuracy", 0.9);

    String log = stderrOf(() -> assertThat(tracker.searchRuns("typos", "metrics.val_acuracy > 0.5")).isEmpty());

    assertThat(log).contains("WARN").contains("'val_acuracy'").contains("did you mean val_accuracy?");
  }

  @Test
  void aStrictTrackerFailsASearchOrLeaderboardOnAMetricNoRunHas() {
    logged("val_accuracy", 0.9);
    try (Tracker strict = Tracker.on(store, TrackerOptions.builder().strictKeys(true).build())) {
      assertThatThrownBy(() -> strict.searchRuns("typos", "metrics.`val-accuracy` > 0.5"))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("did you mean val_accuracy?");
      assertThatThrownBy(() -> strict.leaderboard("typos").metric("valaccuracy", Direction.MAXIMIZE).build())
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("did you mean val_accuracy?");
      assertThatThrownBy(() -> strict.searchRuns("typos", "", List.of("params.learning_rte DESC"), 10, null))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("param 'learning_rte'")
          .hasMessageContaining("did you mean learning_rate?");
      assertThat(strict.searchRuns("typos", "metrics.val_accuracy > 0.5")).hasSize(1);
    }
  }

  @Test
  void aLeaderboardOnAMetricNoRunHasWarnsAndIsEmpty() {
    logged("val_accuracy", 0.9);

    String log = stderrOf(() -> assertThat(tracker.leaderboard("typos").metric("accuracy", Direction.MAXIMIZE)
        .build().entries()).isEmpty());

    assertThat(log).contains("metric 'accuracy'").contains("did you mean val_accuracy?");
  }

  private void logged(String metric, double value) {
    Run run = tracker.startRun("typos");
    run.logParam("learning_rate", 0.1);
    run.logMetric(metric, value);
    run.finish();
  }
}
