package dev.mlops.tracking.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;

/**
 * jqwik properties of the monitor's hysteresis (named {@code *Test} so surefire runs them), on
 * detectors whose flags follow random scripts.
 */
class MetricMonitorProperties {
  @Property(tries = 300)
  void warningsAlternateWithClearsAndDriftsRespectTheCooldown(
      @ForAll @StringLength(min = 1, max = 200) @Chars({'.', 'W', 'D'}) String script,
      @ForAll @IntRange(min = 1, max = 6) int clearAfter, @ForAll @IntRange(min = 0, max = 20) int cooldown) {
    List<MonitorEvent> events = new ArrayList<>();
    MetricMonitor monitor = MetricMonitor.builder("m").detector(new ScriptedDetector(script))
        .warningClearAfter(clearAfter).driftCooldown(cooldown).listener(events::add).build();
    for (int i = 0; i < script.length(); i++) {
      monitor.update(0);
    }
    boolean inWarning = false;
    long lastDrift = -1;
    for (MonitorEvent event : events) {
      switch (event.kind()) {
        case WARNING -> {
          assertThat(inWarning).as("a second WARNING without a clear or drift at %d", event.index()).isFalse();
          assertThat(script.charAt((int) event.index())).isEqualTo('W');
          inWarning = true;
        }
        case WARNING_CLEARED -> {
          assertThat(inWarning).isTrue();
          for (long i = event.index() - clearAfter + 1; i <= event.index(); i++) {
            assertThat(script.charAt((int) i)).as("quiet run before the clear at %d", event.index()).isNotEqualTo('W');
          }
          inWarning = false;
        }
        case DRIFT -> {
          assertThat(script.charAt((int) event.index())).isEqualTo('D');
          assertThat(lastDrift < 0 || event.index() - lastDrift >= cooldown).isTrue();
          lastDrift = event.index();
          inWarning = false;
        }
        default -> throw new AssertionError(event);
      }
    }
    long scriptedDrifts = script.chars().filter(c -> c == 'D').count();
    assertThat(monitor.drifts() + monitor.suppressedDrifts()).isEqualTo(scriptedDrifts);
    assertThat(monitor.count()).isEqualTo(script.length());
  }
}
