package dev.mlops.core.internal.storage.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.spi.SeriesPage;
import dev.mlops.core.spi.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files: torn series tails are cut, real corruption is reported, dead temp files are swept. */
class FileStorageDamageTest {
  @TempDir Path dir;
  private Path root;
  private Storage storage;

  @BeforeEach
  void open() {
    root = dir.resolve("store");
    storage = openStore();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private Storage openStore() {
    return FileStorageBackend.open(root, Duration.ofSeconds(10), Clock.systemUTC());
  }

  private void reopen() {
    storage.close();
    storage = openStore();
  }

  private Path seriesFile(String key) {
    return new KeyPaths(root.resolve("series"), ".log").pathOf(key);
  }

  private Path recordFile(String key) {
    return new KeyPaths(root.resolve("records"), ".rec").pathOf(key);
  }

  private static List<byte[]> batch(String... entries) {
    List<byte[]> out = new ArrayList<>();
    for (String e : entries) {
      out.add(e.getBytes(UTF_8));
    }
    return out;
  }

  /**
   * Reads a series both ways, in pages of one entry and in one walk ({@code forEachEntry}, which
   * {@code readAll} uses), and requires the same entries, or the same failure after the same entries.
   */
  private List<String> read(String key) {
    List<String> paged = new ArrayList<>();
    CorruptedDataException pagedFailure = null;
    try {
      for (long position = 0; ; ) {
        SeriesPage page = storage.series().read(key, position, 1);
        page.entries().forEach(e -> paged.add(new String(e, UTF_8)));
        position = page.nextPosition();
        if (page.isEnd() || page.size() == 0) {
          break;
        }
      }
    } catch (CorruptedDataException e) {
      pagedFailure = e;
    }
    List<String> walked = new ArrayList<>();
    try {
      storage.series().forEachEntry(key, 0, (b, offset, length) -> walked.add(new String(b, offset, length, UTF_8)));
    } catch (CorruptedDataException e) {
      assertThat(pagedFailure).as("pages fail where the walk does: %s", e.getMessage()).isNotNull();
      assertThat(pagedFailure.getMessage()).isEqualTo(e.getMessage());
      assertThat(walked).as("the entries before the damage").isEqualTo(paged);
      throw e;
    }
    assertThat(pagedFailure).as("pages read what the walk reads").isNull();
    assertThat(walked).isEqualTo(paged);
    List<String> all = new ArrayList<>();
    storage.series().readAll(key).forEach(e -> all.add(new String(e, UTF_8)));
    assertThat(all).isEqualTo(walked);
    return walked;
  }

  /** Appends three batches and returns the file size after each. */
  private long[] threeBatches(String key) throws IOException {
    long[] sizes = new long[3];
    storage.series().append(key, batch("1", "2"));
    sizes[0] = Files.size(seriesFile(key));
    storage.series().append(key, batch("3"));
    sizes[1] = Files.size(seriesFile(key));
    storage.series().append(key, batch("4", "5", "6"));
    sizes[2] = Files.size(seriesFile(key));
    return sizes;
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private static void appendBytes(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.APPEND);
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x40));
      b.rewind();
      ch.write(b, offset);
    }
  }

  /** Overwrites a series header, as a writer that crashed before moving it left it. */
  private static void writeSeriesHeader(Path file, long acknowledgedEnd) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(FileSeriesStore.header(acknowledgedEnd), 0);
    }
  }

  /** Makes the third batch an append that never returned: the header names the end of the second. */
  private void unacknowledgeThirdBatch(long[] sizes) throws IOException {
    writeSeriesHeader(seriesFile("s"), sizes[1]);
  }

  @Test
  void aTornFrameAfterTheAcknowledgedEndIsIgnoredByReadersAndCutByTheNextWriter() throws IOException {
    long[] sizes = threeBatches("s");
    for (long cut : new long[] {sizes[1] + 1, sizes[1] + 11, sizes[1] + 12, sizes[2] - 1}) {
      reopen();
      unacknowledgeThirdBatch(sizes);
      truncate(seriesFile("s"), cut);
      reopen();
      assertThat(read("s")).as("cut at %d", cut).containsExactly("1", "2", "3");
      assertThat(storage.series().read("s", 0, 100).isEnd()).isTrue();
      storage.series().append("s", batch("4", "5", "6"));
      assertThat(read("s")).containsExactly("1", "2", "3", "4", "5", "6");
      assertThat(Files.size(seriesFile("s"))).isEqualTo(sizes[2]);
    }
  }

  @Test
  void anAcknowledgedFrameCutOffIsCorruptionAndIsNeverCutFurther() throws IOException {
    long[] sizes = threeBatches("s");
    for (long cut : new long[] {sizes[1], sizes[1] + 1, sizes[2] - 1, sizes[0] + 3}) {
      reopen();
      truncate(seriesFile("s"), cut);
      reopen();
      assertThatThrownBy(() -> read("s")).as("cut at %d", cut).isInstanceOf(CorruptedDataException.class)
          .hasMessageContaining("'s'").hasMessageContaining(sizes[2] + " were acknowledged");
      assertThatThrownBy(() -> storage.series().append("s", batch("x"))).isInstanceOf(CorruptedDataException.class);
      assertThat(Files.size(seriesFile("s"))).as("nothing was cut").isEqualTo(cut);
      storage.close();
      storage = openStore();
      storage.series().readAll("none");
      Files.delete(seriesFile("s"));
      sizes = threeBatches("s");
    }
  }

  @Test
  void aDamagedLastAcknowledgedFrameIsCorruptionNotATornTail() throws IOException {
    long[] sizes = threeBatches("s");
    reopen();
    flipByte(seriesFile("s"), sizes[2] - 1);
    reopen();
    assertThatThrownBy(() -> read("s")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("'s'").hasMessageContaining("offset " + sizes[1])
        .hasMessageContaining("acknowledged");
    assertThatThrownBy(() -> storage.series().append("s", batch("7"))).isInstanceOf(CorruptedDataException.class);
    assertThat(Files.size(seriesFile("s"))).as("nothing was cut").isEqualTo(sizes[2]);
  }

  @Test
  void aDamagedHeaderReadsOnlyIfEveryFrameIsWholeAndTheNextAppendRewritesIt() throws IOException {
    long[] sizes = threeBatches("s");
    reopen();
    flipByte(seriesFile("s"), 6);
    reopen();
    assertThat(read("s")).containsExactly("1", "2", "3", "4", "5", "6");
    storage.series().append("s", batch("7"));
    assertThat(read("s")).containsExactly("1", "2", "3", "4", "5", "6", "7");
    truncate(seriesFile("s"), sizes[2] + 3);
    assertThatThrownBy(() -> read("s")).isInstanceOf(CorruptedDataException.class);
    flipByte(seriesFile("s"), 6);
    assertThatThrownBy(() -> read("s")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("header is damaged");
  }

  @Test
  void aSeriesWrittenBeforeTheHeaderExistedKeepsTheTornTailRule() throws IOException {
    long[] sizes = threeBatches("s");
    reopen();
    byte[] all = Files.readAllBytes(seriesFile("s"));
    Files.write(seriesFile("s"), java.util.Arrays.copyOfRange(all, FileSeriesStore.HEADER_BYTES, (int) sizes[2] - 1));
    reopen();
    assertThat(read("s")).containsExactly("1", "2", "3");
    storage.series().append("s", batch("4"));
    assertThat(read("s")).containsExactly("1", "2", "3", "4");
  }

  @Test
  void zerosAfterTheLastFrameAreATornTail() throws IOException {
    long[] sizes = threeBatches("s");
    reopen();
    appendBytes(seriesFile("s"), new byte[5000]);
    reopen();
    assertThat(read("s")).containsExactly("1", "2", "3", "4", "5", "6");
    storage.series().append("s", batch("7"));
    assertThat(read("s")).containsExactly("1", "2", "3", "4", "5", "6", "7");
    assertThat(Files.size(seriesFile("s"))).isEqualTo(sizes[2] + (sizes[1] - sizes[0]));
  }

  @Test
  void aFrameTornMidPayloadAndFollowedByZerosIsATornTail() throws IOException {
    long[] sizes = threeBatches("s");
    reopen();
    unacknowledgeThirdBatch(sizes);
    truncate(seriesFile("s"), sizes[2] - 3);
    appendBytes(seriesFile("s"), new byte[4096]);
    reopen();
    assertThat(read("s")).containsExactly("1", "2", "3");
    storage.series().append("s", batch("x"));
    assertThat(read("s")).containsExactly("1", "2", "3", "x");
  }

  @Test
  void framesLargerThanAReadChunkKeepTheTailRule() throws IOException {
    java.util.Random random = new java.util.Random(7);
    int[] entrySizes = {600_000, 1_300_000, 200_000, 2_500_000, 50_000};
    long[] ends = new long[entrySizes.length];
    List<String> expected = new ArrayList<>();
    for (int b = 0; b < entrySizes.length; b++) {
      byte[] big = new byte[entrySizes[b]];
      random.nextBytes(big);
      big[0] = 'x';
      storage.series().append("s", List.of(("small" + b).getBytes(UTF_8), big));
      expected.add("small" + b);
      expected.add(new String(big, UTF_8));
      ends[b] = Files.size(seriesFile("s"));
    }
    assertThat(read("s")).isEqualTo(expected);
    reopen();
    writeSeriesHeader(seriesFile("s"), ends[3]);
    truncate(seriesFile("s"), ends[4] - 10);
    reopen();
    assertThat(read("s")).as("a torn last frame").isEqualTo(expected.subList(0, 8));
    writeSeriesHeader(seriesFile("s"), ends[3]);
    flipByte(seriesFile("s"), ends[2] + 200_000);
    reopen();
    assertThatThrownBy(() -> read("s")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("offset " + ends[2]);
  }

  @Test
  void aBadFrameFollowedByDataIsCorruptionAndIsNeverCutOff() throws IOException {
    long[] sizes = threeBatches("s");
    reopen();
    flipByte(seriesFile("s"), sizes[0] + 13);
    reopen();
    assertThatThrownBy(() -> read("s")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("'s'").hasMessageContaining("offset " + sizes[0]);
    assertThatThrownBy(() -> storage.series().append("s", batch("7"))).isInstanceOf(CorruptedDataException.class);
    assertThat(Files.size(seriesFile("s"))).as("nothing was cut").isEqualTo(sizes[2]);
    assertThat(storage.series().read("s", 0, 1).size()).as("frames before the damage still read").isEqualTo(2);
  }

  @Test
  void aDamagedFrameHeaderFollowedByDataIsCorruption() throws IOException {
    long[] sizes = threeBatches("s");
    reopen();
    flipByte(seriesFile("s"), sizes[0]);
    reopen();
    assertThatThrownBy(() -> read("s")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("bad frame header");
    assertThat(Files.size(seriesFile("s"))).isEqualTo(sizes[2]);
  }

  @Test
  void aFlippedByteInARecordFileIsCorruption() throws IOException {
    storage.records().create("runs/r1", "{\"status\":\"done\"}".getBytes(UTF_8));
    storage.records().create("runs/r2", "ok".getBytes(UTF_8));
    Path file = recordFile("runs/r1");
    long lastValueByte = 21 + "{\"status\":\"done\"}".length() - 1;
    for (long offset : new long[] {0, 4, 6, 14, 18, 21, lastValueByte}) {
      byte[] original = Files.readAllBytes(file);
      flipByte(file, offset);
      assertThatThrownBy(() -> storage.records().get("runs/r1")).as("byte %d", offset)
          .isInstanceOf(CorruptedDataException.class).hasMessageContaining("runs/r1");
      assertThatThrownBy(() -> storage.records().list("runs/")).isInstanceOf(CorruptedDataException.class);
      assertThatThrownBy(() -> storage.records().compareAndSet("runs/r1", 1, new byte[1]))
          .isInstanceOf(CorruptedDataException.class);
      assertThat(Files.readAllBytes(file)).as("the damaged file is left for inspection").isNotEqualTo(original);
      Files.write(file, original);
    }
    assertThat(storage.records().get("runs/r1").orElseThrow().version()).isEqualTo(1);
    assertThat(storage.records().get("runs/r2")).isPresent();
  }

  /** Writes a commit marker naming a version, as a writer that crashed before writing the new one left it. */
  private static void writeMarker(Path file, long version) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(FileRecordStore.marker(version), ch.size() - FileRecordStore.MARKER_BYTES);
    }
  }

  private static long slotSize(Path file) throws IOException {
    return (Files.size(file) - FileRecordStore.MARKER_BYTES) / 2;
  }

  @Test
  void aTornUpdateInProgressReadsAsThePreviousVersion() throws IOException {
    storage.records().create("k", "one".getBytes(UTF_8));
    assertThat(storage.records().compareAndSet("k", 1, "two".getBytes(UTF_8))).isTrue();
    Path file = recordFile("k");
    // version 2 went to the second slot in place; tear it as a crash during that write could, which
    // happens before the marker names it
    flipByte(file, slotSize(file) + 22);
    writeMarker(file, 1);
    assertThat(storage.records().get("k").orElseThrow().version()).isEqualTo(1);
    assertThat(new String(storage.records().get("k").orElseThrow().value(), UTF_8)).isEqualTo("one");
    // the next update overwrites the torn slot, never the intact one
    assertThat(storage.records().compareAndSet("k", 1, "three".getBytes(UTF_8))).isTrue();
    assertThat(new String(storage.records().get("k").orElseThrow().value(), UTF_8)).isEqualTo("three");
    assertThat(storage.records().compareAndSet("k", 2, "four".getBytes(UTF_8))).isTrue();
    assertThat(storage.records().get("k").orElseThrow().version()).isEqualTo(3);
  }

  @Test
  void aDamagedAcknowledgedSlotIsCorruptionNotThePreviousVersion() throws IOException {
    storage.records().create("k", "one".getBytes(UTF_8));
    assertThat(storage.records().compareAndSet("k", 1, "two".getBytes(UTF_8))).isTrue();
    Path file = recordFile("k");
    byte[] original = Files.readAllBytes(file);
    for (long offset : new long[] {0, 5, 13, 17, 21, 22}) {
      flipByte(file, slotSize(file) + offset);
      assertThatThrownBy(() -> storage.records().get("k")).as("byte %d", offset)
          .isInstanceOf(CorruptedDataException.class).hasMessageContaining("'k'")
          .hasMessageContaining("acknowledged version 2");
      assertThatThrownBy(() -> storage.records().compareAndSet("k", 1, new byte[1]))
          .isInstanceOf(CorruptedDataException.class);
      assertThatThrownBy(() -> storage.records().list("")).isInstanceOf(CorruptedDataException.class);
      Files.write(file, original);
    }
    assertThat(new String(storage.records().get("k").orElseThrow().value(), UTF_8)).isEqualTo("two");
  }

  @Test
  void aDamagedMarkerWithIntactSlotsServesTheNewestButWithADamagedSlotRaises() throws IOException {
    storage.records().create("k", "one".getBytes(UTF_8));
    assertThat(storage.records().compareAndSet("k", 1, "two".getBytes(UTF_8))).isTrue();
    Path file = recordFile("k");
    flipByte(file, Files.size(file) - FileRecordStore.MARKER_BYTES + 6);
    assertThat(new String(storage.records().get("k").orElseThrow().value(), UTF_8)).isEqualTo("two");
    flipByte(file, slotSize(file) + 22);
    assertThatThrownBy(() -> storage.records().get("k")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("commit marker");
  }

  @Test
  void aRecordWrittenBeforeMarkersExistedReadsAndGainsAMarkerOnUpdate() throws IOException {
    storage.records().create("k", "one".getBytes(UTF_8));
    Path file = recordFile("k");
    truncate(file, Files.size(file) - FileRecordStore.MARKER_BYTES); // the old layout: two slots only
    assertThat(new String(storage.records().get("k").orElseThrow().value(), UTF_8)).isEqualTo("one");
    assertThat(storage.records().compareAndSet("k", 1, "two".getBytes(UTF_8))).isTrue();
    assertThat(Files.size(file)).isEqualTo(2 * 512 + FileRecordStore.MARKER_BYTES);
    assertThat(storage.records().get("k").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void anUpdateThatOutgrowsItsSlotRewritesTheFile() throws IOException {
    storage.records().create("k", "small".getBytes(UTF_8));
    long before = Files.size(recordFile("k"));
    byte[] big = new byte[5000];
    java.util.Arrays.fill(big, (byte) 'x');
    assertThat(storage.records().compareAndSet("k", 1, big)).isTrue();
    assertThat(Files.size(recordFile("k"))).isGreaterThan(before);
    assertThat(storage.records().get("k").orElseThrow().value()).isEqualTo(big);
    assertThat(storage.records().compareAndSet("k", 2, "small again".getBytes(UTF_8))).isTrue();
    assertThat(storage.records().get("k").orElseThrow().version()).isEqualTo(3);
  }

  @Test
  void aTruncatedOrEmptyRecordFileIsCorruption() throws IOException {
    storage.records().create("k", "value".getBytes(UTF_8));
    Path file = recordFile("k");
    truncate(file, Files.size(file) - 1);
    assertThatThrownBy(() -> storage.records().get("k")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("truncated");
    truncate(file, 0);
    assertThatThrownBy(() -> storage.records().get("k")).isInstanceOf(CorruptedDataException.class);
  }

  @Test
  void recordFilesOfEverySizeAroundTheFirstReadComeBackWhole() throws IOException {
    // files of 1, 2, 4 (exactly the first read), 8 and 16 KiB, and values just below and above a slot
    int[] lengths = {0, 1, 491, 492, 1003, 1004, 2027, 2028, 4075, 4076, 8171, 8172, 20_000};
    long version = 0;
    for (int length : lengths) {
      byte[] value = new byte[length];
      new java.util.Random(length).nextBytes(value);
      assertThat(storage.records().compareAndSet("k", version, value)).as("%d bytes", length).isTrue();
      version++;
      assertThat(storage.records().get("k").orElseThrow().value()).as("%d bytes", length).isEqualTo(value);
      assertThat((Files.size(recordFile("k")) - FileRecordStore.MARKER_BYTES) % 1024).isZero();
    }
    assertThat(Files.size(recordFile("k"))).isEqualTo(65_536 + FileRecordStore.MARKER_BYTES);
    reopen();
    assertThat(storage.records().get("k").orElseThrow().version()).isEqualTo(lengths.length);
  }

  @Test
  void aRecordFileLargerThanAnyRecordIsRefusedWithoutReadingIt() throws IOException {
    storage.records().create("k", "value".getBytes(UTF_8));
    Path file = recordFile("k");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: a foreign 3 GiB file where the record was
    }
    assertThatThrownBy(() -> storage.records().get("k")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("'k'").hasMessageContaining("more than 67109376 bytes")
        .hasMessageContaining("not a record file");
    assertThatThrownBy(() -> storage.records().compareAndSet("k", 1, new byte[1]))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("not a record file");
    assertThat(Files.size(file)).as("left for inspection").isEqualTo(3L << 30);
  }

  @Test
  void tempFilesOfDeadProcessesAreSweptOnOpen() throws Exception {
    Process dead = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(dead.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long deadPid = dead.pid();
    long livePid = ProcessHandle.current().pid();
    Path tmp = root.resolve("tmp");
    Path deadBlob = Files.write(tmp.resolve(deadPid + "-1-blob.tmp"), new byte[100]);
    Path deadWrite = Files.write(tmp.resolve(deadPid + "-2-write.tmp"), new byte[10]);
    Path live = Files.write(tmp.resolve(livePid + "-999999-blob.tmp"), new byte[10]);
    Path foreign = Files.write(tmp.resolve("notes.txt"), new byte[1]);
    reopen();
    assertThat(deadBlob).doesNotExist();
    assertThat(deadWrite).doesNotExist();
    assertThat(live).as("a running process's temp file stays").exists();
    assertThat(foreign).as("files not named by the store stay").exists();
  }

  @Test
  void aDirectoryOfAnotherFormatIsRefused() throws IOException {
    storage.close();
    Files.writeString(root.resolve(FileStorageBackend.MARKER), "{\"format\":\"mlops-file-store\",\"version\":99}\n");
    assertThatThrownBy(this::openStore).isInstanceOf(dev.mlops.core.ConfigurationException.class)
        .hasMessageContaining("version\":99");
    Files.writeString(root.resolve(FileStorageBackend.MARKER), "{\"format\":\"mlops-file-store\",\"version\":1}\n");
    storage = openStore();
  }

  @Test
  void aPathThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    assertThatThrownBy(() -> FileStorageBackend.open(file, Duration.ofSeconds(1), Clock.systemUTC()))
        .isInstanceOf(dev.mlops.core.ConfigurationException.class).hasMessageContaining("not a directory");
  }
}
