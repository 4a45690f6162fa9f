package dev.mlops.core.artifact;

import dev.mlops.core.testing.SharedStorage;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.FileStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A child JVM that publishes to a file store, started by {@link ArtifactsProcessTest}.
 *
 * <p>{@code threads <store> <name> <tag> <threads> <perThread>} publishes distinct payloads from several
 * threads and prints {@code version<TAB>payload} per publish; {@code loop <store> <name> <log>} publishes
 * until killed and appends {@code version<TAB>payload} to the log after each publish returns;
 * {@code same <store> <file> <names> <threads> <go>} waits for the file {@code go} to exist, then publishes
 * {@code file} from several threads to the names {@code same-0} .. {@code same-<names-1>} in that order,
 * and prints {@code name<TAB>version<TAB>isNewVersion} per publish.
 */
public final class PublisherProcess {
  private PublisherProcess() {}

  /**
   * Runs one mode.
   *
   * @param args the mode and its arguments
   * @throws Exception if publishing fails
   */
  public static void main(String[] args) throws Exception {
    try (Storage storage = FileStorage.open(Path.of(args[1]), Duration.ofSeconds(60), Clock.systemUTC())) {
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Artifacts.DEFAULT_CACHE_TTL);
      if (args[0].equals("threads")) {
        publishFromThreads(artifacts, args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
            System.out);
      } else if (args[0].equals("same")) {
        publishTheSameFile(artifacts, Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
            Path.of(args[5]), System.out);
      } else {
        publishUntilKilled(artifacts, args[2], Path.of(args[3]));
      }
    }
  }

  private static void publishFromThreads(Artifacts artifacts, String name, String tag, int threads, int perThread,
      PrintStream out) throws Exception {
    printFromThreads(threads, thread -> {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        String payload = tag + "-thread" + thread + "-item" + i;
        ArtifactVersion v = artifacts.publish(name, stream(payload), ArtifactSpec.defaults());
        lines.add(v.version() + "\t" + payload);
      }
      return lines;
    }, out);
  }

  /** What one thread of {@link #printFromThreads} does: given its number, the lines it reports. */
  private interface ThreadWork {
    List<String> run(int thread) throws Exception;
  }

  /** Runs the work on that many threads at once and prints every thread's lines, thread by thread. */
  private static void printFromThreads(int threads, ThreadWork work, PrintStream out) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> work.run(thread)));
    }
    for (Future<List<String>> f : results) {
      for (String line : f.get()) {
        out.println(line);
      }
    }
    out.flush();
    pool.shutdown();
  }

  private static void publishTheSameFile(Artifacts artifacts, Path file, int names, int threads, Path go,
      PrintStream out) throws Exception {
    while (!Files.exists(go)) {
      Thread.sleep(1);
    }
    printFromThreads(threads, thread -> {
      List<String> lines = new ArrayList<>();
      for (int n = 0; n < names; n++) {
        ArtifactVersion v = artifacts.publish("same-" + n, file);
        lines.add(v.name() + "\t" + v.version() + "\t" + v.isNewVersion());
      }
      return lines;
    }, out);
  }

  private static void publishUntilKilled(Artifacts artifacts, String name, Path log) throws IOException {
    for (long i = 0; ; i++) {
      String payload = "loop-" + ProcessHandle.current().pid() + "-" + i + "-" + "x".repeat((int) (i % 5000));
      ArtifactVersion v = artifacts.publish(name, stream(payload), ArtifactSpec.defaults());
      Files.writeString(log, v.version() + "\t" + payload + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
  }

  private static ByteArrayInputStream stream(String payload) {
    return new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8));
  }
}
