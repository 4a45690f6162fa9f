package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.NotFoundException;
import dev.mlops.tracking.internal.store.ProcessOwner;
import dev.mlops.tracking.internal.store.RunDocument;
import dev.mlops.tracking.internal.store.TrackingJson;
import dev.mlops.tracking.internal.store.TrackingLayout;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracking contract, run against every backend by a one-line subclass.
 */
abstract class TrackerContractTest {
  protected MlopsStore store;
  protected Tracker tracker;

  /** @return a fresh store for one test */
  protected abstract MlopsStore openStore() throws IOException;

  /** @return the same store reopened (a new facade on the same data) */
  protected abstract MlopsStore reopenStore() throws IOException;

  @BeforeEach
  void open() throws IOException {
    store = openStore();
    tracker = Tracker.on(store);
  }

  @AfterEach
  void close() {
    tracker.close();
    store.close();
  }

  protected Tracker reopen() throws IOException {
    tracker.close();
    store.close();
    store = reopenStore();
    tracker = Tracker.on(store);
    return tracker;
  }

  @Test
  void experimentsAreCreatedOnFirstUseTaggedAndSoftDeleted() {
    Experiment e = tracker.experiment("penguins v1");
    assertThat(e.id()).matches("[0-9a-f]{32}");
    assertThat(tracker.experiment("penguins v1").id()).isEqualTo(e.id());
    assertThat(tracker.setExperimentTag("penguins v1", "team", "ml").tags()).containsEntry("team", "ml");
    assertThat(tracker.findExperiment("nope")).isEmpty();
    tracker.startRun("penguins v1").finish();
    assertThat(tracker.deleteExperiment("penguins v1").deleted()).isTrue();
    assertThatThrownBy(() -> tracker.startRun("penguins v1")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("deleted");
    assertThat(tracker.searchRuns("penguins v1", "")).hasSize(1);
    assertThat(tracker.restoreExperiment("penguins v1").deleted()).isFalse();
    tracker.startRun("penguins v1").finish();
    assertThat(tracker.experiments()).extracting(Experiment::name).containsExactly("penguins v1");
    assertThatThrownBy(() -> tracker.deleteExperiment("ghost")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void experimentNamesOfEveryAllowedCharacterReachTheDocumentedLength() throws IOException {
    // a space or '/' escapes to three characters: 250 of them once overflowed the 255-character key segment
    List<String> names = List.of(" ".repeat(249) + "a", "a/".repeat(125), "x".repeat(250), "a.b c/d".repeat(35) + "abcde");
    for (String name : names) {
      assertThat(name).hasSize(250);
      Experiment e = tracker.experiment(name);
      tracker.run(name, run -> run.logMetric("m", 1.0));
      assertThat(tracker.experiment(name).id()).isEqualTo(e.id());
    }
    reopen();
    assertThat(tracker.experiments()).extracting(Experiment::name).containsExactlyInAnyOrderElementsOf(names);
    for (String name : names) {
      assertThat(tracker.findExperiment(name)).map(Experiment::name).contains(name);
      assertThat(tracker.searchRuns(name, "")).hasSize(1);
    }
    assertThatThrownBy(() -> tracker.experiment(" ".repeat(251))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("251 characters");
  }

  @Test
  void runsEndFinishedOrFailedWithNameParentAndTags() {
    Run parent = tracker.startRun("exp", "parent");
    Run child = tracker.newRun("exp").name("child").parent(parent.id()).tag("k", "v").start();
    assertThat(child.id()).matches("[0-9a-f]{32}");
    assertThat(tracker.getRun(child.id()).status()).isEqualTo(RunStatus.RUNNING);
    child.finish();
    parent.fail("diverged");
    RunSnapshot c = tracker.getRun(child.id());
    assertThat(c.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(c.endTime()).isPresent();
    assertThat(c.parentId()).contains(parent.id());
    assertThat(c.tags()).containsEntry("k", "v");
    assertThat(c.name()).isEqualTo("child");
    RunSnapshot p = tracker.getRun(parent.id());
    assertThat(p.status()).isEqualTo(RunStatus.FAILED);
    assertThat(p.tags()).containsEntry("mlops.failure", "diverged");
    assertThatThrownBy(() -> child.logMetric("x", 1)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> tracker.newRun("exp").parent("0".repeat(32)).start()).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> tracker.getRun("not-an-id")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aRunBodyThatThrowsEndsFailed() {
    String[] id = new String[1];
    assertThatThrownBy(() -> tracker.run("exp", run -> {
      id[0] = run.id();
      run.logMetric("loss", 1.0);
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    RunSnapshot r = tracker.getRun(id[0]);
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.tags().get("mlops.failure")).contains("boom");
    assertThat(r.metrics()).containsEntry("loss", 1.0);
    assertThat(tracker.run("exp", run -> run.logParam("a", 1)).status()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS) // turns a hang into a failure
  void aBacktrackingLikePatternOnTheLongestParamAnswersInsteadOfHanging() {
    try (Run run = tracker.startRun("exp")) {
      run.logParam("p", "a".repeat(6000));
    }
    assertThat(tracker.searchRuns("exp", "params.p LIKE '" + "%a".repeat(20) + "%b'")).isEmpty();
    assertThat(tracker.searchRuns("exp", "params.p ILIKE '" + "%A".repeat(20) + "%'")).hasSize(1);
  }

  @Test
  void paramsAreWriteOnceAndValuesAreBounded() {
    try (Run run = tracker.startRun("exp")) {
      run.logParam("lr", 0.1);
      run.logParam("lr", "0.1");
      assertThatThrownBy(() -> run.logParam("lr", 0.2)).isInstanceOf(ConflictException.class)
          .hasMessageContaining("write-once");
      run.logParam("long", "x".repeat(6000));
      assertThatThrownBy(() -> run.logParam("longer", "x".repeat(6001))).isInstanceOf(InvalidInputException.class);
      run.setTag("t", "y".repeat(5000));
      assertThatThrownBy(() -> run.setTag("t2", "y".repeat(5001))).isInstanceOf(InvalidInputException.class);
      run.setTag("t", "overwritten");
      run.logParams(Map.of("a", 1, "b", "two"));
      assertThatThrownBy(() -> run.logParams(Map.of("c", 3, "bad key!", 4))).isInstanceOf(InvalidInputException.class);
      run.finish();
      RunSnapshot r = tracker.getRun(run.id());
      assertThat(r.params()).containsEntry("lr", "0.1").containsEntry("a", "1").containsEntry("b", "two")
          .doesNotContainKey("c");
      assertThat(r.params().get("long")).hasSize(6000);
      assertThat(r.tags()).containsEntry("t", "overwritten");
    }
  }

  @Test
  void keysFollowMlflowRules() {
    try (Run run = tracker.startRun("exp")) {
      run.logMetric("a/b c-d.e_f 9", 1);
      for (String bad : List.of("", "a!b", "é", "a\u0000b", "x".repeat(251), "tab\t")) {
        assertThatThrownBy(() -> run.logMetric(bad, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> run.logParam(bad, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> run.setTag(bad, "v")).isInstanceOf(InvalidInputException.class);
      }
      run.logMetric("x".repeat(250), 2);
      assertThat(tracker.experiment("../etc").name()).isEqualTo("../etc");
      assertThat(store.storage().records().list("tracking/experiments/")).extracting(r -> r.key())
          .contains("tracking/experiments/%2E.%2Fetc");
      assertThatThrownBy(() -> run.logMetric("a:b", 1)).hasMessageContaining("':' at index 1");
      run.finish();
    }
  }

  @Test
  void metricsKeepFullHistoryAndLatestIsMaxByStepTimestampValue() {
    Run run = tracker.startRun("exp");
    run.logMetric("loss", 0.5, 2);
    run.logMetric("loss", 0.9, 1);
    run.logMetric("loss", Double.NaN, 0);
    run.logMetric("loss", Double.POSITIVE_INFINITY, 3);
    run.logMetric("loss", 0.1, 3);
    run.logMetric("acc", Double.NEGATIVE_INFINITY);
    run.logMetrics(Map.of("f1", 0.7, "auc", 0.8), 5);
    run.finish();
    List<MetricPoint> history = tracker.metricHistory(run.id(), "loss");
    assertThat(history).extracting(MetricPoint::step).containsExactly(2L, 1L, 0L, 3L, 3L);
    assertThat(history.get(2).value()).isNaN();
    MetricPoint expectedLatest = history.stream().max(MetricPoint.LATEST_ORDER).orElseThrow();
    RunSnapshot r = tracker.getRun(run.id());
    assertThat(r.latestMetrics().get("loss")).isEqualTo(expectedLatest);
    assertThat(r.latestMetrics().get("loss").step()).isEqualTo(3);
    assertThat(r.metrics()).containsEntry("acc", Double.NEGATIVE_INFINITY).containsEntry("f1", 0.7)
        .containsEntry("auc", 0.8);
    assertThat(tracker.allMetricPoints(run.id())).hasSize(8);
  }

  @Test
  void streamingMetricPointsGivesWhatTheListGivesAcrossEntries() {
    Run run = tracker.startRun("exp");
    // more points than one series entry packs, two keys interleaved, NaN and a step out of order
    List<String> logged = new java.util.ArrayList<>();
    for (int i = 0; i < MetricPointsPerEntryAndABit.COUNT; i++) {
      String key = i % 3 == 0 ? "loss" : "acc";
      double value = i == 17 ? Double.NaN : i / 7.0;
      long step = i == 5 ? 1 : i;
      run.logMetric(key, value, step);
      logged.add(key + " " + value + " " + step);
    }
    run.finish();
    List<MetricPoint> listed = tracker.allMetricPoints(run.id());
    assertThat(listed).extracting(p -> p.key() + " " + p.value() + " " + p.step()).isEqualTo(logged);
    assertThat(tracker.metricHistory(run.id(), "loss")).extracting(p -> p.key() + " " + p.value() + " " + p.step())
        .isEqualTo(logged.stream().filter(l -> l.startsWith("loss ")).toList());
    List<MetricPoint> streamed = new java.util.ArrayList<>();
    java.util.Set<String> keyInstances = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    tracker.forEachMetricPoint(run.id(), (key, value, step, time) -> {
      streamed.add(new MetricPoint(key, value, step, time));
      keyInstances.add(key);
    });
    assertThat(streamed).hasSize(MetricPointsPerEntryAndABit.COUNT).isEqualTo(listed);
    // a key is decoded once per entry at most, not once per point
    assertThat(keyInstances.size()).isLessThan(MetricPointsPerEntryAndABit.COUNT / 100);
    assertThatThrownBy(() -> tracker.forEachMetricPoint("0".repeat(32), (k, v, s, t) -> { }))
        .isInstanceOf(NotFoundException.class);
  }

  /** How many points the streaming test logs: more than one series entry's 4,096. */
  private static final class MetricPointsPerEntryAndABit {
    static final int COUNT = 9_000;
  }

  @Test
  void runKeysAreEveryKeyOfTheExperimentsRunsNotJustAPage() {
    for (int i = 0; i < 30; i++) {
      Run run = tracker.startRun("keys");
      run.logParam("lr", 0.1);
      run.logMetric("loss", i, 0);
      if (i == 7) {
        run.logParam("only_in_run_7", "x").setTag("rare_tag", "t");
        run.logMetric("rare_metric", 1.0, 0);
      }
      run.finish();
    }
    Run other = tracker.startRun("other");
    other.logParam("elsewhere", 1);
    other.finish();
    RunKeys keys = tracker.runKeys("keys");
    assertThat(keys.params()).containsExactly("lr", "only_in_run_7");
    assertThat(keys.metrics()).containsExactly("loss", "rare_metric");
    assertThat(keys.tags()).contains("rare_tag");
    // a page of 5 that does not hold run 7 still has the same experiment-wide keys
    assertThat(tracker.searchRuns("keys", "params.only_in_run_7 IS NULL", List.of(), 5, null).runs()).hasSize(5);
    assertThat(tracker.runKeys("keys")).isEqualTo(keys);
    Run late = tracker.startRun("keys");
    late.logParam("added_later", "y");
    late.finish();
    assertThat(tracker.runKeys("keys").params()).containsExactly("added_later", "lr", "only_in_run_7");
    assertThatThrownBy(() -> tracker.runKeys("no such experiment")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void latestBreaksStepTiesByTimestampThenValue() {
    Run run = tracker.startRun("exp");
    run.logMetric("m", 5.0, 7);
    run.logMetric("m", 3.0, 7);
    run.finish();
    List<MetricPoint> h = tracker.metricHistory(run.id(), "m");
    double expected = h.get(0).timestampMillis() == h.get(1).timestampMillis() ? 5.0 : 3.0;
    assertThat(tracker.getRun(run.id()).metrics().get("m")).isEqualTo(expected);
  }

  @Test
  void everythingSurvivesReopening() throws IOException {
    Run run = tracker.startRun("exp", "keep");
    for (int step = 0; step < 2500; step++) {
      run.logMetric("loss", 1.0 / (step + 1), step);
    }
    run.logParam("lr", 0.01);
    run.setTag("team", "ml");
    run.finish();
    reopen();
    RunSnapshot r = tracker.getRun(run.id());
    assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(r.params()).containsEntry("lr", "0.01");
    assertThat(r.tags()).containsEntry("team", "ml");
    assertThat(r.metrics()).containsEntry("loss", 1.0 / 2500);
    assertThat(tracker.metricHistory(run.id(), "loss")).hasSize(2500);
  }

  @Test
  void aRunWhoseProcessDiedReadsKilledAndRecoveryMakesItPermanent() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Experiment exp = tracker.experiment("exp");
    String id = "ab".repeat(16);
    ProcessOwner me = ProcessOwner.current();
    long now = System.currentTimeMillis();
    RunDocument doc = new RunDocument(id, exp.id(), "orphan", null, "RUNNING", now - 1000, null,
        new ProcessOwner(me.host(), gone.pid(), now - 2000), now - 500, Map.of("lr", "1"), Map.of(), Map.of());
    store.storage().records().create(TrackingLayout.runIndex(id), TrackingJson.write(Map.of("experimentId", exp.id())));
    store.storage().records().create(TrackingLayout.run(exp.id(), id), TrackingJson.write(doc));
    store.storage().series().append(TrackingLayout.metrics(id), dev.mlops.tracking.internal.store.MetricCodec.encode(
        new String[] {"loss"}, new double[] {0.25}, new long[] {4}, new long[] {now - 600}, 1));
    Run alive = tracker.startRun("exp");
    assertThat(tracker.getRun(id).status()).isEqualTo(RunStatus.KILLED);
    assertThat(tracker.searchRuns("exp", "attributes.status = 'KILLED'")).extracting(RunSnapshot::id)
        .containsExactly(id);
    assertThat(tracker.searchRuns("exp", "attributes.status = 'RUNNING'")).extracting(RunSnapshot::id)
        .containsExactly(alive.id());
    assertThat(tracker.recoverAbandonedRuns("exp")).isEqualTo(1);
    assertThat(tracker.recoverAbandonedRuns("exp")).isZero();
    RunSnapshot r = tracker.getRun(id);
    assertThat(r.status()).isEqualTo(RunStatus.KILLED);
    assertThat(r.metrics()).containsEntry("loss", 0.25);
    alive.finish();
  }

  @Test
  void aRunWhoseLeaseExpiredReadsKilled() {
    Experiment exp = tracker.experiment("exp");
    String id = "cd".repeat(16);
    long now = System.currentTimeMillis();
    RunDocument doc = new RunDocument(id, exp.id(), "remote", null, "RUNNING", now - 3_600_000, null,
        new ProcessOwner("some-other-host", 1, 0), now - 3_600_000, Map.of(), Map.of(), Map.of());
    store.storage().records().create(TrackingLayout.runIndex(id), TrackingJson.write(Map.of("experimentId", exp.id())));
    store.storage().records().create(TrackingLayout.run(exp.id(), id), TrackingJson.write(doc));
    assertThat(tracker.getRun(id).status()).isEqualTo(RunStatus.KILLED);
  }

  @Test
  void searchFiltersOrdersAndPages() {
    for (int i = 0; i < 30; i++) {
      Run run = tracker.startRun("exp", "r" + i);
      run.logParam("model", i % 3 == 0 ? "tree" : "linear");
      if (i % 5 != 0) {
        run.logMetric("acc", i / 30.0);
      }
      run.setTag("team", i % 2 == 0 ? "a" : "b");
      if (i == 7) {
        run.fail("bad");
      } else {
        run.finish();
      }
    }
    assertThat(names(tracker.searchRuns("exp", "metrics.acc > 0.9"))).containsExactlyInAnyOrder("r28", "r29");
    assertThat(names(tracker.searchRuns("exp", "params.model = 'tree' and tags.team = 'b' and metrics.acc >= 0.5")))
        .containsExactlyInAnyOrder("r21", "r27");
    assertThat(names(tracker.searchRuns("exp", "metrics.acc IS NULL"))).containsExactlyInAnyOrder("r0", "r5", "r10",
        "r15", "r20", "r25");
    assertThat(names(tracker.searchRuns("exp", "attributes.status = 'FAILED' OR metrics.acc < 0.05")))
        .containsExactlyInAnyOrder("r7", "r1");
    assertThat(names(tracker.searchRuns("exp", "NOT (params.model = 'linear') AND attributes.run_name LIKE 'r2%'")))
        .containsExactlyInAnyOrder("r21", "r24", "r27");
    List<String> ordered = new java.util.ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      RunPage page = tracker.searchRuns("exp", "", List.of("metrics.acc DESC", "attributes.run_name"), 7, token);
      ordered.addAll(names(page.runs()));
      token = page.nextPageToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(5);
    assertThat(ordered).hasSize(30);
    assertThat(ordered.subList(0, 3)).containsExactly("r29", "r28", "r27");
    assertThat(ordered.subList(24, 30)).containsExactly("r0", "r10", "r15", "r20", "r25", "r5");
    RunPage first = tracker.searchRuns("exp", "", List.of(), 5, null);
    assertThatThrownBy(() -> tracker.searchRuns("exp", "metrics.acc > 0", List.of(), 5, first.nextPageToken()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("another search");
    assertThatThrownBy(() -> tracker.searchRuns("exp", "metrics.acc >", List.of(), 5, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("column 14");
    assertThatThrownBy(() -> tracker.searchRuns("nope", "")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void compareShowsDifferingParamsAndMetricDeltas() {
    Run a = tracker.startRun("exp");
    a.logParam("lr", 0.1).logParam("same", "x");
    a.logMetric("acc", 0.8);
    a.finish();
    Run b = tracker.startRun("exp");
    b.logParam("lr", 0.2).logParam("same", "x").logParam("extra", 1);
    b.logMetric("acc", 0.9);
    b.finish();
    RunComparison c = tracker.compare(a.id(), b.id());
    assertThat(c.params()).containsOnlyKeys("lr", "extra");
    assertThat(c.params().get("extra")).isEqualTo(new RunComparison.ValueDifference(null, "1"));
    assertThat(c.metrics().get("acc").delta()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.sameParams()).isFalse();
  }

  @Test
  void anotherTrackerSeesNewAndChangedRunsThroughTheChangeLog() {
    TrackerOptions noListing = TrackerOptions.builder().catalogRefreshInterval(java.time.Duration.ofHours(1)).build();
    try (Tracker reader = Tracker.on(store, noListing)) {
      Run first = tracker.startRun("exp", "first");
      first.logMetric("acc", 0.1);
      first.finish();
      assertThat(names(reader.searchRuns("exp", "metrics.acc > 0"))).containsExactly("first");
      Run second = tracker.startRun("exp", "second");
      second.logMetric("acc", 0.9);
      second.flush();
      assertThat(names(reader.searchRuns("exp", "metrics.acc > 0.5"))).containsExactly("second");
      assertThat(reader.searchRuns("exp", "attributes.status = 'RUNNING'")).hasSize(1);
      second.finish();
      assertThat(reader.searchRuns("exp", "attributes.status = 'RUNNING'")).isEmpty();
    }
  }

  @Test
  void aLiveRunRenewsItsLeaseAndStaysRunning() throws Exception {
    TrackerOptions fast = TrackerOptions.builder().heartbeatInterval(java.time.Duration.ofMillis(100))
        .leaseTimeout(java.time.Duration.ofSeconds(2)).build();
    try (Tracker live = Tracker.on(store, fast)) {
      Run run = live.startRun("exp");
      long deadline = System.nanoTime() + 4_500_000_000L; // more than twice the lease
      while (System.nanoTime() < deadline) {
        assertThat(live.getRun(run.id()).status()).isEqualTo(RunStatus.RUNNING);
        Thread.sleep(250);
      }
      run.finish();
      assertThat(live.getRun(run.id()).status()).isEqualTo(RunStatus.FINISHED);
    }
  }

  static List<String> names(List<RunSnapshot> runs) {
    return runs.stream().map(RunSnapshot::name).collect(Collectors.toList());
  }
}
