package dev.mlops.tracking.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Compiles and runs the README's metric monitor snippet on a stream whose error rate jumps. */
class MonitorReadmeTest {

  @Test
  void readmeSnippet() {
    Random random = new Random(11);
    List<MonitorEvent> events = new ArrayList<>();
    double[] errors = new double[4000];
    for (int i = 0; i < errors.length; i++) {
      errors[i] = random.nextDouble() < (i < 2000 ? 0.08 : 0.30) ? 1 : 0;
    }

    // snippet:monitor
    MetricMonitor monitor = MetricMonitor.builder("server/accuracy-errors")
        .detector(ChangeDetector.hddmA())           // River's defaults; adwin(), pageHinkley(), ddm(), ...
        .warningClearAfter(100)                     // hysteresis: a warning clears after 100 calm values
        .listener(event -> events.add(event))       // WARNING, WARNING_CLEARED, DRIFT
        .build();
    for (double error : errors) {                   // 1 when the model was wrong, once the label arrives
      monitor.update(error);
    }
    String saved = monitor.toJson();                // survives a server restart
    MetricMonitor restored = MetricMonitor.builder("server/accuracy-errors").restore(saved).build();
    // end-snippet

    assertThat(events).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(MonitorEvent.Kind.DRIFT);
      assertThat(e.index()).isBetween(2000L, 2400L);
    });
    assertThat(restored.count()).isEqualTo(monitor.count());
    assertThat(restored.drifts()).isEqualTo(monitor.drifts());
  }
}
