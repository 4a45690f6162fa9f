package dev.mlops.core.internal.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of every size read back whole: a read sizes its buffer from slot 0's header, and must still read the whole
 * file when the header's value is smaller than the slots (a record whose value shrank) or larger than the file (a
 * damaged header), and whichever slot holds the newest version.
 */
class FileRecordSizesTest {
  @TempDir Path dir;
  private Storage storage;
  private RecordStore records;

  @BeforeEach
  void open() {
    storage = FileStorageBackend.open(dir.resolve("store"), Duration.ofSeconds(10), Clock.systemUTC());
    records = storage.records();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void valuesAroundEverySlotSizeReadBackWhole() {
    int[] sizes = {0, 1, 491, 492, 493, 4075, 4076, 4077, 4096, 65_515, 65_536, 300_000, 1 << 20};
    for (int i = 0; i < sizes.length; i++) {
      String key = "sizes/r" + i;
      records.create(key, bytes(sizes[i], i));
      assertThat(records.get(key).orElseThrow().value()).as("%d bytes", sizes[i]).isEqualTo(bytes(sizes[i], i));
    }
  }

  @Test
  void aValueThatShrankInLargeSlotsReadsBackFromEitherSlot() {
    String key = "shrink/r";
    records.create(key, bytes(300_000, 1)); // slot 0, slots of 512 KiB
    for (int version = 1; version <= 4; version++) {
      byte[] small = bytes(100 + version, version);
      assertThat(records.compareAndSet(key, version, small)).isTrue();
      // slot 0 holds a small value in turn: its header names a far smaller file than the real one
      assertThat(records.get(key).orElseThrow().value()).isEqualTo(small);
      assertThat(records.get(key).orElseThrow().version()).isEqualTo(version + 1);
    }
    byte[] large = bytes(400_000, 9);
    assertThat(records.compareAndSet(key, 5, large)).isTrue();
    assertThat(records.get(key).orElseThrow().value()).isEqualTo(large);
  }

  @Test
  void aHeaderNamingALargerValueThanTheFileHoldsIsDamageNotAnOverread() throws IOException {
    String key = "lying/r";
    records.create(key, bytes(10_000, 3));
    Path file = new KeyPaths(dir.resolve("store").resolve("records"), ".rec").pathOf(key);
    long size = Files.size(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).putInt(0, 5_000_000), 13); // slot 0's value length
    }
    assertThatThrownBy(() -> records.get(key)).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining(key);
    assertThat(Files.size(file)).isEqualTo(size);
  }
}
