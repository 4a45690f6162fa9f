package dev.mlops.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.storage.jdbc.testing.DatabaseWorkerMain;
import dev.mlops.testservers.PostgresServer;
import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.RunPage;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.Tracker;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several JVMs write to one database at once (artifacts, aliases, records, series and tracked runs), and writers are killed with SIGKILL mid-write: on a
 * PostgreSQL database and on a SQLite file, every acknowledged write is there and nothing partial is.
 */
class CrossProcessTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 6;

  @TempDir Path dir;

  private String uri(String backend) {
    return backend.equals("sqlite") ? "sqlite:" + dir.resolve("store.db")
        : PostgresServer.shared().uri(PostgresServer.freshSchema(), "");
  }

  private Process child(String name, String... args) {
    return ChildJvm.start(DatabaseWorkerMain.class, dir, dir.resolve(name + ".err"), args);
  }

  private static List<String> lines(Process p) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "sqlite"})
  void twoJvmsWithFourThreadsEachLoseNothing(String backend) throws Exception {
    String uri = uri(backend);
    try (MlopsStore store = MlopsStore.open(uri)) {
      store.storage().records().create("counter", "0".getBytes(StandardCharsets.UTF_8));
    }
    Process a = child("a", "mix", uri, "a", String.valueOf(THREADS), String.valueOf(PER_THREAD));
    Process b = child("b", "mix", uri, "b", String.valueOf(THREADS), String.valueOf(PER_THREAD));
    List<String> acks = new ArrayList<>(lines(a));
    acks.addAll(lines(b));
    assertThat(a.waitFor()).as(ChildJvm.errors(dir.resolve("a.err"))).isZero();
    assertThat(b.waitFor()).as(ChildJvm.errors(dir.resolve("b.err"))).isZero();

    int total = 2 * THREADS * PER_THREAD;
    Map<Integer, String> payloadOfVersion = new HashMap<>();
    Map<String, String[]> loggedRuns = new LinkedHashMap<>();
    Set<String> points = new HashSet<>();
    int aliasMoves = 0;
    for (String line : acks) {
      String[] f = line.split("\t");
      switch (f[0]) {
        case "version" -> assertThat(payloadOfVersion.put(Integer.parseInt(f[1]), f[2])).as("version %s twice", f[1])
            .isNull();
        case "alias" -> aliasMoves++;
        case "point" -> points.add(f[1]);
        case "run" -> assertThat(loggedRuns.put(f[1], f)).as("run id %s acknowledged twice", f[1]).isNull();
        default -> throw new AssertionError(line);
      }
    }
    assertThat(payloadOfVersion).hasSize(total);
    assertThat(aliasMoves).isEqualTo(total);
    try (MlopsStore store = MlopsStore.open(uri)) {
      List<ArtifactVersion> versions = store.artifacts().versions("model");
      assertThat(versions).extracting(ArtifactVersion::version).as("contiguous, no duplicates")
          .containsExactlyElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
      for (ArtifactVersion v : versions) {
        try (InputStream in = store.artifacts().open(v)) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(payloadOfVersion.get(v.version()));
        }
      }
      assertThat(store.artifacts().aliasHistory("model", "champion")).as("every alias move recorded").hasSize(total);
      assertThat(new String(store.storage().records().get("counter").orElseThrow().value(), StandardCharsets.UTF_8))
          .as("no lost compare-and-set increment").isEqualTo(String.valueOf(total));
      List<String> entries = new ArrayList<>();
      for (byte[] e : store.storage().series().readAll("metrics/shared")) {
        entries.add(new String(e, StandardCharsets.UTF_8));
      }
      assertThat(entries).hasSize(2 * total);
      for (int i = 0; i < entries.size(); i += 2) {
        String payload = entries.get(i).substring(0, entries.get(i).length() - 2);
        assertThat(entries.get(i + 1)).as("batches whole and not interleaved").isEqualTo(payload + ":b");
        assertThat(points).contains(payload);
      }
      assertThat(new HashSet<>(entries)).hasSize(2 * total);
    }
    assertThat(loggedRuns).hasSize(total);
    try (MlopsStore store = MlopsStore.open(uri); Tracker tracker = Tracker.on(store)) {
      assertRunsAsLogged(tracker, loggedRuns);
    }
  }

  /**
   * Every acknowledged run is stored once, finished, with exactly what its worker logged, and searches
   * over the shared experiment find exactly the acknowledged runs, whole or page by page.
   */
  private static void assertRunsAsLogged(Tracker tracker, Map<String, String[]> loggedRuns) {
    String experiment = DatabaseWorkerMain.EXPERIMENT;
    List<String> found = tracker.searchRuns(experiment, "").stream().map(RunSnapshot::id).toList();
    assertThat(found).as("one search finds each acknowledged run once").doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(loggedRuns.keySet());
    List<String> paged = new ArrayList<>();
    int pages = 0;
    String token = null;
    do {
      RunPage page = tracker.searchRuns(experiment, "", List.of("params.payload ASC"), 5, token);
      assertThat(page.runs()).hasSizeLessThanOrEqualTo(5);
      page.runs().forEach(r -> paged.add(r.id()));
      token = page.nextPageToken();
      pages++;
    } while (token != null);
    assertThat(pages).isGreaterThanOrEqualTo(loggedRuns.size() / 5);
    assertThat(paged).as("pages of 5 find each acknowledged run once, in param order").doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(loggedRuns.keySet());
    List<String> payloadsInPageOrder = paged.stream().map(id -> loggedRuns.get(id)[2]).toList();
    assertThat(payloadsInPageOrder).isSorted();
    for (String jvm : List.of("a", "b")) {
      List<String> ofJvm = tracker.searchRuns(experiment, "params.payload LIKE '" + jvm + "-%'").stream()
          .map(RunSnapshot::id).toList();
      assertThat(ofJvm).as("a filter finds the runs of JVM %s", jvm).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(loggedRuns.values().stream().filter(f -> f[2].startsWith(jvm + "-"))
              .map(f -> f[1]).toList());
    }

    for (String[] f : loggedRuns.values()) {
      String id = f[1];
      RunSnapshot run = tracker.getRun(id);
      assertThat(run.status()).as("status of run %s", id).isEqualTo(RunStatus.FINISHED);
      assertThat(run.endTime()).as("end time of run %s", id).isPresent();
      assertThat(run.name()).isEqualTo(f[2]);
      assertThat(run.params()).as("params of run %s", id).isEqualTo(pairs(f[3]));
      Map<String, String> userTags = new HashMap<>(run.tags());
      userTags.keySet().removeIf(k -> k.startsWith("mlops."));
      assertThat(userTags).as("tags of run %s", id).isEqualTo(pairs(f[4]));
      Map<String, Double> latest = new HashMap<>();
      for (Map.Entry<String, String> metric : pairs(f[5]).entrySet()) {
        List<Double> logged = java.util.Arrays.stream(metric.getValue().split(",")).map(Double::valueOf).toList();
        assertThat(logged).hasSize(DatabaseWorkerMain.STEPS);
        List<MetricPoint> history = tracker.metricHistory(id, metric.getKey());
        assertThat(history).extracting(MetricPoint::step).as("steps of %s in run %s", metric.getKey(), id)
            .containsExactlyElementsOf(IntStream.range(0, DatabaseWorkerMain.STEPS).mapToObj(i -> (long) i).toList());
        assertThat(history).extracting(MetricPoint::value).as("values of %s in run %s", metric.getKey(), id)
            .containsExactlyElementsOf(logged);
        latest.put(metric.getKey(), logged.get(logged.size() - 1));
      }
      assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(DatabaseWorkerMain.METRICS);
      assertThat(run.metrics()).as("latest metrics of run %s", id).isEqualTo(latest);
    }
  }

  private static Map<String, String> pairs(String joined) {
    Map<String, String> out = new HashMap<>();
    for (String pair : joined.split(";")) {
      int eq = pair.indexOf('=');
      assertThat(out.put(pair.substring(0, eq), pair.substring(eq + 1))).isNull();
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "sqlite"})
  void aWriterKilledInTheMiddleOfABlobLeavesNoPartOfIt(String backend) throws Exception {
    String uri = uri(backend);
    MlopsStore.open(uri).close();
    Process p = child("blobs", "blobs", uri);
    List<Digest> acknowledged = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.equals("midway")) {
          p.destroyForcibly();
          break;
        }
        acknowledged.add(Digest.parse(line.split("\t")[1]));
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged).as(ChildJvm.errors(dir.resolve("blobs.err"))).hasSize(3);
    try (MlopsStore store = MlopsStore.open(uri)) {
      List<BlobInfo> all = new ArrayList<>();
      store.storage().blobs().forEach(all::add);
      assertThat(all).extracting(BlobInfo::digest).containsExactlyInAnyOrderElementsOf(acknowledged);
      for (Digest d : acknowledged) {
        try (InputStream in = store.storage().blobs().open(d)) {
          assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(d);
        }
      }
      // the store takes new blobs at once: the killed writer holds no lock
      byte[] more = "after the kill".getBytes(StandardCharsets.UTF_8);
      assertThat(store.storage().blobs().put(new ByteArrayInputStream(more)).digest())
          .isEqualTo(Digest.sha256(more));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "sqlite"})
  void aWriterKilledInTheMiddleOfAMetricBatchLeavesWholeBatchesOnly(String backend) throws Exception {
    String uri = uri(backend);
    MlopsStore.open(uri).close();
    int batchSize = 20_000;
    Process p = child("batches", "batches", uri, "metrics/loss", String.valueOf(batchSize));
    int acked = -1;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        acked = Integer.parseInt(line.split("\t")[1]);
        if (acked == 2) {
          // the next batch is being written now
          Thread.sleep(30 + new Random().nextInt(150));
          p.destroyForcibly();
          break;
        }
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(acked).as(ChildJvm.errors(dir.resolve("batches.err"))).isEqualTo(2);
    try (MlopsStore store = MlopsStore.open(uri)) {
      List<String> entries = new ArrayList<>();
      for (byte[] e : store.storage().series().readAll("metrics/loss")) {
        entries.add(new String(e, StandardCharsets.UTF_8));
      }
      assertThat(entries.size() % batchSize).as("only whole batches").isZero();
      assertThat(entries.size() / batchSize).as("every acknowledged batch").isGreaterThanOrEqualTo(acked + 1);
      for (int i = 0; i < entries.size(); i++) {
        assertThat(entries.get(i)).isEqualTo((i / batchSize) + ":" + (i % batchSize));
      }
      store.storage().series().append("metrics/loss", List.of("next".getBytes(StandardCharsets.UTF_8)));
    }
  }
}
