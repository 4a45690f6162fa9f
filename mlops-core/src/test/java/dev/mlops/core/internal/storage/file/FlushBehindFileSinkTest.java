package dev.mlops.core.internal.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.work.WorkerPool;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flush-behind sink writes every byte in order whatever the flush minimum, and never overwrites. */
class FlushBehindFileSinkTest {
  @TempDir Path root;

  @Property(tries = 40)
  void everyByteLandsInOrderWhateverTheFlushMinimum(@ForAll @IntRange(min = 1, max = 5000) int minFlush,
      @ForAll @IntRange(min = 0, max = 60) int pieces, @ForAll long seed) throws IOException {
    Path dir = Files.createTempDirectory("flush-behind");
    Path file = dir.resolve("out.bin");
    Random random = new Random(seed);
    // the shared pool, or helpers that never run a flush: the writer must then flush on its own thread
    java.util.concurrent.Executor[] helpers = {WorkerPool.sharedIo().executor(), task -> { }};
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    try (FlushBehindFileSink sink = FlushBehindFileSink.create(file, minFlush, helpers[random.nextInt(helpers.length)])) {
      for (int i = 0; i < pieces; i++) {
        byte[] piece = new byte[random.nextInt(3000)];
        random.nextBytes(piece);
        int offset = piece.length == 0 ? 0 : random.nextInt(piece.length);
        sink.write(piece, offset, piece.length - offset);
        expected.write(piece, offset, piece.length - offset);
      }
      sink.finishDurably();
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    Files.delete(file);
    Files.delete(dir);
  }

  @Test
  void closingWithoutFinishingKeepsWhatWasWrittenAndIsIdempotent() throws IOException {
    Path file = root.resolve("partial.bin");
    FlushBehindFileSink sink = FlushBehindFileSink.create(file, 10, WorkerPool.sharedIo().executor());
    sink.write(new byte[25], 0, 25);
    sink.close();
    sink.close();
    assertThat(Files.size(file)).isEqualTo(25);
  }

  @Test
  void refusesAnExistingFileAndANonPositiveSpacing() throws IOException {
    Path file = Files.writeString(root.resolve("taken.bin"), "keep");
    assertThatThrownBy(() -> FlushBehindFileSink.create(file, 64, Runnable::run)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("keep");
    assertThatThrownBy(() -> FlushBehindFileSink.create(root.resolve("new.bin"), 0, Runnable::run))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minFlush");
    assertThat(root.resolve("new.bin")).doesNotExist();
  }
}
