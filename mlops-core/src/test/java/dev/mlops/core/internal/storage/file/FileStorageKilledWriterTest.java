package dev.mlops.core.internal.storage.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.WriteBatch;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.OutputCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that dies between its batch's journal sync and the last of the batch's file writes leaves the
 * batch in the journal only; a checkpoint of a store that stays open in another process (which replays
 * nothing on open) applies it before it deletes the segment, and never writes it over a later append.
 *
 * <p>The window is made deterministic without a hook in the library: the test puts a regular file where the
 * directory of the batch's second record goes, so the writer's batch is journaled, its first write reaches
 * its file and its second fails; the child then waits and is killed with SIGKILL.
 */
class FileStorageKilledWriterTest {
  @TempDir Path dir;

  private static Storage open(Path root) {
    return FileStorageBackend.open(root, Duration.ofSeconds(30), Clock.systemUTC());
  }

  private static String text(Storage s, String key) {
    return s.records().get(key).map(r -> new String(r.value(), UTF_8)).orElse(null);
  }

  private static List<String> texts(Storage s, String series) {
    List<String> out = new ArrayList<>();
    s.series().readAll(series).forEach(e -> out.add(new String(e, UTF_8)));
    return out;
  }

  private static List<Path> segments(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("journal"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("wal-")).sorted().toList();
    }
  }

  /** Where the directory of record {@code blocked/run} goes. */
  private static Path blocker(Path root) {
    return new KeyPaths(root.resolve("records"), ".rec").pathOf("blocked/run").getParent();
  }

  /** Runs a child that writes {@link StorageWorkerMain#HALF_BATCH} half and kills it; the store stays open here. */
  private void killAfterHalfABatch(Storage survivor, Path root) throws Exception {
    Files.write(blocker(root), new byte[] {1});
    Path stderr = dir.resolve("stderr.txt");
    Process child = ChildJvm.start(StorageWorkerMain.class, dir, stderr, "half", root.toString());
    OutputCollector out = OutputCollector.of(child);
    try {
      assertThat(out.awaitLines(1, 60_000)).as("the child wrote half its batch; stderr: %s", ChildJvm.errors(stderr))
          .isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(out.finish()).containsExactly("half");
    assertThat(text(survivor, "runs/a/index")).as("the first write of the batch").isEqualTo("index");
    assertThat(text(survivor, "runs/a/run")).as("the last write of the batch is only in the journal").isNull();
    assertThat(texts(survivor, "points/a")).isEmpty();
    Files.delete(blocker(root));
  }

  /** Writes batches until the journal passes a segment, so a background checkpoint runs; waits until it ran. */
  private static void fillASegment(Storage s, Path root, Path segment) throws Exception {
    byte[] big = new byte[256 * 1024];
    int batches = (int) (JournaledBatches.SEGMENT_BYTES / big.length) + 2;
    for (int i = 0; i < batches; i++) {
      WriteBatch.Result r = s.write(WriteBatch.builder().compareAndSet("fill/" + i, 0, big).build());
      assertThat(r.failure()).isEmpty();
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (Files.exists(segment) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(segment).as("the background checkpoint deleted the segment holding the killed writer's batch")
        .doesNotExist();
  }

  private static void assertBatchWhole(Storage s, String context) {
    assertThat(text(s, "runs/a/index")).as(context).isEqualTo("index");
    assertThat(text(s, "blocked/run")).as(context).isEqualTo("blocked");
    assertThat(texts(s, "points/a")).as(context).containsExactly("p1", "p2", "p3");
    assertThat(text(s, "runs/a/run")).as(context).isEqualTo("run");
  }

  @Test
  void aCheckpointOfAnotherProcessAppliesTheBatchOfAWriterKilledMidApplyBeforeDeletingItsSegment()
      throws Exception {
    Path root = dir.resolve("store");
    try (Storage survivor = open(root)) {
      killAfterHalfABatch(survivor, root);
      Path segment = segments(root).get(segments(root).size() - 1);
      fillASegment(survivor, root, segment);
      assertBatchWhole(survivor, "read by the surviving process after its checkpoint");
    }
    try (Storage again = open(root)) {
      assertBatchWhole(again, "after reopening");
    }
  }

  @Test
  void aCheckpointAppliesAgainABatchWhoseFileWritesFailedInItsOwnProcess() throws Exception {
    Path root = dir.resolve("store");
    try (Storage s = open(root)) {
      Files.write(blocker(root), new byte[] {1});
      assertThatThrownBy(() -> s.write(StorageWorkerMain.HALF_BATCH)).isInstanceOf(StorageException.class)
          .hasMessageContaining("durable in the journal");
      assertThat(text(s, "runs/a/run")).isNull();
      Files.delete(blocker(root));
      fillASegment(s, root, segments(root).get(segments(root).size() - 1));
      assertBatchWhole(s, "after the checkpoint");
    }
  }

  /**
   * The killed writer's two frames never reached the series, and another process appended there since (a
   * frame of another length, at the offset of the first): the next open writes neither journaled frame, the
   * second of which would land inside the acknowledged one.
   */
  @Test
  void aJournaledFrameOfAKilledWriterNeverOverwritesALaterAppendAtItsOffset() throws Exception {
    Path root = dir.resolve("store");
    try (Storage survivor = open(root)) {
      killAfterHalfABatch(survivor, root);
      survivor.series().append("points/a", List.of("a longer entry of the surviving process".getBytes(UTF_8)));
      try (Storage opened = open(root)) { // a replay on open, while the killed writer's entry is journaled
        assertThat(texts(opened, "points/a")).containsExactly("a longer entry of the surviving process");
        assertThat(text(opened, "runs/a/run")).isEqualTo("run");
      }
      assertThat(texts(survivor, "points/a")).containsExactly("a longer entry of the surviving process");
    }
  }

  /** The same with a background checkpoint of the surviving process, which then appends again. */
  @Test
  void aBackgroundCheckpointNeverWritesAKilledWritersFrameOverALaterAppend() throws Exception {
    Path root = dir.resolve("store");
    try (Storage survivor = open(root)) {
      killAfterHalfABatch(survivor, root);
      Path segment = segments(root).get(segments(root).size() - 1);
      survivor.series().append("points/a", List.of("a longer entry of the surviving process".getBytes(UTF_8)));
      fillASegment(survivor, root, segment);
      assertThat(texts(survivor, "points/a")).containsExactly("a longer entry of the surviving process");
      assertThat(text(survivor, "runs/a/run")).isEqualTo("run");
      survivor.series().append("points/a", List.of("next".getBytes(UTF_8)));
      assertThat(texts(survivor, "points/a")).containsExactly("a longer entry of the surviving process", "next");
    }
  }

  /**
   * Another store instance's put, then a delete of the same record: a checkpoint applies the put again only
   * if it is the record's last journaled write, so the record stays deleted.
   */
  @Test
  void aCheckpointNeverBringsBackARecordDeletedAfterAnotherInstancesPut() throws Exception {
    Path root = dir.resolve("store");
    try (Storage other = open(root); Storage s = open(root)) {
      assertThat(other.write(WriteBatch.builder().compareAndSet("r", 0, "v1".getBytes(UTF_8)).build()).failure())
          .isEmpty();
      assertThat(s.records().delete("r", 1)).isTrue();
      fillASegment(s, root, segments(root).get(segments(root).size() - 1));
      assertThat(s.records().get("r")).isEmpty();
      assertThat(other.records().get("r")).isEmpty();
    }
    try (Storage again = open(root)) {
      assertThat(again.records().get("r")).isEmpty();
    }
  }
}
