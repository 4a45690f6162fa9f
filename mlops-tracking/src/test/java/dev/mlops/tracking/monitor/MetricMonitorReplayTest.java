package dev.mlops.tracking.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** A monitor replays a tracked run's metric in step order and sees the change the run went through. */
class MetricMonitorReplayTest {

  @Test
  void replaysARunsMetricInStepOrderAndDetectsItsChange() {
    try (MlopsStore store = MlopsStore.open(InMemoryStorage.create()); Tracker tracker = Tracker.on(store)) {
      String runId;
      try (Run run = tracker.startRun("training")) {
        runId = run.id();
        // logged out of order on purpose: replay must follow steps, not logging order
        for (int step = 1999; step >= 0; step--) {
          run.logMetric("val/loss", step < 1000 ? 1.0 : 5.0, step);
        }
        run.logMetric("val/loss", Double.NaN, 2000);
        run.finish();
      }
      List<MonitorEvent> events = new ArrayList<>();
      MetricMonitor monitor = MetricMonitor.builder("val/loss").detector(ChangeDetector.pageHinkley())
          .listener(events::add).build();
      assertThat(monitor.replay(tracker, runId)).isEqualTo(2000);
      assertThat(monitor.count()).isEqualTo(2000);
      assertThat(events).anySatisfy(e -> {
        assertThat(e.kind()).isEqualTo(MonitorEvent.Kind.DRIFT);
        assertThat(e.index()).isBetween(1000L, 1100L);
      });
      Assertions.assertThatThrownBy(() -> monitor.replay(tracker, "0".repeat(32)))
          .isInstanceOf(NotFoundException.class);
    }
  }
}
