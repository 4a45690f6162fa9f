package dev.mlops.tracking.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.TrackerOptions;
import dev.mlops.tracking.internal.store.TrackingJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LeaderboardTest {
  MlopsStore store;
  Tracker tracker;

  @BeforeEach
  void setUp() {
    store = MlopsStore.open(InMemoryStorage.create());
    // runs started in one millisecond would tie on start time and fall back to their random ids; a clock
    // that ticks on every reading gives each run its own start time, so tie-break expectations are exact
    tracker = Tracker.on(store, TrackerOptions.builder().clock(new TickingClock()).build());
  }

  /** A clock that advances one millisecond each time it is read. */
  static final class TickingClock extends Clock {
    private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public long millis() {
      return millis.incrementAndGet();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }

  @AfterEach
  void tearDown() {
    tracker.close();
    store.close();
  }

  private String run(String name, String model, double loss, double... accuracyHistory) {
    Run r = tracker.startRun("exp", name);
    r.logParam("model", model);
    r.logMetric("loss", loss);
    for (int i = 0; i < accuracyHistory.length; i++) {
      r.logMetric("acc", accuracyHistory[i], i);
    }
    r.finish();
    return r.id();
  }

  @Test
  void ranksByAggregationDirectionWithFiltersGroupsAndDeterministicTies() {
    run("a", "tree", 0.3, 0.5, 0.9, 0.7);
    run("b", "tree", 0.2, 0.8, 0.8);
    run("c", "linear", 0.9, 0.95);
    run("d", "linear", 0.1, 0.6, 0.75);
    run("e", "linear", 0.1, 0.75);
    Run open = tracker.startRun("exp", "running");
    open.logMetric("acc", 1.0);
    open.flush();

    assertThat(names(tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).build()))
        .containsExactly("c", "b", "d", "e", "a");
    assertThat(names(tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).aggregation(Aggregation.MAX).build()))
        .containsExactly("c", "a", "b", "d", "e");
    assertThat(names(tracker.leaderboard("exp").metric("acc", Direction.MINIMIZE).aggregation(Aggregation.MIN).build()))
        .containsExactly("a", "d", "e", "b", "c");
    Leaderboard mean = tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).aggregation(Aggregation.MEAN).build();
    assertThat(mean.entries().get(0).runName()).isEqualTo("c");
    assertThat(names(mean)).containsExactly("c", "b", "e", "a", "d");
    assertThat(mean.entries().get(3).score()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(names(tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).filter("metrics.loss < 0.25").build()))
        .containsExactly("b", "d", "e");
    Leaderboard grouped = tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).groupBy("params.model").build();
    assertThat(names(grouped)).containsExactly("c", "b");
    assertThat(grouped.entries().get(1).group()).containsEntry("params.model", "tree");
    assertThat(names(tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).statuses(RunStatus.RUNNING).build()))
        .containsExactly("running");
    assertThat(names(tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).limit(2).build()))
        .containsExactly("c", "b");
    open.finish();
  }

  @Test
  void equalScoresRankByStartTimeThenRunId() {
    run("first", "m", 0, 0.5);
    run("second", "m", 0, 0.5);
    run("third", "m", 0, 0.5);
    Leaderboard board = tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).build();
    List<LeaderboardEntry> e = board.entries();
    for (int i = 1; i < e.size(); i++) {
      var prev = tracker.getRun(e.get(i - 1).runId());
      var cur = tracker.getRun(e.get(i).runId());
      int c = prev.startTime().compareTo(cur.startTime());
      assertThat(c < 0 || (c == 0 && prev.id().compareTo(cur.id()) < 0)).isTrue();
    }
    assertThat(tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).build().entries()).isEqualTo(e);
  }

  @Test
  void nanScoresRankLastAndRendersAsTableAndJson() throws Exception {
    run("nan", "m", 0, Double.NaN);
    run("ok", "m", 0, 0.1);
    Leaderboard board = tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE).build();
    assertThat(names(board)).containsExactly("ok", "nan");
    String table = board.toTable();
    assertThat(table.lines().findFirst().orElseThrow()).startsWith("rank  run").contains("last(acc)", "params.model");
    assertThat(table.lines().count()).isEqualTo(3);
    JsonNode json = TrackingJson.mapper().readTree(board.toJson());
    assertThat(json.get("metric").asString()).isEqualTo("acc");
    assertThat(json.get("entries").get(0).get("runName").asString()).isEqualTo("ok");
    assertThat(json.get("entries").get(1).get("score").asString()).isEqualTo("NaN");
    assertThatThrownBy(() -> tracker.leaderboard("exp").build()).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> tracker.leaderboard("exp").groupBy("nope")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void sameTagAsKeepsRunsOnTheReferenceRunsDatasetVersion() {
    String[] ids = new String[3];
    String[] versions = {"penguins@1", "penguins@2", "penguins@1"};
    for (int i = 0; i < 3; i++) {
      Run r = tracker.startRun("exp", "r" + i);
      r.setTag("mlops.input.train", versions[i]);
      r.logMetric("acc", i);
      r.finish();
      ids[i] = r.id();
    }
    assertThat(names(tracker.leaderboard("exp").metric("acc", Direction.MAXIMIZE)
        .sameTagAs("mlops.input.train", ids[0]).build())).containsExactly("r2", "r0");
    assertThatThrownBy(() -> tracker.leaderboard("exp").sameTagAs("mlops.fingerprint", ids[0]))
        .isInstanceOf(InvalidInputException.class);
  }

  static List<String> names(Leaderboard b) {
    return b.entries().stream().map(LeaderboardEntry::runName).collect(java.util.stream.Collectors.toList());
  }
}
