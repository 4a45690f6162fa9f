package dev.mlops.core.internal.storage.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityKit;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.OutputCollector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two child JVMs with four threads each share one file store: compare-and-set and appends stay exact. */
class FileStorageMultiProcessTest {
  private static final int PROCESSES = 2;
  private static final int THREADS = 4;

  @TempDir Path dir;

  private void runChildren(String... argsPerChild) throws Exception {
    List<Process> children = new ArrayList<>();
    List<OutputCollector> outputs = new ArrayList<>();
    List<Path> errors = new ArrayList<>();
    try {
      for (int p = 0; p < PROCESSES; p++) {
        Path stderr = dir.resolve("stderr-" + p + ".txt");
        String[] args = argsPerChild.clone();
        for (int i = 0; i < args.length; i++) {
          args[i] = args[i].replace("{first}", String.valueOf(p * THREADS));
        }
        Process child = ChildJvm.start(StorageWorkerMain.class, dir, stderr, args);
        children.add(child);
        outputs.add(OutputCollector.of(child));
        errors.add(stderr);
      }
      for (int p = 0; p < PROCESSES; p++) {
        Process child = children.get(p);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child %d finished", p).isTrue();
        assertThat(child.exitValue()).as("child %d exit; stderr: %s", p, ChildJvm.errors(errors.get(p))).isZero();
        assertThat(outputs.get(p).finish()).containsExactly("done");
      }
    } finally {
      for (Process child : children) {
        child.destroyForcibly();
      }
    }
  }

  @Test
  void compareAndSetIncrementsFromTwoProcessesAreExact() throws Exception {
    int perThread = 500;
    Path root = dir.resolve("store");
    runChildren("cas", root.toString(), "shared/counter", String.valueOf(THREADS), String.valueOf(perThread));
    try (Storage storage = FileStorageBackend.open(root, Duration.ofSeconds(30), Clock.systemUTC())) {
      StoredRecord r = storage.records().get("shared/counter").orElseThrow();
      long expected = (long) PROCESSES * THREADS * perThread;
      assertThat(new String(r.value(), UTF_8)).isEqualTo(String.valueOf(expected));
      assertThat(r.version()).isEqualTo(expected);
    }
  }

  @Test
  void appendsFromTwoProcessesAreNeitherTornNorInterleaved() throws Exception {
    int batches = 150;
    Path root = dir.resolve("store");
    runChildren("append", root.toString(), "shared/series", "{first}", String.valueOf(THREADS),
        String.valueOf(batches));
    try (Storage storage = FileStorageBackend.open(root, Duration.ofSeconds(30), Clock.systemUTC())) {
      List<String> all = new ArrayList<>();
      for (byte[] e : storage.series().readAll("shared/series")) {
        all.add(new String(e, UTF_8));
      }
      StorageCompatibilityKit.assertBatchesWhole(all, PROCESSES * THREADS, batches);
    }
  }

  @Test
  void journaledBatchesFromTwoProcessesLoseAndMixNothing() throws Exception {
    int batches = 100;
    Path root = dir.resolve("store");
    runChildren("batch", root.toString(), "shared", "{first}", String.valueOf(THREADS), String.valueOf(batches));
    try (Storage storage = FileStorageBackend.open(root, Duration.ofSeconds(30), Clock.systemUTC())) {
      long expected = (long) PROCESSES * THREADS * batches;
      StoredRecord counter = storage.records().get("shared/counter").orElseThrow();
      assertThat(new String(counter.value(), UTF_8)).isEqualTo(String.valueOf(expected));
      assertThat(counter.version()).isEqualTo(expected);
      List<String> all = new ArrayList<>();
      for (byte[] e : storage.series().readAll("shared/series")) {
        all.add(new String(e, UTF_8));
      }
      StorageCompatibilityKit.assertBatchesWhole(all, PROCESSES * THREADS, batches);
      assertThat(storage.records().listKeys("shared/own/")).hasSizeGreaterThanOrEqualTo((int) expected);
    }
  }
}
