package dev.mlops.tracking.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.tracking.RunSnapshot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run catalog keeps a paged checkpoint once an experiment has many runs; a new catalog starts from it
 * and follows the change log, falls back to listing when any page is missing or damaged (and repairs it),
 * and keeps the checkpoint's size bounded however many updates there are.
 */
class CatalogCheckpointTest {
  private static final String EXP = "e".repeat(32);
  private Storage storage = InMemoryStorage.create();

  @TempDir
  Path dir;

  private static String id(int i) {
    // spreads runs over the buckets the way random ids do, yet stays readable in a failure
    return String.format("%08x%024x", Integer.reverse(i), i);
  }

  private static RunDocument doc(int i, Map<String, String> tags) {
    return new RunDocument(id(i), EXP, "run-" + i, null, "FINISHED", i, (long) i + 1,
        ProcessOwner.current(), i, Map.of("p", String.valueOf(i), "é", "ü\u4e2d"), tags,
        Map.of("acc", new RunDocument.LatestMetric(i / 7.0, i, 1000L + i), "nan", new RunDocument.LatestMetric(
            Double.NaN, 0, 0)));
  }

  private void create(int i) {
    RunDocument d = doc(i, Map.of());
    storage.records().create(TrackingLayout.run(EXP, d.id()), TrackingJson.write(d));
    RunChanges.append(storage.series(), EXP, List.of(d.id()));
  }

  private void update(int i, Map<String, String> tags) {
    String key = TrackingLayout.run(EXP, id(i));
    StoredRecord old = storage.records().get(key).orElseThrow();
    storage.records().compareAndSet(key, old.version(), TrackingJson.write(doc(i, tags)));
    RunChanges.append(storage.series(), EXP, List.of(id(i)));
  }

  private void deleteBehindTheLogsBack(int i) {
    String key = TrackingLayout.run(EXP, id(i));
    storage.records().delete(key, storage.records().get(key).orElseThrow().version());
  }

  private RunCatalog catalog(Duration fullRefresh) {
    return new RunCatalog(storage.records(), storage.series(), Duration.ofHours(1), fullRefresh,
        System::currentTimeMillis);
  }

  private List<String> checkpointKeys() {
    return storage.records().listKeys("tracking/catalog/" + EXP + "/");
  }

  @Test
  void aNewCatalogStartsFromTheCheckpointAndFollowsTheLog() {
    for (int i = 0; i < 1200; i++) {
      create(i);
    }
    List<RunSnapshot> listed = catalog(Duration.ofHours(1)).runs(EXP);
    assertThat(listed).hasSize(1200);
    assertThat(checkpointKeys()).contains("tracking/catalog/" + EXP + "/pages").hasSize(1 + 16);

    update(5, Map.of("k", "v"));
    create(5000);
    // deleted behind the log's back: only a listing can notice, so seeing it proves the checkpoint was used
    deleteBehindTheLogsBack(7);

    List<RunSnapshot> fromCheckpoint = catalog(Duration.ofHours(1)).runs(EXP);
    assertThat(fromCheckpoint).hasSize(1201);
    assertThat(fromCheckpoint).filteredOn(r -> r.name().equals("run-5")).singleElement()
        .satisfies(r -> assertThat(r.tags()).containsEntry("k", "v"));
    assertThat(fromCheckpoint).extracting(RunSnapshot::name).contains("run-5000", "run-7");
    RunSnapshot r9 = fromCheckpoint.stream().filter(r -> r.name().equals("run-9")).findFirst().orElseThrow();
    RunSnapshot listed9 = listed.stream().filter(r -> r.name().equals("run-9")).findFirst().orElseThrow();
    assertThat(r9.params()).isEqualTo(listed9.params()).containsEntry("é", "ü\u4e2d");
    assertThat(r9.metrics()).isEqualTo(listed9.metrics());
    assertThat(r9.startTime()).isEqualTo(listed9.startTime());
    assertThat(r9.endTime()).isEqualTo(listed9.endTime());

    assertThat(catalog(Duration.ZERO).runs(EXP)).hasSize(1200).extracting(RunSnapshot::name).doesNotContain("run-7");
  }

