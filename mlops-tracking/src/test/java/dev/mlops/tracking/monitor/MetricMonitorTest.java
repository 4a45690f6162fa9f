package dev.mlops.tracking.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricMonitorTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

  private static List<String> run(String script, int clearAfter, int cooldown) {
    List<String> events = new ArrayList<>();
    MetricMonitor monitor = MetricMonitor.builder("accuracy").detector(new ScriptedDetector(script))
        .warningClearAfter(clearAfter).driftCooldown(cooldown).clock(CLOCK)
        .listener(e -> events.add(e.kind() + "@" + e.index())).build();
    for (int i = 0; i < script.length(); i++) {
      monitor.update(0);
    }
    return events;
  }

  @Test
  void aFlickeringWarningIsNotifiedOnceAndClearsAfterAQuietRun() {
    assertThat(run("..W.W.WW...W....", 3, 0))
        .containsExactly("WARNING@2", "WARNING_CLEARED@10", "WARNING@11", "WARNING_CLEARED@14");
    assertThat(run("..W.W.WW...W....", 1, 0)).containsExactly("WARNING@2", "WARNING_CLEARED@3", "WARNING@4",
        "WARNING_CLEARED@5", "WARNING@6", "WARNING_CLEARED@8", "WARNING@11", "WARNING_CLEARED@12");
  }

  @Test
  void aDriftEndsTheWarningAndTheCooldownSuppressesRepeats() {
    assertThat(run(".WWD.DD....D", 2, 0)).containsExactly("WARNING@1", "DRIFT@3", "DRIFT@5", "DRIFT@6", "DRIFT@11");
    List<String> events = new ArrayList<>();
    MetricMonitor monitor = MetricMonitor.builder("accuracy").detector(new ScriptedDetector(".WWD.DD....D"))
        .warningClearAfter(2).driftCooldown(5).listener(e -> events.add(e.kind() + "@" + e.index())).build();
    List<MonitorState> states = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      states.add(monitor.update(0));
    }
    assertThat(events).containsExactly("WARNING@1", "DRIFT@3", "DRIFT@11");
    assertThat(monitor.suppressedDrifts()).isEqualTo(2);
    assertThat(monitor.drifts()).isEqualTo(2);
    assertThat(monitor.warnings()).isEqualTo(1);
    assertThat(states.subList(0, 5)).containsExactly(MonitorState.STABLE, MonitorState.WARNING,
        MonitorState.WARNING, MonitorState.DRIFT, MonitorState.STABLE);
  }

  @Test
  void ddmOnRiversStreamWarnsThenDrifts() {
    double[] stream = RiverStreams.load(RiverStreams.ERROR_RATE_INCREASE);
    List<MonitorEvent> events = new ArrayList<>();
    MetricMonitor monitor = MetricMonitor.builder("model/errors").detector(ChangeDetector.ddm())
        .warningClearAfter(50).clock(CLOCK).listener(events::add).build();
    for (double v : stream) {
      monitor.update(v);
    }
    MonitorEvent firstWarning = events.get(0);
    assertThat(firstWarning.kind()).isEqualTo(MonitorEvent.Kind.WARNING);
    assertThat(firstWarning.index()).isEqualTo(1084);
    assertThat(firstWarning.metric()).isEqualTo("model/errors");
    assertThat(firstWarning.at()).isEqualTo(CLOCK.instant());
    assertThat(events).filteredOn(e -> e.kind() == MonitorEvent.Kind.DRIFT).extracting(MonitorEvent::index)
        .containsExactly(1334L);
    assertThat(monitor.count()).isEqualTo(2000);
  }

  @Test
  void aRestoredMonitorContinuesExactlyLikeAnUninterruptedOne() {
    double[] stream = RiverStreams.load(RiverStreams.ERROR_RATE_INCREASE);
    List<String> uninterrupted = new ArrayList<>();
    MetricMonitor whole = MetricMonitor.builder("errors").detector(ChangeDetector.hddmW())
        .warningClearAfter(3).driftCooldown(10).clock(CLOCK).listener(e -> uninterrupted.add(e.toString())).build();
    for (double v : stream) {
      whole.update(v);
    }
    for (int cut : new int[] {0, 451, 452, 1077, 1078, 1500}) {
      List<String> restarted = new ArrayList<>();
      MetricMonitor first = MetricMonitor.builder("errors").detector(ChangeDetector.hddmW())
          .warningClearAfter(3).driftCooldown(10).clock(CLOCK).listener(e -> restarted.add(e.toString())).build();
      for (int i = 0; i < cut; i++) {
        first.update(stream[i]);
      }
      MetricMonitor second = MetricMonitor.builder("errors").restore(first.toJson()).clock(CLOCK)
          .listener(e -> restarted.add(e.toString())).build();
      assertThat(second.count()).isEqualTo(cut);
      for (int i = cut; i < stream.length; i++) {
        second.update(stream[i]);
      }
      assertThat(restarted).as("restart at %d", cut).isEqualTo(uninterrupted);
      assertThat(second.toJson()).isEqualTo(whole.toJson());
    }
    assertThat(uninterrupted).isNotEmpty();
  }

  @Test
  void concurrentFeedersAreSerialized() throws Exception {
    List<MonitorEvent> events = Collections.synchronizedList(new ArrayList<>());
    MetricMonitor monitor = MetricMonitor.builder("latency").detector(ChangeDetector.adwin())
        .listener(events::add).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 5000; i++) {
            monitor.update(thread * 10 + (i % 7));
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(monitor.count()).isEqualTo(20_000);
    assertThat(events).extracting(MonitorEvent::index).isSorted();
    assertThat(ChangeDetector.fromJson(extractDetector(monitor.toJson())).name()).isEqualTo("adwin");
  }

  private static String extractDetector(String monitorJson) {
    int start = monitorJson.indexOf("\"detector\":") + "\"detector\":".length();
    return monitorJson.substring(start, monitorJson.length() - 1);
  }

  @Test
  void aFailingListenerDoesNotReachTheCaller() {
    List<String> seen = new ArrayList<>();
    MetricMonitor monitor = MetricMonitor.builder("accuracy").detector(new ScriptedDetector("D.D"))
        .listener(e -> {
          throw new IllegalStateException("listener bug");
        })
        .listener(e -> seen.add(e.kind().name())).build();
    assertThat(monitor.update(0)).isEqualTo(MonitorState.DRIFT);
    monitor.update(0);
    monitor.update(0);
    assertThat(seen).containsExactly("DRIFT", "DRIFT");
  }

  @Test
  void refusedValuesChangeNothing() {
    MetricMonitor monitor = MetricMonitor.builder("accuracy").detector(ChangeDetector.ddm()).build();
    monitor.update(1);
    String before = monitor.toJson();
    assertThatThrownBy(() -> monitor.update(Double.NaN)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> monitor.update(0.3)).isInstanceOf(InvalidInputException.class);
    assertThat(monitor.toJson()).isEqualTo(before);
  }

  @Test
  void badNamesSettingsAndStatesAreRefused() {
    assertThatThrownBy(() -> MetricMonitor.builder("")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> MetricMonitor.builder("a\u0000b")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> MetricMonitor.builder("x".repeat(251))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("...");
    assertThat(MetricMonitor.builder("x".repeat(250)).detector(ChangeDetector.adwin()).build().metric())
        .hasSize(250);
    assertThatThrownBy(() -> MetricMonitor.builder("a").warningClearAfter(0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> MetricMonitor.builder("a").driftCooldown(-1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> MetricMonitor.builder("a").build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("needs a detector");
    String saved = MetricMonitor.builder("a").detector(ChangeDetector.cusum()).build().toJson();
    assertThatThrownBy(() -> MetricMonitor.builder("b").restore(saved)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("of metric 'a'");
    assertThatThrownBy(() -> MetricMonitor.builder("a").restore(saved.replace("\"count\":0", "\"count\":-3")))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("inconsistent");
    assertThatThrownBy(() -> MetricMonitor.builder("a").restore("{}")).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining("format");
  }
}
