package dev.mlops.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.tracking.monitor.ChangeDetector;
import dev.mlops.tracking.monitor.MetricMonitor;
import dev.mlops.tracking.monitor.MonitorState;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The monitor binder: names, tags, and values that follow the monitor. */
class MetricMonitorMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void exportsValueStateAndEventCounts() {
    MetricMonitor monitor = MetricMonitor.builder("latency_ms").detector(ChangeDetector.pageHinkley()).build();
    new MetricMonitorMetrics(monitor, Tags.of("model", "penguins")).bindTo(registry);

    assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("mlops.monitor.value", "mlops.monitor.state", "mlops.monitor.values",
            "mlops.monitor.events");
    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().getTag("metric")).isEqualTo("latency_ms");
      assertThat(m.getId().getTag("model")).isEqualTo("penguins");
    }
    assertThat(registry.get("mlops.monitor.value").gauge().value()).isNaN();
    assertThat(registry.get("mlops.monitor.state").gauge().value()).isZero();

    for (int i = 0; i < 500; i++) {
      monitor.update(10 + (i % 3));
    }
    int drifts = 0;
    for (int i = 0; i < 500 && drifts == 0; i++) {
      if (monitor.update(60) == MonitorState.DRIFT) {
        drifts++;
        assertThat(registry.get("mlops.monitor.state").gauge().value()).isEqualTo(2);
      }
    }
    assertThat(drifts).as("the jump from ~11 to 60 is a drift").isEqualTo(1);
    assertThat(registry.get("mlops.monitor.value").gauge().value()).isEqualTo(60);
    assertThat(registry.get("mlops.monitor.values").functionCounter().count()).isEqualTo(monitor.count());
    assertThat(registry.get("mlops.monitor.events").tag("kind", "drift").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("mlops.monitor.events").tag("kind", "warning").functionCounter().count())
        .isEqualTo(monitor.warnings());
    assertThat(registry.get("mlops.monitor.events").tag("kind", "suppressed_drift").functionCounter().count())
        .isEqualTo(monitor.suppressedDrifts());
  }

  @Test
  void stateCodesAreStable() {
    assertThat(MetricMonitorMetrics.stateCode(MonitorState.STABLE)).isZero();
    assertThat(MetricMonitorMetrics.stateCode(MonitorState.WARNING)).isEqualTo(1);
    assertThat(MetricMonitorMetrics.stateCode(MonitorState.DRIFT)).isEqualTo(2);
  }
}
