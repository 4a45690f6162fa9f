package dev.mlops.storage.jdbc.testing;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A child JVM that writes to a database store, for the cross-process and kill tests. Every line it
 * prints on standard output is an acknowledgement: the write it names had returned.
 *
 * <ul>
 *   <li>{@code mix <uri> <tag> <threads> <perThread>}: each thread publishes artifact versions, moves an
 *       alias to each, increments a shared counter by compare-and-set and appends to a shared series;</li>
 *   <li>{@code blobs <uri>}: stores blobs, then starts one it never finishes and says so;</li>
 *   <li>{@code batches <uri> <key> <batchSize>}: appends batches until killed.</li>
 * </ul>
 */
public final class DatabaseWorkerMain {
  private DatabaseWorkerMain() {}

  /**
   * Runs one mode.
   *
   * @param args the mode and its arguments
   * @throws Exception if a write fails
   */
  public static void main(String[] args) throws Exception {
    try (MlopsStore store = MlopsStore.open(args[1])) {
      switch (args[0]) {
        case "mix" -> mix(store, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), System.out);
        case "blobs" -> blobs(store, System.out);
        case "batches" -> batches(store, args[2], Integer.parseInt(args[3]), System.out);
        default -> throw new IllegalArgumentException(args[0]);
      }
    }
  }

  private static void mix(MlopsStore store, String tag, int threads, int perThread, PrintStream out)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        List<String> lines = new ArrayList<>();
        RecordStore records = store.storage().records();
        for (int i = 0; i < perThread; i++) {
          String payload = tag + "-" + thread + "-" + i;
          ArtifactVersion v = store.artifacts().publish("model", new ByteArrayInputStream(
              payload.getBytes(StandardCharsets.UTF_8)), ArtifactSpec.defaults());
          lines.add("version\t" + v.version() + "\t" + payload);
          store.artifacts().alias("model", "champion", v.version());
          lines.add("alias\t" + v.version());
          while (true) {
            StoredRecord r = records.get("counter").orElseThrow();
            long next = Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)) + 1;
            if (records.compareAndSet("counter", r.version(), String.valueOf(next).getBytes(StandardCharsets.UTF_8))) {
              break;
            }
          }
          store.storage().series().append("metrics/shared", List.of(
              (payload + ":a").getBytes(StandardCharsets.UTF_8), (payload + ":b").getBytes(StandardCharsets.UTF_8)));
          lines.add("point\t" + payload);
        }
        return lines;
      }));
    }
    try {
      for (Future<List<String>> f : results) {
        for (String line : f.get()) {
          out.println(line);
        }
      }
      out.flush();
    } finally {
      pool.shutdownNow(); // a failed worker must end this JVM, not leave it waiting on idle pool threads
    }
  }

  /** Deterministic content of the blob a {@code blobs} worker never finishes. */
  public static InputStream unfinishedBlob(Runnable midway) {
    return new InputStream() {
      private final Random random = new Random(7);
      private long sent;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (sent >= 3L << 20) {
          midway.run();
        }
        byte[] chunk = new byte[Math.min(len, 64 * 1024)];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, b, off, chunk.length);
        sent += chunk.length;
        return chunk.length;
      }
    };
  }

  private static void blobs(MlopsStore store, PrintStream out) throws IOException {
    for (int i = 0; i < 3; i++) {
      byte[] content = new byte[(1 << 20) + i * 12345];
      new Random(i).nextBytes(content);
      BlobInfo info = store.storage().blobs().put(new ByteArrayInputStream(content));
      out.println("blob\t" + info.digest());
      out.flush();
    }
    store.storage().blobs().put(unfinishedBlob(() -> {
      out.println("midway");
      out.flush();
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    throw new IOException("the unfinished blob was finished");
  }

  private static void batches(MlopsStore store, String key, int batchSize, PrintStream out) {
    for (int b = 0; ; b++) {
      List<byte[]> batch = new ArrayList<>(batchSize);
      for (int i = 0; i < batchSize; i++) {
        batch.add((b + ":" + i).getBytes(StandardCharsets.UTF_8));
      }
      store.storage().series().append(key, batch);
      out.println("batch\t" + b);
      out.flush();
    }
  }
}
