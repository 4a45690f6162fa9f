package dev.mlops.examples.server;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.examples.ExampleFiles;
import dev.mlops.examples.TrackingExample;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bounded load test of the {@link ModelServer} on loopback: a fixed number of requests (or a fixed duration)
 * over N concurrent keep-alive connections of the JDK's {@link HttpClient}, with latency percentiles measured at
 * the client, errors counted, heap sampled after garbage collection, and an optional alias move half way.
 *
 * <p>The request bodies are the penguins data set's rows (real values, in a seeded shuffled order), with one in
 * fifty made invalid (a negative body mass), which the server must answer with 422; any other status, or a
 * failed connection, counts as an error. Run it with {@code mvn -B -q -DskipTests -Prun-example package
 * -Dexample.mainClass=dev.mlops.examples.server.LoadGenerator -Dexample.args="..."} or from the IDE; see
 * {@link #main}.
 */
public final class LoadGenerator {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private LoadGenerator() {}

  /**
   * What one load run measured.
   *
   * @param requests requests sent after the warm-up
   * @param errors requests that failed or got an unexpected status
   * @param rejected requests answered 422, as expected for the invalid bodies
   * @param seconds wall time of the measured part
   * @param p50Micros median latency
   * @param p99Micros 99th percentile latency
   * @param p999Micros 99.9th percentile latency
   * @param heapAfterWarmupBytes heap in use after a GC, right after the warm-up
   * @param heapAtEndBytes heap in use after a GC, at the end
   * @param heapSamplesBytes heap in use after a GC, sampled every interval of a timed run (empty otherwise)
   * @param errorSamples what the first errors were (at most {@value #ERROR_SAMPLES}): the request's index, then
   *     the status and body or the exception
   */
  public record Result(long requests, long errors, long rejected, double seconds, double p50Micros, double p99Micros,
      double p999Micros, long heapAfterWarmupBytes, long heapAtEndBytes, List<Long> heapSamplesBytes,
      List<String> errorSamples) {
    /** How many errors a result describes. */
    public static final int ERROR_SAMPLES = 10;

    /** @return requests per second */
    public double throughput() {
      return requests / seconds;
    }

    /** @return one line for a report */
    public String summary() {
      return String.format(Locale.ROOT, "%,d requests, %,.0f req/s, p50 %.0f us, p99 %.0f us, p99.9 %.0f us,"
          + " %d errors, %d rejected (422), heap %.1f -> %.1f MiB", requests, throughput(), p50Micros, p99Micros,
          p999Micros, errors, rejected, heapAfterWarmupBytes / 1048576.0, heapAtEndBytes / 1048576.0);
    }
  }

  /**
   * Builds the request bodies from the penguins data set.
   *
   * @param count how many bodies
   * @param seed the shuffle's seed
   * @return JSON bodies, one in fifty invalid
   */
  public static List<String> bodies(int count, long seed) {
    JsonNode rows = JSON.readTree(ExampleFiles.penguinJson());
    List<JsonNode> complete = new ArrayList<>();
    for (JsonNode r : rows) {
      if (r.path("Body Mass (g)").isNumber() && r.path("Beak Length (mm)").isNumber()) {
        complete.add(r);
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tools.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
      JsonNode r = complete.get(rng.nextInt(complete.size()));
      for (String f : List.of("Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)")) {
        body.put(f, r.get(f).asDouble());
      }
      body.put("Island", r.get("Island").asString());
      if (i % 50 == 49) {
        body.put("Body Mass (g)", -1.0);
      }
      out.add(JSON.writeValueAsString(body));
    }
    return out;
  }

  /**
   * Runs a load against a server.
   *
   * @param server the server's base URL
   * @param connections concurrent connections, each sending its requests one after another
   * @param warmup requests sent (and not measured) before the measured part
   * @param requests requests in the measured part (ignored when {@code duration} is positive)
   * @param duration how long the measured part lasts; zero to send exactly {@code requests}
   * @param heapSampleEvery how often a timed run samples the heap
   * @param bodies the bodies, used round robin
   * @param halfway run once when half of the measured part is done (a model swap), or null
   * @return the measurements
   * @throws InterruptedException if interrupted
   */
  public static Result run(URI server, int connections, int warmup, int requests, Duration duration,
      Duration heapSampleEvery, List<String> bodies, @Nullable Runnable halfway) throws InterruptedException {
    URI predict = server.resolve("predict");
    Failures errors = new Failures();
    AtomicLong rejected = new AtomicLong();
    send(predict, connections, warmup, Duration.ZERO, bodies, new long[warmup], errors, rejected, null);
    errors = new Failures();
    rejected.set(0);
    long heapAfterWarmup = heapAfterGc();
    boolean timed = !duration.isZero();
    long[] latencies = new long[timed ? 10_000_000 : requests];
    List<Long> samples = new ArrayList<>();
    Thread sampler = null;
    AtomicBoolean done = new AtomicBoolean();
    if (timed) {
      sampler = new Thread(() -> {
        while (!done.get()) {
          try {
            Thread.sleep(heapSampleEvery.toMillis());
          } catch (InterruptedException e) {
            return;
          }
          synchronized (samples) {
            samples.add(heapAfterGc());
          }
        }
      }, "load-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }
    long start = System.nanoTime();
    long sent = send(predict, connections, timed ? latencies.length : requests, duration, bodies, latencies, errors,
        rejected, halfway);
    double seconds = (System.nanoTime() - start) / 1e9;
    done.set(true);
    if (sampler != null) {
      sampler.interrupt();
      sampler.join();
    }
    long[] measured = Arrays.copyOf(latencies, (int) sent);
    Arrays.sort(measured);
    return new Result(sent, errors.count.get(), rejected.get(), seconds, percentile(measured, 0.50) / 1e3,
        percentile(measured, 0.99) / 1e3, percentile(measured, 0.999) / 1e3, heapAfterWarmup, heapAfterGc(),
        List.copyOf(samples), errors.samples());
  }

  /** Counts failed requests and keeps a description of the first few, so that a rare failure can be explained. */
  private static final class Failures {
    final AtomicLong count = new AtomicLong();
    private final List<String> samples = new ArrayList<>();

    void add(int request, String what) {
      count.incrementAndGet();
      synchronized (samples) {
        if (samples.size() < Result.ERROR_SAMPLES) {
          samples.add(String.format(Locale.ROOT, "request %d at %s: %s", request, java.time.Instant.now(), what));
        }
      }
    }

    List<String> samples() {
      synchronized (samples) {
        return List.copyOf(samples);
      }
    }
  }

  private static long send(URI predict, int connections, int total, Duration duration, List<String> bodies,
      long[] latencies, Failures errors, AtomicLong rejected, @Nullable Runnable halfway)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean halfwayDone = new AtomicBoolean(halfway == null);
    long deadline = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    long halfAt = duration.isZero() ? total / 2 : -1;
    long halfTime = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos() / 2;
    CountDownLatch finished = new CountDownLatch(connections);
    AtomicLong completed = new AtomicLong();
    for (int c = 0; c < connections; c++) {
      Thread t = new Thread(() -> {
        try {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5)).build();
          for (int i = next.getAndIncrement(); i < total && System.nanoTime() < deadline; i = next.getAndIncrement()) {
            if ((i == halfAt || System.nanoTime() >= halfTime) && halfwayDone.compareAndSet(false, true)) {
              halfway.run();
            }
            String body = bodies.get(i % bodies.size());
            HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = System.nanoTime();
            try {
              HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
              latencies[i] = System.nanoTime() - t0;
              boolean invalid = body.contains("\"Body Mass (g)\":-1.0");
              if (response.statusCode() == 422 && invalid) {
                rejected.incrementAndGet();
              } else if (response.statusCode() != 200) {
                String answer = response.body();
                errors.add(i, "status " + response.statusCode() + ", body "
                    + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer));
              }
            } catch (IOException e) {
              latencies[i] = System.nanoTime() - t0;
              errors.add(i, e.toString() + " after " + (latencies[i] / 1_000_000) + " ms");
            }
            completed.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          finished.countDown();
        }
      }, "load-connection-" + c);
      t.setDaemon(true);
      t.start();
    }
    finished.await();
    return Math.min(completed.get(), Math.min(next.get(), total));
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /**
   * Trains the penguins models into a fresh in-memory store, then loads the server twice, with the mlops calls
   * switched off and on, moving the champion alias half way through each run, and prints both results.
   *
   * <p>Arguments, all optional: {@code requests=200000 connections=8 warmup=20000 duration=PT0S mlops=both}
   * ({@code mlops=on} or {@code off} runs one of the two loads); a positive
   * duration (for example {@code duration=PT5M}) runs each load for that long instead, sampling the heap every
   * 30 seconds.
   *
   * @param args {@code key=value} options
   * @throws Exception if the server cannot start or the run is interrupted
   */
  public static void main(String[] args) throws Exception {
    int requests = 200_000;
    int connections = 8;
    int warmup = 20_000;
    Duration duration = Duration.ZERO;
    boolean[] modes = {false, true};
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "requests" -> requests = Integer.parseInt(kv[1]);
        case "connections" -> connections = Integer.parseInt(kv[1]);
        case "warmup" -> warmup = Integer.parseInt(kv[1]);
        case "duration" -> duration = Duration.parse(kv[1]);
        case "mlops" -> modes = switch (kv[1]) {
          case "on" -> new boolean[] {true};
          case "off" -> new boolean[] {false};
          case "both" -> new boolean[] {false, true};
          default -> throw new IllegalArgumentException("mlops must be on, off or both, not " + kv[1]);
        };
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    PrintStream out = System.out;
    try (MlopsStore store = MlopsStore.open("mem:")) {
      TrackingExample.run(store, new PrintStream(java.io.OutputStream.nullOutputStream()));
      List<String> bodies = bodies(10_000, 42);
      for (boolean mlops : modes) {
        try (ModelServer server = ModelServer.start(store, ModelServer.Options.defaults().withMlops(mlops))) {
          Result r = run(server.url(), connections, warmup, requests, duration, Duration.ofSeconds(30), bodies,
              () -> swapChampion(store));
          out.printf(Locale.ROOT, "mlops %-3s: %s; served at the end %s%n", mlops ? "on" : "off", r.summary(),
              server.servedVersion().id());
          r.errorSamples().forEach(e -> out.println("  error: " + e));
          if (!r.heapSamplesBytes().isEmpty()) {
            out.println("  heap samples (MiB): " + r.heapSamplesBytes().stream()
                .map(b -> String.format(Locale.ROOT, "%.1f", b / 1048576.0)).toList());
          }
        }
      }
    }
  }

  /**
   * Moves the champion alias of {@code penguins-softmax} to the next version (wrapping around), as a
   * deployment would.
   *
   * @param store the store
   * @return the version the alias now points at
   */
  public static ArtifactVersion swapChampion(MlopsStore store) {
    ArtifactVersion current = store.artifacts().get("penguins-softmax@champion");
    int count = store.artifacts().versions("penguins-softmax").size();
    int next = current.version() % count + 1;
    store.artifacts().alias("penguins-softmax", "champion", next);
    return store.artifacts().get("penguins-softmax@" + next);
  }
}
