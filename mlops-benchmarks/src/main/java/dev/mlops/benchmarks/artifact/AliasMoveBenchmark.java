package dev.mlops.benchmarks.artifact;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.storage.FileStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Moving an alias in the embedded file store when it already has a long history: the cost of a move must
 * not depend on the history's length (target: a move at 100,000 earlier moves within 2x of one at 1,000).
 *
 * <p>The history is prepared in the stored format (the alias record names the latest of {@code history}
 * moves, the history series holds them all), written in large batches, because making 100,000 durable
 * moves one by one would take minutes of setup; the measured moves are real {@code alias()} calls.
 * Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar AliasMoveBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class AliasMoveBenchmark {
  private static final String ALIAS_KEY = "artifacts/aliases/model/champion";
  private static final String HISTORY_KEY = "artifacts/alias-history/model/champion";

  /** How many moves the alias has had before the measured ones. */
  @Param({"1000", "100000"})
  public int history;

  private Path dir;
  private MlopsStore store;
  private Artifacts artifacts;
  private int next;

  /** Publishes two versions and gives the alias its history. */
  @Setup(Level.Trial)
  public void prepare() throws IOException {
    dir = ScratchFiles.scratchDirectory("alias-moves");
    store = MlopsStore.open(FileStorage.open(dir.resolve("store")));
    artifacts = store.artifacts();
    artifacts.publish("model", Files.writeString(dir.resolve("one.bin"), "one"));
    artifacts.publish("model", Files.writeString(dir.resolve("two.bin"), "two"));
    artifacts.alias("model", "champion", 1);
    Storage storage = store.storage();
    List<byte[]> batch = new ArrayList<>();
    for (int seq = 2; seq <= history; seq++) {
      batch.add(move(seq).getBytes(StandardCharsets.UTF_8));
      if (batch.size() == 10_000 || seq == history) {
        storage.series().append(HISTORY_KEY, batch);
        batch = new ArrayList<>();
      }
    }
    StoredRecord current = storage.records().get(ALIAS_KEY).orElseThrow();
    String record = "{\"name\":\"model\",\"alias\":\"champion\",\"version\":" + to(history) + ",\"moves\":[],\"seq\":"
        + history + ",\"last\":" + move(history) + "}";
    if (!storage.records().compareAndSet(ALIAS_KEY, current.version(), record.getBytes(StandardCharsets.UTF_8))) {
      throw new IllegalStateException("the alias moved during setup");
    }
    if (artifacts.aliasHistory("model", "champion").size() != history) {
      throw new IllegalStateException("the prepared history does not read back as " + history + " moves");
    }
    next = to(history) == 1 ? 2 : 1;
  }

  private static int to(int seq) {
    return seq % 2 == 1 ? 1 : 2;
  }

  private static String move(int seq) {
    return "{\"from\":" + (seq == 1 ? "null" : to(seq - 1)) + ",\"to\":" + to(seq)
        + ",\"at\":\"2026-01-01T00:00:00Z\",\"reason\":null,\"seq\":" + seq + "}";
  }

  /** Closes the store and deletes its directory. */
  @TearDown(Level.Trial)
  public void deleteAll() throws IOException {
    store.close();
    ScratchFiles.deleteRecursively(dir);
  }

  /**
   * One durable move of the alias to the other version.
   *
   * @return the version it now points to
   */
  @Benchmark
  public int move() {
    int to = next;
    artifacts.alias("model", "champion", to);
    next = 3 - to;
    return to;
  }
}
