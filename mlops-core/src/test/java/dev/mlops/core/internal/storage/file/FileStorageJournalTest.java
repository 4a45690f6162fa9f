package dev.mlops.core.internal.storage.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageContents;
import dev.mlops.core.spi.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file backend's write-ahead journal: what a crash of the machine leaves (files that lost writes the
 * journal holds) is restored on open, replaying is idempotent and never undoes a later write, a torn tail
 * is cut off, a damaged acknowledged frame stops the open with the file and offset, checkpoints drop
 * segments once their files are synced.
 *
 * <p>A machine crash is imitated by copying the store directory while the writer still has it open (so
 * its journal is not checkpointed) and then undoing, in the copy, file writes the journal holds.
 */
class FileStorageJournalTest {
  @TempDir Path dir;

  private static Storage open(Path root) {
    return FileStorageBackend.open(root, Duration.ofSeconds(10), Clock.systemUTC());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static List<String> texts(List<byte[]> entries) {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> out.add(new String(e, UTF_8)));
    return out;
  }

  private static void write(Storage s, WriteBatch.Builder b) {
    WriteBatch.Result r = s.write(b.build());
    assertThat(r.failure()).isEmpty();
  }

  /** Copies a store directory (the state a crash of the machine could leave, before file writes are undone). */
  private Path crashCopy(Path root, String name) throws IOException {
    Path copy = dir.resolve(name);
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = copy.resolve(root.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return copy;
  }

  private static List<Path> segments(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("journal"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("wal-")).sorted().toList();
    }
  }

  private static Path lastSegment(Path root) throws IOException {
    List<Path> all = segments(root);
    return all.get(all.size() - 1);
  }

  private static Path recordFile(Path root, String key) {
    return new KeyPaths(root.resolve("records"), ".rec").pathOf(key);
  }

  private static Path seriesFile(Path root, String key) {
    return new KeyPaths(root.resolve("series"), ".log").pathOf(key);
  }

  @Test
  void writesTheFilesLostInACrashOfTheMachineAreRestoredFromTheJournal() throws IOException {
    Path root = dir.resolve("store");
    Path copy;
    String before;
    try (Storage s = open(root)) {
      write(s, WriteBatch.builder().compareAndSet("runs/a", 0, bytes("a1")).append("points/a", List.of(bytes("p1"))));
      write(s, WriteBatch.builder().compareAndSet("runs/a", 1, bytes("a2"))
          .append("points/a", List.of(bytes("p2"), bytes("p3"))).compareAndSet("runs/b", 0, bytes("b1")));
      before = StorageContents.of(s);
      copy = crashCopy(root, "crashed");
    }
    // undo what never reached the disk: a record whose new slot is lost, a new record, a series' last frame
    Files.write(recordFile(copy, "runs/a"), new byte[(int) Files.size(recordFile(copy, "runs/a"))]);
    Files.delete(recordFile(copy, "runs/b"));
    try (FileChannel ch = FileChannel.open(seriesFile(copy, "points/a"), StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 5);
    }
    try (Storage again = open(copy)) {
      assertThat(StorageContents.of(again)).isEqualTo(before);
      assertThat(again.records().get("runs/a").orElseThrow().version()).isEqualTo(2);
      assertThat(texts(again.series().readAll("points/a"))).containsExactly("p1", "p2", "p3");
      assertThat(again.records().compareAndSet("runs/a", 2, bytes("a3"))).isTrue();
    }
    assertThat(segments(copy)).hasSize(1);
    assertThat(Files.size(segments(copy).get(0))).as("the replayed journal is checkpointed").isZero();
  }

  /**
   * A batch checks each file once and writes through the descriptor it checked with; a key written twice in one
   * batch (a record updated twice, a new and an existing series appended to twice) gets every write in order,
   * and a crash of the machine that loses them is repaired from the journal.
   */
  @Test
  void aBatchWritingAKeyTwiceKeepsBothWritesInOrderAndReplaysThem() throws IOException {
    Path root = dir.resolve("store");
    Path copy;
    String before;
    try (Storage s = open(root)) {
      write(s, WriteBatch.builder().compareAndSet("runs/a", 0, bytes("a1")).append("points/old", List.of(bytes("o1"))));
      write(s, WriteBatch.builder().compareAndSet("runs/a", 1, bytes("a2")).compareAndSet("runs/a", 2, bytes("a3"))
          .compareAndSet("runs/b", 0, bytes("b1")).compareAndSet("runs/b", 1, bytes("b2"))
          .append("points/new", List.of(bytes("n1"))).append("points/new", List.of(bytes("n2"), bytes("n3")))
          .append("points/old", List.of(bytes("o2"))).append("points/old", List.of(bytes("o3")))
          .compareAndSet("runs/a", 2, bytes("stale")));
      assertThat(s.records().get("runs/a").map(r -> new String(r.value(), UTF_8))).hasValue("a3");
      assertThat(s.records().get("runs/a").orElseThrow().version()).isEqualTo(3);
      assertThat(s.records().get("runs/b").map(r -> new String(r.value(), UTF_8))).hasValue("b2");
      assertThat(texts(s.series().readAll("points/new"))).containsExactly("n1", "n2", "n3");
      assertThat(texts(s.series().readAll("points/old"))).containsExactly("o1", "o2", "o3");
      before = StorageContents.of(s);
      copy = crashCopy(root, "crashed");
    }
    Files.delete(recordFile(copy, "runs/b"));
    Files.delete(seriesFile(copy, "points/new"));
    try (FileChannel ch = FileChannel.open(seriesFile(copy, "points/old"), StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3);
    }
    try (Storage again = open(copy)) {
      assertThat(StorageContents.of(again)).isEqualTo(before);
      write(again, WriteBatch.builder().compareAndSet("runs/b", 2, bytes("b3")).append("points/new", List.of(bytes("n4"))));
      assertThat(texts(again.series().readAll("points/new"))).containsExactly("n1", "n2", "n3", "n4");
    }
  }

