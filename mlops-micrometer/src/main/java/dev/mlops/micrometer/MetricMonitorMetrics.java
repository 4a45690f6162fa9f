package dev.mlops.micrometer;

import dev.mlops.tracking.monitor.MetricMonitor;
import dev.mlops.tracking.monitor.MonitorState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Exports a {@link MetricMonitor}: the watched metric's last value, the monitor's state and the counts of its
 * events.
 *
 * <table>
 *   <caption>Meters (each tagged {@code metric=<the monitor's metric name>} plus the binder's tags)</caption>
 *   <tr><th>name</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code mlops.monitor.value}</td><td>gauge</td><td>the last value fed (NaN before the first)</td></tr>
 *   <tr><td>{@code mlops.monitor.state}</td><td>gauge</td><td>0 stable, 1 warning in force, 2 drift at the last
 *       value</td></tr>
 *   <tr><td>{@code mlops.monitor.values}</td><td>counter</td><td>values processed</td></tr>
 *   <tr><td>{@code mlops.monitor.events}</td><td>counter</td><td>notified events, tagged
 *       {@code kind=warning|drift|suppressed_drift}</td></tr>
 * </table>
 *
 * <p>Thread-safe; the meters read the monitor (under its lock) when the registry is scraped. The monitor is
 * held strongly by this binder and weakly by the registry's meters, as Micrometer's own binders do.
 */
public final class MetricMonitorMetrics implements MeterBinder {
  private final MetricMonitor monitor;
  private final Tags tags;

  /**
   * Creates the binder.
   *
   * @param monitor the monitor to export
   * @param tags extra tags for every meter (for example the model's name); keep their values bounded
   */
  public MetricMonitorMetrics(MetricMonitor monitor, Iterable<Tag> tags) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.tags = Tags.concat(tags, "metric", monitor.metric());
  }

  /**
   * Creates the binder with no extra tags.
   *
   * @param monitor the monitor to export
   */
  public MetricMonitorMetrics(MetricMonitor monitor) {
    this(monitor, Tags.empty());
  }

  /**
   * The number {@code mlops.monitor.state} reports for a state.
   *
   * @param state the state
   * @return 0 for STABLE, 1 for WARNING, 2 for DRIFT
   */
  public static int stateCode(MonitorState state) {
    switch (state) {
      case WARNING:
        return 1;
      case DRIFT:
        return 2;
      default:
        return 0;
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("mlops.monitor.value", monitor, MetricMonitor::lastValue).tags(tags)
        .description("The last value fed to the metric monitor").register(registry);
    Gauge.builder("mlops.monitor.state", monitor, m -> stateCode(m.state())).tags(tags)
        .description("The monitor's state: 0 stable, 1 warning, 2 drift").register(registry);
    FunctionCounter.builder("mlops.monitor.values", monitor, MetricMonitor::count).tags(tags)
        .description("Values processed by the metric monitor").register(registry);
    event(registry, "warning", MetricMonitor::warnings);
    event(registry, "drift", MetricMonitor::drifts);
    event(registry, "suppressed_drift", MetricMonitor::suppressedDrifts);
  }

  private void event(MeterRegistry registry, String kind, java.util.function.ToLongFunction<MetricMonitor> count) {
    FunctionCounter.builder("mlops.monitor.events", monitor, m -> count.applyAsLong(m)).tags(tags).tag("kind", kind)
        .description("Events notified by the metric monitor (suppressed drifts fell inside the cool-down)")
        .register(registry);
  }
}
