package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracking contract on the file backend, and what damage to its files does. */
class FileTrackerTest extends TrackerContractTest {
  @TempDir
  Path dir;

  @Override
  protected MlopsStore openStore() {
    return MlopsStore.open(FileStorage.open(dir));
  }

  @Override
  protected MlopsStore reopenStore() {
    return MlopsStore.open(FileStorage.open(dir));
  }

  @Test
  void oneDamagedRunRecordLeavesTheOtherRunsSearchable() throws IOException {
    List<String> ids = new ArrayList<>();
    try (MlopsStore store = reopenStore()) {
      Tracker t = Tracker.on(store);
      for (int i = 0; i < 3; i++) {
        ids.add(t.run("damaged-exp", run -> run.logMetric("acc", 0.5)).id());
      }
    }
    Path damaged;
    try (Stream<Path> files = Files.walk(dir.resolve("records"))) {
      damaged = files.filter(p -> p.getFileName().toString().equals(ids.get(1) + ".rec") && p.toString().contains("runs.d")).findFirst().orElseThrow();
    }
    long slot = (Files.size(damaged) - 512) / 2;
    try (FileChannel ch = FileChannel.open(damaged, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      for (long at : new long[] {25, slot + 25}) {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, at);
        ch.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x40)}), at);
      }
    }
    try (MlopsStore store = reopenStore()) {
      Tracker t = Tracker.on(store);
      assertThat(t.searchRuns("damaged-exp", "metrics.acc > 0")).extracting(RunSnapshot::id)
          .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
      assertThatThrownBy(() -> t.getRun(ids.get(1))).isInstanceOf(CorruptedDataException.class)
          .hasMessageContaining(ids.get(1));
      assertThat(store.verify(false).damaged()).anyMatch(d -> d.item().contains(ids.get(1)));
    }
  }
}
