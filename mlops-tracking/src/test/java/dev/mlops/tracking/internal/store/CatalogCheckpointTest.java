package dev.mlops.tracking.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.tracking.RunSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run catalog writes a checkpoint after listing many runs; a new catalog starts from it and follows
 * the change log, and falls back to listing when a chunk does not belong to the head.
 */
class CatalogCheckpointTest {
  private static final String EXP = "e".repeat(32);
  private final Storage storage = InMemoryStorage.create();

  private RunDocument doc(int i, Map<String, String> tags) {
    return new RunDocument(String.format("%032x", i), EXP, "run-" + i, null, "FINISHED", i, (long) i + 1,
        ProcessOwner.current(), i, Map.of("p", String.valueOf(i)), tags, Map.of());
  }

  private void create(int i) {
    RunDocument d = doc(i, Map.of());
    storage.records().create(TrackingLayout.run(EXP, d.id()), TrackingJson.write(d));
    RunChanges.append(storage.series(), EXP, List.of(d.id()));
  }

  private RunCatalog catalog(Duration fullRefresh) {
    return new RunCatalog(storage.records(), storage.series(), Duration.ofHours(1), fullRefresh,
        System::currentTimeMillis);
  }

  @Test
  void aNewCatalogStartsFromTheCheckpointAndFollowsTheLog() {
    for (int i = 0; i < 1200; i++) {
      create(i);
    }
    assertThat(catalog(Duration.ofHours(1)).runs(EXP)).hasSize(1200);
    assertThat(storage.records().get("tracking/catalog/" + EXP + "/head")).isPresent();

    String changedKey = TrackingLayout.run(EXP, String.format("%032x", 5));
    StoredRecord old = storage.records().get(changedKey).orElseThrow();
    storage.records().compareAndSet(changedKey, old.version(), TrackingJson.write(doc(5, Map.of("k", "v"))));
    RunChanges.append(storage.series(), EXP, List.of(String.format("%032x", 5)));
    create(5000);
    // deleted behind the log's back: only a listing can notice, so seeing it proves the checkpoint was used
    String vanished = TrackingLayout.run(EXP, String.format("%032x", 7));
    storage.records().delete(vanished, storage.records().get(vanished).orElseThrow().version());

    List<RunSnapshot> fromCheckpoint = catalog(Duration.ofHours(1)).runs(EXP);
    assertThat(fromCheckpoint).hasSize(1201);
    assertThat(fromCheckpoint).filteredOn(r -> r.name().equals("run-5")).singleElement()
        .satisfies(r -> assertThat(r.tags()).containsEntry("k", "v"));
    assertThat(fromCheckpoint).extracting(RunSnapshot::name).contains("run-5000", "run-7");

    assertThat(catalog(Duration.ZERO).runs(EXP)).hasSize(1200).extracting(RunSnapshot::name).doesNotContain("run-7");
  }

  @Test
  void aChunkOfAnotherGenerationMakesTheReaderList() {
    for (int i = 0; i < 1000; i++) {
      create(i);
    }
    catalog(Duration.ofHours(1)).runs(EXP);
    String chunk = "tracking/catalog/" + EXP + "/chunk-0";
    StoredRecord c = storage.records().get(chunk).orElseThrow();
    storage.records().compareAndSet(chunk, c.version(), TrackingJson.write(
        new CatalogCheckpoint.Chunk("another-generation", List.of())));
    String vanished = TrackingLayout.run(EXP, String.format("%032x", 3));
    storage.records().delete(vanished, storage.records().get(vanished).orElseThrow().version());
    assertThat(catalog(Duration.ofHours(1)).runs(EXP)).hasSize(999);
  }
}
