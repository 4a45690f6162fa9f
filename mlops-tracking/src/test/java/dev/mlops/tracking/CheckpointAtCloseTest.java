package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.InMemoryStorage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tracker that started many runs of an experiment leaves its run catalog checkpoint current when it
 * closes, so the next process's first search (a UI over the store) reads a few pages, not every run record.
 */
class CheckpointAtCloseTest {
  private final Storage storage = InMemoryStorage.create();

  private MlopsStore open() {
    return MlopsStore.open(Storage.compose("mem:shared", storage.blobs(), storage.records(), storage.series()));
  }

  private List<String> checkpointKeys(String experimentId) {
    return storage.records().listKeys("tracking/catalog/" + experimentId + "/");
  }

  @Test
  void closingATrackerThatStartedManyRunsWritesTheCheckpoint() {
    String big;
    String small;
    try (MlopsStore store = open(); Tracker tracker = Tracker.on(store)) {
      big = tracker.experiment("big").id();
      small = tracker.experiment("small").id();
      for (int i = 0; i < 1000; i++) {
        Run run = tracker.startRun("big");
        run.logParam("i", i);
        run.finish();
      }
      for (int i = 0; i < 3; i++) {
        tracker.startRun("small").finish();
      }
      assertThat(checkpointKeys(big)).as("nothing searched yet, so no checkpoint before close").isEmpty();
    }
    assertThat(checkpointKeys(big)).contains("tracking/catalog/" + big + "/pages");
    assertThat(checkpointKeys(small)).as("3 runs: no checkpoint, no listing at close").isEmpty();

    // a later tracker that adds a few runs and searched the experiment brings the pages up to date at close
    String added;
    try (MlopsStore store = open(); Tracker tracker = Tracker.on(store)) {
      assertThat(tracker.searchRuns("big", "")).hasSize(1000);
      Run run = tracker.startRun("big", "added-late");
      added = run.id();
      run.finish();
    }
    byte[] page = storage.records().listKeys("tracking/catalog/" + big + "/page-").stream()
        .map(k -> storage.records().get(k).orElseThrow().value())
        .filter(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).contains(added))
        .findFirst().orElse(null);
    assertThat(page).as("the page of the run added by the second tracker").isNotNull();
    try (MlopsStore store = open(); Tracker tracker = Tracker.on(store)) {
      assertThat(tracker.searchRuns("big", "attributes.run_name = 'added-late'")).hasSize(1);
    }
  }
}
