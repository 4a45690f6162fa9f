package dev.mlops.tracking.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConflictException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import org.junit.jupiter.api.Test;

/** The store owns its trackers' writers, and one process-wide hook flushes the writers left open at exit. */
class ShutdownFlushTest {
  @Test
  void closingTheStoreFlushesAndStopsTheWritersOfTrackersNobodyClosed() {
    Storage memory = InMemoryStorage.create();
    int before = ShutdownFlush.openWriters();
    MlopsStore store = MlopsStore.open(unclosed(memory));
    Tracker first = Tracker.on(store);
    Tracker second = Tracker.on(store);
    Run run = first.startRun("lifecycle");
    run.logMetric("loss", 0.5, 1);
    assertThat(ShutdownFlush.openWriters()).as("writers the exit hook would flush").isEqualTo(before + 2);

    store.close();

    assertThat(ShutdownFlush.openWriters()).isEqualTo(before);
    assertThatThrownBy(() -> second.startRun("lifecycle")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("tracker is closed");
    try (MlopsStore reopened = MlopsStore.open(unclosed(memory)); Tracker reader = Tracker.on(reopened)) {
      assertThat(reader.metricHistory(run.id(), "loss")).singleElement()
          .satisfies(p -> assertThat(p.value()).isEqualTo(0.5));
    }
    memory.close();
  }

  @Test
  void aTrackerOnAClosedStoreIsRefusedAndLeavesNoWriterBehind() {
    MlopsStore store = MlopsStore.open("mem:");
    store.close();
    int before = ShutdownFlush.openWriters();

    assertThatThrownBy(() -> Tracker.on(store)).isInstanceOf(IllegalStateException.class);
    assertThat(ShutdownFlush.openWriters()).isEqualTo(before);
  }

  private static Storage unclosed(Storage memory) {
    return Storage.compose("shared memory", memory.blobs(), memory.records(), memory.series());
  }
}
