package dev.mlops.examples;

import dev.mlops.tracking.monitor.ChangeDetector;
import dev.mlops.tracking.monitor.MetricMonitor;
import dev.mlops.tracking.monitor.MonitorEvent;
import java.io.PrintStream;
import java.util.Random;

/**
 * A model server notices that its accuracy dropped: requests whose labels arrive later are fed to a
 * {@link MetricMonitor} running HDDM_A (1 for a wrong prediction, 0 for a right one). The simulated model
 * is right 92 % of the time for the first 3,000 requests and 75 % afterwards; the monitor prints when
 * the warning and the drift fire. Half way, the server "restarts": the monitor's state is saved as JSON
 * and restored, and detection goes on as if nothing happened.
 *
 * <p>HDDM_A is used rather than DDM: on a low, stable error rate DDM's default warm start of 30 values
 * is too short and it raises false alarms in the first few hundred requests (as River's DDM does).
 */
public final class MetricMonitorExample {
  /** The request at which the simulated accuracy drops. */
  public static final int DROP_AT = 3000;

  private MetricMonitorExample() {}

  /**
   * Runs the example on standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the example.
   *
   * @param out where to print
   */
  public static void run(PrintStream out) {
    Random labels = new Random(7);
    MetricMonitor monitor = MetricMonitor.builder("server/accuracy-errors")
        .detector(ChangeDetector.hddmA())
        .warningClearAfter(100)
        .listener(event -> print(out, event))
        .build();
    out.printf("serving 6000 requests; accuracy drops from 92%% to 75%% at request %d%n", DROP_AT);
    for (int request = 0; request < 6000; request++) {
      if (request == 2000) {
        String saved = monitor.toJson();
        out.printf("request %d: server restarts, monitor state saved (%d bytes of JSON)%n", request,
            saved.length());
        monitor = MetricMonitor.builder("server/accuracy-errors").restore(saved)
            .listener(event -> print(out, event)).build();
      }
      double accuracy = request < DROP_AT ? 0.92 : 0.75;
      boolean correct = labels.nextDouble() < accuracy;
      monitor.update(correct ? 0 : 1);
    }
    out.printf("done: %d values, %d warning(s), %d drift(s)%n", monitor.count(), monitor.warnings(),
        monitor.drifts());
  }

  private static void print(PrintStream out, MonitorEvent event) {
    String when = event.index() < DROP_AT ? "before the drop" : (event.index() - DROP_AT) + " requests after the drop";
    out.printf("request %d: %s on %s (%s)%n", event.index(), event.kind(), event.metric(), when);
  }
}
