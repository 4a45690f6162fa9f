package dev.mlops.examples.snippets;

import dev.mlops.tracking.monitor.ChangeDetector;
import dev.mlops.tracking.monitor.MetricMonitor;
import dev.mlops.tracking.monitor.MonitorEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public class MetricMonitorQuickStart {
  public static void main(String[] args) {
    List<MonitorEvent> events = new ArrayList<>();
    MetricMonitor monitor = MetricMonitor.builder("server/accuracy-errors")
        .detector(ChangeDetector.hddmA())           // River's defaults; adwin(), pageHinkley(), ddm(), ...
        .warningClearAfter(100)                     // hysteresis: a warning clears after 100 calm values
        .listener(event -> events.add(event))       // WARNING, WARNING_CLEARED, DRIFT
        .build();
    Random random = new Random(11);
    for (int i = 0; i < 4000; i++) {                // 1 when the model was wrong, once the label arrives
      monitor.update(random.nextDouble() < (i < 2000 ? 0.08 : 0.30) ? 1 : 0);
    }
    String saved = monitor.toJson();                // survives a server restart
    MetricMonitor restored = MetricMonitor.builder("server/accuracy-errors").restore(saved).build();
    events.forEach(e -> System.out.println(e.kind() + " at value " + e.index()));
    System.out.println("restored after " + restored.count() + " values, " + restored.drifts() + " drift(s)");
  }
}
