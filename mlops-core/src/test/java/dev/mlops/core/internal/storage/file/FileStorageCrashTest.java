package dev.mlops.core.internal.storage.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.OutputCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL at random moments, many times, and checks after each kill that
 * a store opened before the kill (another process, which replays nothing) reads every record and series
 * without error and sees every write the child was told had succeeded, and that the store opens again
 * without error and holds them all.
 */
class FileStorageCrashTest {
  private static final int ROUNDS = 16;
  private static final int PARENT_ROUND = 9999;

  @TempDir Path dir;

  /** Blob digest to its size; counter key to the highest acknowledged value; record key to value. */
  private final Map<String, Long> blobs = new HashMap<>();
  private final Map<String, Long> counters = new TreeMap<>();
  private final Map<String, String> keys = new HashMap<>();
  /** Series key to the ids ({@code round:i}) of acknowledged batches and their sizes. */
  private final Map<String, Map<String, Integer>> batches = new TreeMap<>();

  @Test
  void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path root = dir.resolve("store");
    int acknowledged = 0;
    int awaited = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path stderr = dir.resolve("stderr-" + round + ".txt");
      Storage reader = FileStorageBackend.open(root, Duration.ofSeconds(30), Clock.systemUTC());
      Process child = ChildJvm.start(StorageWorkerMain.class, dir, stderr, "crash", root.toString(),
          String.valueOf(round));
      OutputCollector out = OutputCollector.of(child);
      try {
        int lines = 1 + random.nextInt(4);
        awaited += lines;
        assertThat(out.awaitLines(lines, 60_000))
            .as("round %d (seed %d): the child acknowledged writes; stderr: %s", round, seed, ChildJvm.errors(stderr))
            .isTrue();
        Thread.sleep(random.nextInt(250));
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      List<String> lines = out.finish();
      for (String line : lines) {
        if (line.endsWith(" .")) {
          expect(line.substring(0, line.length() - 2));
          acknowledged++;
        }
      }
      try (reader) {
        readWhileOpen(reader, "reader open across kill " + round + " (seed " + seed + ")");
      }
      verify(root, round, seed);
    }
    // what the rounds waited for, whatever the machine's speed (a loaded machine writes little in 250 ms)
    assertThat(acknowledged).as("acknowledged writes over all rounds").isGreaterThanOrEqualTo(awaited);
  }

  private void expect(String line) {
    String[] f = line.split(" ");
    switch (f[0]) {
      case "B" -> blobs.put(f[1], Long.parseLong(f[2]));
      case "C" -> counters.merge(f[1], Long.parseLong(f[2]), Math::max);
      case "K" -> keys.put(f[1], line.substring(line.indexOf(" value ") + 1));
      case "S" -> {
        String[] id = f[2].split(":");
        batches.computeIfAbsent(f[1], k -> new HashMap<>()).put(id[0] + ":" + id[1], Integer.parseInt(id[2]));
      }
      default -> throw new AssertionError("unexpected line from the child: " + line);
    }
  }

  /** What a store that was open when the child died reads: every record and series, and every acknowledged write. */
  private void readWhileOpen(Storage storage, String context) {
    for (String key : storage.records().listKeys("")) {
      storage.records().get(key); // never damaged: a write cut short by the kill reads as absent or as before
    }
    for (Map.Entry<String, Long> c : counters.entrySet()) {
      long value = Long.parseLong(new String(storage.records().get(c.getKey()).orElseThrow().value(), UTF_8));
      assertThat(value).as("%s: counter %s", context, c.getKey()).isGreaterThanOrEqualTo(c.getValue());
    }
    for (Map.Entry<String, String> k : keys.entrySet()) {
      assertThat(storage.records().get(k.getKey()).map(r -> new String(r.value(), UTF_8)))
          .as("%s: record %s", context, k.getKey()).hasValue(k.getValue());
    }
    for (String series : storage.series().list("")) {
      checkSeries(storage, series, context);
    }
  }

  private void verify(Path root, int round, long seed) throws IOException {
    String context = "after kill " + round + " (seed " + seed + ")";
    try (Storage storage = FileStorageBackend.open(root, Duration.ofSeconds(30), Clock.systemUTC())) {
      try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
        assertThat(tmp.toList()).as("%s: temp files of the dead child are swept on open", context).isEmpty();
      }
      for (Map.Entry<String, Long> b : blobs.entrySet()) {
        Digest d = Digest.parse(b.getKey());
        assertThat(storage.blobs().stat(d)).as("%s: blob %s", context, d).isPresent();
        try (InputStream in = storage.blobs().open(d)) {
          assertThat((long) in.readAllBytes().length).as("%s: blob %s", context, d).isEqualTo(b.getValue());
        }
      }
      for (Map.Entry<String, Long> c : counters.entrySet()) {
        StoredRecord r = storage.records().get(c.getKey()).orElseThrow();
        long value = Long.parseLong(new String(r.value(), UTF_8));
        assertThat(value).as("%s: counter %s", context, c.getKey()).isGreaterThanOrEqualTo(c.getValue());
        assertThat(r.version()).as("%s: counter %s version", context, c.getKey()).isEqualTo(value);
      }
      for (Map.Entry<String, String> k : keys.entrySet()) {
        assertThat(storage.records().get(k.getKey()).map(r -> new String(r.value(), UTF_8)))
            .as("%s: record %s", context, k.getKey()).hasValue(k.getValue());
      }
      for (String series : storage.series().list("")) {
        checkSeries(storage, series, context);
      }
      for (String series : List.of("series/s0", "series/s1")) {
        // a later writer appends after whatever tail the kill left
        storage.series().append(series, List.of((PARENT_ROUND + ":" + round + ":0:1").getBytes(UTF_8)));
        batches.computeIfAbsent(series, k -> new HashMap<>()).put(PARENT_ROUND + ":" + round, 1);
        checkSeries(storage, series, context + ", after the parent's append");
      }
    }
  }

  /** Every batch present is whole and appears once; every acknowledged batch is present. */
  private void checkSeries(Storage storage, String series, String context) {
    List<String> entries = new ArrayList<>();
    for (byte[] e : storage.series().readAll(series)) {
      String entry = new String(e, UTF_8);
      String[] f = entry.split(":", 5);
      if (f.length == 5) {
        assertThat(f[4]).as("%s: padding of a large entry of %s", context, series).isEqualTo("p".repeat(3 << 20));
        entry = entry.substring(0, entry.length() - f[4].length() - 1);
      }
      entries.add(entry);
    }
    Set<String> present = new HashSet<>();
    int i = 0;
    while (i < entries.size()) {
      String[] f = entries.get(i).split(":");
      String id = f[0] + ":" + f[1];
      int size = Integer.parseInt(f[3]);
      assertThat(present.add(id)).as("%s: batch %s of %s appears once", context, id, series).isTrue();
      for (int k = 0; k < size; k++) {
        assertThat(i + k).as("%s: batch %s of %s is whole", context, id, series).isLessThan(entries.size());
        assertThat(entries.get(i + k)).as("%s: entry %d of %s", context, i + k, series)
            .isEqualTo(id + ":" + k + ":" + size);
      }
      i += size;
    }
    assertThat(present).as("%s: acknowledged batches of %s", context, series)
        .containsAll(batches.getOrDefault(series, Map.of()).keySet());
  }
}
