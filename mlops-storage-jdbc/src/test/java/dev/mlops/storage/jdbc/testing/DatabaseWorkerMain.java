package dev.mlops.storage.jdbc.testing;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A child JVM that writes to a database store, for the cross-process and kill tests. Every line it
 * prints on standard output is an acknowledgement: the write it names had returned.
 *
 * <ul>
 *   <li>{@code mix <uri> <tag> <threads> <perThread>}: each thread publishes artifact versions, moves an
 *       alias to each, increments a shared counter by compare-and-set, appends to a shared series, and
 *       tracks a run in the shared experiment {@value #EXPERIMENT} (params, tags, metrics over
 *       {@value #STEPS} steps), acknowledging the finished run with everything it logged
 *       ({@link #runLine});</li>
 *   <li>{@code blobs <uri>}: stores blobs, then starts one it never finishes and says so;</li>
 *   <li>{@code batches <uri> <key> <batchSize>}: appends batches until killed;</li>
 *   <li>{@code outage <uri> <key>}: until its standard input closes, increments record {@code key} by
 *       compare-and-set and appends a batch of two entries to series {@code key}, printing
 *       {@code ok <counter> <batch>} after each round that succeeded ({@code counter} is the value the
 *       compare-and-set wrote, or {@code -} if another writer won) and {@code failed <class> <nanos>
 *       <message>} after each that threw, so a test can stop the server under it.</li>
 * </ul>
 */
public final class DatabaseWorkerMain {
  /** The experiment every {@code mix} worker tracks its runs in. */
  public static final String EXPERIMENT = "shared-experiment";

  /** How many steps each metric of a tracked run is logged over. */
  public static final int STEPS = 7;

  /** The metrics each tracked run logs at every step. */
  public static final List<String> METRICS = List.of("loss", "accuracy");

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
        case "outage" -> outage(store, args[2], System.out);
        default -> throw new IllegalArgumentException(args[0]);
      }
    }
  }

  private static void mix(MlopsStore store, String tag, int threads, int perThread, PrintStream out)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Tracker tracker = Tracker.on(store);
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
          lines.add(trackRun(tracker, payload));
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
      tracker.close();
    }
  }

  /**
   * Tracks one finished run in {@link #EXPERIMENT}: params, tags (at start and later) and each of
   * {@link #METRICS} at steps 0 to {@link #STEPS} - 1, with values drawn from a generator seeded by the
   * payload, so no two runs log the same values.
   *
   * @return the acknowledgement, written only after the run was finished and flushed
   */
  private static String trackRun(Tracker tracker, String payload) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("payload", payload);
    params.put("learning_rate", String.valueOf(payload.hashCode() % 97 / 1000.0));
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("worker", payload);
    tags.put("stage", "after-metrics");
    Random random = new Random(payload.hashCode());
    Map<String, List<Double>> metrics = new LinkedHashMap<>();
    try (Run run = tracker.newRun(EXPERIMENT).name(payload).tag("worker", payload).start()) {
      run.logParams(params);
      for (int step = 0; step < STEPS; step++) {
        for (String key : METRICS) {
          double value = random.nextDouble();
          run.logMetric(key, value, step);
          metrics.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
      }
      run.setTag("stage", "after-metrics");
      run.finish();
      return runLine(run.id(), payload, params, tags, metrics);
    }
  }

  /**
   * The acknowledgement of a finished run: {@code run}, its id, its name, then its params, its tags and
   * its metrics, each as {@code key=value} pairs joined by {@code ;} (a metric's value is its values at
   * steps 0, 1, ... joined by {@code ,}, each as {@link Double#toString}, which parses back exactly).
   *
   * @param id the run id
   * @param name the run name
   * @param params what was logged as params
   * @param tags what was set as tags
   * @param metrics every metric's values by step
   * @return the tab-separated line
   */
  public static String runLine(String id, String name, Map<String, String> params, Map<String, String> tags,
      Map<String, List<Double>> metrics) {
    StringJoiner m = new StringJoiner(";");
    metrics.forEach((key, values) -> {
      StringJoiner v = new StringJoiner(",");
      values.forEach(d -> v.add(Double.toString(d)));
      m.add(key + "=" + v);
    });
    return "run\t" + id + "\t" + name + "\t" + pairs(params) + "\t" + pairs(tags) + "\t" + m;
  }

  private static String pairs(Map<String, String> map) {
    StringJoiner j = new StringJoiner(";");
    map.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
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

  private static void outage(MlopsStore store, String key, PrintStream out) {
    AtomicBoolean stop = new AtomicBoolean();
    Thread stdin = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the test closes the pipe to stop the writer
        }
      } catch (IOException e) {
        // a broken pipe stops the writer too
      }
      stop.set(true);
    }, "stop-on-stdin-eof");
    stdin.setDaemon(true);
    stdin.start();
    RecordStore records = store.storage().records();
    for (int batch = 0; !stop.get(); batch++) {
      long start = System.nanoTime();
      try {
        StoredRecord r = records.get(key).orElseThrow();
        long next = Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)) + 1;
        boolean won = records.compareAndSet(key, r.version(), String.valueOf(next).getBytes(StandardCharsets.UTF_8));
        store.storage().series().append(key, List.of((batch + ":0").getBytes(StandardCharsets.UTF_8),
            (batch + ":1").getBytes(StandardCharsets.UTF_8)));
        out.println("ok\t" + (won ? String.valueOf(next) : "-") + "\t" + batch);
      } catch (RuntimeException e) {
        out.println("failed\t" + e.getClass().getName() + "\t" + (System.nanoTime() - start) + "\t"
            + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      out.flush();
    }
  }
}