  @Test
  void replayingTwiceChangesNothingAndNeverUndoesALaterWriteOrDelete() throws IOException {
    Path root = dir.resolve("store");
    Path copy;
    try (Storage s = open(root)) {
      write(s, WriteBatch.builder().compareAndSet("r", 0, bytes("1")).compareAndSet("k", 0, bytes("old"))
          .append("s", List.of(bytes("x"))));
      assertThat(s.records().compareAndSet("r", 1, bytes("2 (not journaled)"))).isTrue();
      assertThat(s.records().delete("k", 1)).isTrue();
      assertThat(s.records().create("k", bytes("new"))).isTrue();
      s.series().append("s", List.of(bytes("y")));
      copy = crashCopy(root, "crashed");
    }
    List<Path> journal = segments(copy);
    Path saved = dir.resolve("saved-journal");
    Files.createDirectories(saved);
    for (Path p : journal) {
      Files.copy(p, saved.resolve(p.getFileName()));
    }
    String first;
    try (Storage again = open(copy)) {
      first = StorageContents.of(again);
      assertThat(new String(again.records().get("r").orElseThrow().value(), UTF_8)).isEqualTo("2 (not journaled)");
      assertThat(new String(again.records().get("k").orElseThrow().value(), UTF_8)).isEqualTo("new");
      assertThat(texts(again.series().readAll("s"))).containsExactly("x", "y");
    }
    for (Path p : journal) { // the same entries once more, as if the first replay had crashed before its checkpoint
      Files.copy(saved.resolve(p.getFileName()), p, StandardCopyOption.REPLACE_EXISTING);
    }
    try (Storage again = open(copy)) {
      assertThat(StorageContents.of(again)).isEqualTo(first);
    }
  }

  @Test
  void aTornJournalTailIsABatchThatNeverReturnedAndIsCutOff() throws IOException {
    Path root = dir.resolve("store");
    Path copy;
    String before;
    try (Storage s = open(root)) {
      write(s, WriteBatch.builder().compareAndSet("r", 0, bytes("1")));
      before = StorageContents.of(s);
      copy = crashCopy(root, "crashed");
    }
    Path segment = lastSegment(copy);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      // the start of a frame (magic, a length of 4,000) whose bytes never made it
      ByteBuffer torn = ByteBuffer.allocate(40).putInt(0x4D4C5346).putInt(4000).putInt(123);
      ch.write(torn.flip(), ch.size());
    }
    try (Storage again = open(copy)) {
      assertThat(StorageContents.of(again)).isEqualTo(before);
      write(again, WriteBatch.builder().compareAndSet("r", 1, bytes("2")));
      assertThat(again.records().get("r").orElseThrow().version()).isEqualTo(2);
    }
  }

  @Test
  void aDamagedAcknowledgedFrameStopsTheOpenNamingTheFileAndOffset() throws IOException {
    Path root = dir.resolve("store");
    Path copy;
    try (Storage s = open(root)) {
      write(s, WriteBatch.builder().compareAndSet("r", 0, bytes("first batch")));
      write(s, WriteBatch.builder().compareAndSet("q", 0, bytes("second batch")));
      copy = crashCopy(root, "crashed");
    }
    Path segment = lastSegment(copy);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long at = FileSeriesStore.HEADER_BYTES + 12 + 10; // inside the first frame's payload
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, at);
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x5A)}), at);
    }
    assertThatThrownBy(() -> open(copy)).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining(segment.toString())
        .hasMessageContaining("offset " + FileSeriesStore.HEADER_BYTES);
    assertThatThrownBy(() -> open(copy)).as("still refused: nothing was dropped")
        .isInstanceOf(CorruptedDataException.class);
  }

  @Test
  void checkpointsDropSegmentsOnceTheirFilesAreSyncedAndKeepEveryWrite() throws Exception {
    Path root = dir.resolve("store");
    byte[] big = new byte[256 * 1024];
    int batches = (int) (3 * JournaledBatches.SEGMENT_BYTES / big.length);
    try (Storage s = open(root)) {
      for (int i = 0; i < batches; i++) {
        big[0] = (byte) i;
        write(s, WriteBatch.builder().compareAndSet("r/" + i, 0, big).append("s", List.of(bytes("e" + i))));
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      long journalBytes;
      do { // background checkpoints on the shared I/O workers
        Thread.sleep(20);
        journalBytes = 0;
        for (Path p : segments(root)) {
          journalBytes += Files.size(p);
        }
      } while (journalBytes > 2 * JournaledBatches.SEGMENT_BYTES && System.nanoTime() < deadline);
      assertThat(journalBytes).as("the journal is cut back by checkpoints while writing")
          .isLessThanOrEqualTo(2 * JournaledBatches.SEGMENT_BYTES);
      assertThat(s.records().listKeys("r/")).hasSize(batches);
      assertThat(s.series().readAll("s")).hasSize(batches);
    }
    assertThat(segments(root)).hasSize(1);
    assertThat(Files.size(segments(root).get(0))).as("closing checkpoints what is left").isZero();
    try (Storage again = open(root)) {
      assertThat(again.records().listKeys("r/")).hasSize(batches);
      assertThat(again.records().get("r/7").orElseThrow().value()[0]).isEqualTo((byte) 7);
    }
  }
}