  @Test
  void checkpointNowWritesEveryChangedPageHoweverFewChanged() {
    for (int i = 0; i < 1100; i++) {
      create(i);
    }
    RunCatalog writer = catalog(Duration.ofHours(1));
    writer.runs(EXP);
    update(3, Map.of("k", "v"));
    create(7000);
    writer.runs(EXP);
    // two changes are far below the tenth of the runs that a search waits for before rewriting pages
    assertThat(pageHolding(id(3)).tags()).doesNotContainKey("k");
    assertThat(pageHolding(id(7000))).isNull();

    writer.checkpointNow(EXP);

    assertThat(pageHolding(id(3)).tags()).containsEntry("k", "v");
    assertThat(pageHolding(id(7000))).isNotNull();
    assertThat(CatalogCheckpoint.load(storage.records(), EXP).runs()).hasSize(1101);
  }

  @Test
  void checkpointNowOnAColdCatalogWritesTheWholeCheckpointOnceThereAreEnoughRuns() {
    for (int i = 0; i < 999; i++) {
      create(i);
    }
    catalog(Duration.ofHours(1)).checkpointNow(EXP);
    assertThat(checkpointKeys()).isEmpty();
    create(999);
    RunCatalog cold = catalog(Duration.ofHours(1));
    assertThat(cold.hasRead(EXP)).isFalse();
    cold.checkpointNow(EXP);
    assertThat(cold.hasRead(EXP)).isTrue();
    assertThat(CatalogCheckpoint.load(storage.records(), EXP).runs()).hasSize(1000);
  }

  private RunDocument pageHolding(String runId) {
    CatalogCheckpoint.Loaded loaded = CatalogCheckpoint.load(storage.records(), EXP);
    assertThat(loaded).isNotNull();
    return loaded.runs().stream().map(StoredRun::doc).filter(d -> d.id().equals(runId)).findFirst()
        .orElse(null);
  }

  @Test
  void keysAreCountedAsRunsAreAddedChangedAndRemoved() {
    for (int i = 0; i < 20; i++) {
      create(i);
    }
    RunCatalog c = catalog(Duration.ofHours(1));
    assertThat(c.runsWithKeys(EXP).keys().params()).containsExactly("p", "é");
    assertThat(c.runsWithKeys(EXP).keys().metrics()).containsExactly("acc", "nan");
    assertThat(c.runsWithKeys(EXP).keys().tags()).isEmpty();
    update(4, Map.of("only4", "x"));
    update(5, Map.of("only5", "x"));
    assertThat(c.runsWithKeys(EXP).keys().tags()).containsExactly("only4", "only5");
    update(4, Map.of()); // the tag is gone from the only run that had it
    assertThat(c.runsWithKeys(EXP).keys().tags()).containsExactly("only5");
    deleteBehindTheLogsBack(5);
    RunCatalog listing = catalog(Duration.ZERO);
    assertThat(listing.runsWithKeys(EXP).keys().tags()).isEmpty();
    assertThat(listing.runsWithKeys(EXP).runs()).hasSize(19);
  }

  @Test
  void aPageThatIsNotAPageMakesTheReaderListAndRepairIt() {
    for (int i = 0; i < 1002; i++) {
      create(i);
    }
    catalog(Duration.ofHours(1)).runs(EXP);
    String page = "tracking/catalog/" + EXP + "/page-3";
    StoredRecord c = storage.records().get(page).orElseThrow();
    byte[] torn = java.util.Arrays.copyOf(c.value(), c.value().length / 2);
    storage.records().compareAndSet(page, c.version(), torn);
    deleteBehindTheLogsBack(3);
    assertThat(catalog(Duration.ofHours(1)).runs(EXP)).hasSize(1001);
    // the listing rewrote the checkpoint whole, so the next reader starts from it again
    assertThat(CatalogCheckpoint.load(storage.records(), EXP)).isNotNull();
    deleteBehindTheLogsBack(4);
    assertThat(catalog(Duration.ofHours(1)).runs(EXP)).hasSize(1001);
  }

