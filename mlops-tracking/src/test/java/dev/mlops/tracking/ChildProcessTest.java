package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety and cross-process concurrency on the file backend, with real child JVMs.
 */
class ChildProcessTest {
  @TempDir
  Path dir;

  private static Process start(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChildLogger.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  void everyPointBeforeAnAcknowledgedFlushSurvivesSigkill() throws Exception {
    Process child = start("crash", dir.toString());
    String runId = null;
    long acked = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RUN ")) {
          runId = line.substring(4);
        } else if (line.startsWith("ACK ")) {
          acked = Long.parseLong(line.substring(4));
          if (acked >= 15_000) {
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no final flush
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(runId).isNotNull();
    assertThat(child.exitValue()).isNotZero();
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
      List<MetricPoint> m = tracker.metricHistory(runId, "m");
      List<MetricPoint> n = tracker.metricHistory(runId, "n");
      // every acknowledged point is there; points logged after the last acknowledged flush may or may not
      // be, and the writer may have drained "m" of the last pair before the child logged its "n"
      assertThat((long) m.size()).isGreaterThanOrEqualTo(acked);
      assertThat((long) n.size()).isGreaterThanOrEqualTo(acked);
      assertThat(m.size() - n.size()).isBetween(0, 1);
      for (int i = 0; i < m.size(); i++) {
        assertThat(m.get(i).step()).isEqualTo(i);
        assertThat(m.get(i).value()).isEqualTo(i);
      }
      for (int i = 0; i < n.size(); i++) {
        assertThat(n.get(i).step()).isEqualTo(i);
        assertThat(n.get(i).value()).isEqualTo(-i);
      }
      assertThat(tracker.getRun(runId).status()).isEqualTo(RunStatus.KILLED);
      assertThat(tracker.recoverAbandonedRuns("crash")).isEqualTo(1);
      RunSnapshot recovered = tracker.getRun(runId);
      assertThat(recovered.status()).isEqualTo(RunStatus.KILLED);
      assertThat(recovered.metrics()).containsEntry("m", (double) (m.size() - 1));
      try (Run next = tracker.startRun("crash")) {
        next.logMetric("m", 1);
        next.finish();
      }
      assertThat(tracker.searchRuns("crash", "")).hasSize(2);
    }
  }

  /**
   * Run creation under SIGKILL: a child creates small runs on four threads and is killed at three points
   * of the load; after each kill, the store verifies clean (opening it replayed the journal the child left),
   * every run whose {@code finish()} returned is intact, and no run is half-visible: every run a search shows
   * can be read by id, and a FINISHED one has everything it logged.
   */
  @Test
  void everyClosedRunSurvivesSigkillMidLoadAndNoneIsHalfVisible() throws Exception {
    Map<String, Long> closed = new HashMap<>();
    for (int killAfter : new int[] {5, 40, 120}) {
      Process child = start("runs", dir.toString(), "4");
      int seen = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("CLOSED ")) {
            String[] parts = line.split(" ");
            closed.put(parts[1], Long.parseLong(parts[2]));
            if (++seen == killAfter) {
              child.destroyForcibly(); // SIGKILL while the other threads are mid-run
              break;
            }
          }
        }
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(seen).isEqualTo(killAfter);
      try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
        // opening replayed the journal the killed child left: every record and series reads back whole
        assertThat(store.verify(false).damaged()).as("damaged items after kill %d", killAfter).isEmpty();
        closed.forEach((id, n) -> assertSmallRunIntact(tracker, tracker.getRun(id), n));
        for (RunSnapshot run : tracker.searchRuns("runs", "")) {
          RunSnapshot byId = tracker.getRun(run.id());
          assertThat(byId.status()).isIn(RunStatus.FINISHED, RunStatus.KILLED);
          if (byId.status() == RunStatus.FINISHED) {
            assertSmallRunIntact(tracker, byId, Long.parseLong(byId.params().get("n")));
          }
        }
      }
    }
  }

  private static void assertSmallRunIntact(Tracker tracker, RunSnapshot run, long n) {
    assertThat(run.status()).as("run %s", run.id()).isEqualTo(RunStatus.FINISHED);
    assertThat(tracker.allMetricPoints(run.id())).extracting(MetricPoint::key).containsExactly("acc", "loss");
    assertThat(run.name()).isEqualTo("small-" + n);
    assertThat(run.params()).containsExactly(Map.entry("lr", "0.1"), Map.entry("n", String.valueOf(n)));
    assertThat(run.metrics()).containsExactly(Map.entry("acc", n / 1000.0), Map.entry("loss", (double) -n));
    assertThat(run.tags()).containsEntry("team", "t" + (n % 7));
    assertThat(tracker.allMetricPoints(run.id())).extracting(MetricPoint::key).containsExactly("acc", "loss");
  }

  @Test
  void twoJvmsWithFourThreadsEachLoseAndMixNothing() throws Exception {
    Process a = start("concurrent", dir.toString(), "1");
    Process b = start("concurrent", dir.toString(), "2");
    assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
      assertThat(tracker.experiments()).hasSize(1);
      List<RunSnapshot> runs = tracker.searchRuns("shared", "attributes.status = 'FINISHED'");
      assertThat(runs).hasSize(8);
      for (RunSnapshot run : runs) {
        String[] owner = run.params().get("owner").split("-");
        int jvm = Integer.parseInt(owner[0]);
        int thread = Integer.parseInt(owner[1]);
        assertThat(run.name()).isEqualTo("jvm" + jvm + "-t" + thread);
        List<MetricPoint> h = tracker.metricHistory(run.id(), "m");
        assertThat(h).hasSize(5000);
        for (int step = 0; step < 5000; step++) {
          assertThat(h.get(step).step()).isEqualTo(step);
          assertThat(h.get(step).value()).isEqualTo(jvm * 1_000_000.0 + thread * 10_000.0 + step);
        }
        assertThat(run.metrics()).containsEntry("m", jvm * 1_000_000.0 + thread * 10_000.0 + 4999);
      }
    }
  }

}