  @Test
  void aDamagedPageFileOnDiskFallsBackToListingNeverToWrongRuns() throws IOException {
    storage = FileStorage.open(dir);
    for (int i = 0; i < 1002; i++) {
      create(i);
    }
    catalog(Duration.ofHours(1)).runs(EXP);
    update(11, Map.of("after", "checkpoint"));
    Path pageFile;
    try (Stream<Path> files = Files.walk(dir)) {
      pageFile = files.filter(p -> p.getFileName().toString().equals("page-a.rec")).findFirst().orElseThrow();
    }
    try (FileChannel ch = FileChannel.open(pageFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, 100);
      b.put(0, (byte) (b.get(0) ^ 0x20)).rewind();
      ch.write(b, 100);
    }
    deleteBehindTheLogsBack(12);
    List<RunSnapshot> runs = catalog(Duration.ofHours(1)).runs(EXP);
    assertThat(runs).hasSize(1001).extracting(RunSnapshot::name).doesNotContain("run-12");
    assertThat(runs).filteredOn(r -> r.name().equals("run-11")).singleElement()
        .satisfies(r -> assertThat(r.tags()).containsEntry("after", "checkpoint"));
    assertThat(CatalogCheckpoint.load(storage.records(), EXP)).as("repaired by the listing").isNotNull();
  }

  @Test
  void theCheckpointStaysTheSameSizeHoweverManyUpdates() {
    for (int i = 0; i < 1500; i++) {
      create(i);
    }
    RunCatalog reader = catalog(Duration.ofHours(1));
    reader.runs(EXP);
    long fullSize = checkpointBytes();
    int records = checkpointKeys().size();
    for (int round = 0; round < 30; round++) {
      for (int i = 0; i < 200; i++) {
        update((round * 200 + i) % 1500, Map.of("round", String.valueOf(round)));
      }
      reader.runs(EXP);
    }
    assertThat(checkpointKeys()).hasSize(records);
    assertThat(checkpointBytes()).isBetween(fullSize * 9 / 10, fullSize * 11 / 10);
    // and it is current: a new reader follows only the changes after the oldest page
    CatalogCheckpoint.Loaded loaded = CatalogCheckpoint.load(storage.records(), EXP);
    assertThat(loaded).isNotNull();
    long behind = RunChanges.readFrom(storage.series(), EXP, loaded.position(), false).count;
    assertThat(behind).as("notices a new reader must follow").isLessThan(1500 * 2);
    List<RunSnapshot> fresh = catalog(Duration.ofHours(1)).runs(EXP);
    assertThat(fresh).filteredOn(r -> r.tags().get("round") != null && r.tags().get("round").equals("29")).hasSize(200);
  }

  @Test
  void olderLayoutsAreReplacedByTheFirstFullWrite() {
    RecordStore records = storage.records();
    records.create("tracking/catalog/" + EXP + "/head", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    records.create("tracking/catalog/" + EXP + "/chunk-0", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (int i = 0; i < 1000; i++) {
      create(i);
    }
    catalog(Duration.ofHours(1)).runs(EXP);
    assertThat(checkpointKeys()).noneMatch(k -> k.endsWith("/head") || k.contains("/chunk-"));
  }

  @Test
  void bucketWidthGrowsWithTheRuns() {
    assertThat(CatalogCheckpoint.digitsFor(1000)).isEqualTo(1);
    assertThat(CatalogCheckpoint.digitsFor(16_001)).isEqualTo(2);
    assertThat(CatalogCheckpoint.digitsFor(256_001)).isEqualTo(3);
    assertThat(CatalogCheckpoint.digitsFor(100_000_000)).isEqualTo(4);
    assertThat(CatalogCheckpoint.bucketOf("ab" + "0".repeat(30), 2)).isEqualTo(0xab);
  }

  private long checkpointBytes() {
    long total = 0;
    for (String key : checkpointKeys()) {
      total += storage.records().get(key).orElseThrow().value().length;
    }
    return total;
  }
}
