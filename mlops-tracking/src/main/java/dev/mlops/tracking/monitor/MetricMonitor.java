package dev.mlops.tracking.monitor;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.internal.monitor.MonitorSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one named metric with a {@link ChangeDetector} and notifies listeners when it warns or
 * drifts: a tracked run's metric replayed step by step, or a live server metric such as accuracy once
 * labels arrive (feed 1 for an error and 0 for a correct prediction to the binary detectors) or latency.
 *
 * <pre>{@code
 * MetricMonitor monitor = MetricMonitor.builder("accuracy")
 *     .detector(ChangeDetector.ddm())
 *     .listener(event -> log.warn("{} {} at {}", event.metric(), event.kind(), event.index()))
 *     .build();
 * monitor.update(prediction == label ? 0 : 1);
 * }</pre>
 *
 * <p><b>Hysteresis.</b> Detectors' warning flags flicker near their thresholds, and a detector that
 * drifted restarts and may drift again at once. The monitor therefore notifies:
 * <ul>
 *   <li>{@link MonitorEvent.Kind#WARNING} when the detector warns while no warning is in force; the
 *       warning then stays in force until {@code warningClearAfter} values in a row come without a
 *       warning, which notifies {@link MonitorEvent.Kind#WARNING_CLEARED}. Warnings in between are
 *       not notified again.</li>
 *   <li>{@link MonitorEvent.Kind#DRIFT} when the detector drifts, unless fewer than
 *       {@code driftCooldown} values passed since the last notified drift (then the drift is only
 *       counted in {@link #suppressedDrifts()}). A notified drift ends a warning in force without a
 *       WARNING_CLEARED event.</li>
 * </ul>
 *
 * <p><b>Restarts.</b> {@link #toJson()} saves the detector and the monitor's counters as versioned
 * JSON; {@link Builder#restore(String)} builds a monitor that continues exactly where the saved one
 * stopped, so a server restart does not forget.
 *
 * <p>Thread-safe: every method takes the monitor's lock, which guards the detector and the counters,
 * and listeners are called under it, in stream order.
 */
public final class MetricMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(MetricMonitor.class);
  private static final Pattern NAME = Pattern.compile("[/\\w.\\- ]{1,250}");

  private final String metric;
  private final List<MonitorListener> listeners;
  private final int warningClearAfter;
  private final int driftCooldown;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  // guarded by lock
  private final ChangeDetector detector;
  // guarded by lock
  private long count;
  // guarded by lock
  private boolean inWarning;
  // guarded by lock
  private long quietRun;
  // guarded by lock
  private long lastDrift;
  // guarded by lock
  private long warnings;
  // guarded by lock
  private long drifts;
  // guarded by lock
  private long suppressedDrifts;
  // guarded by lock
  private double lastValue = Double.NaN;
  // guarded by lock
  private MonitorState state = MonitorState.STABLE;

  private MetricMonitor(Builder builder, ChangeDetector detector, @Nullable MonitorSnapshot snapshot) {
    this.metric = builder.metric;
    this.listeners = List.copyOf(builder.listeners);
    this.warningClearAfter = builder.warningClearAfter;
    this.driftCooldown = builder.driftCooldown;
    this.clock = builder.clock;
    this.detector = detector;
    this.lastDrift = -1;
    if (snapshot != null) {
      count = snapshot.count();
      inWarning = snapshot.inWarning();
      quietRun = snapshot.quietRun();
      lastDrift = snapshot.lastDrift();
      warnings = snapshot.warnings();
      drifts = snapshot.drifts();
      suppressedDrifts = snapshot.suppressedDrifts();
      state = inWarning ? MonitorState.WARNING : MonitorState.STABLE;
    }
  }

  /**
   * Starts building a monitor of a metric.
   *
   * @param metric the metric's name: 1 to 250 characters from letters, digits, {@code _ - . / } and space
   * @return the builder
   * @throws InvalidInputException if the name breaks the naming rule
   */
  public static Builder builder(String metric) {
    Objects.requireNonNull(metric, "metric");
    if (!NAME.matcher(metric).matches()) {
      String shown = metric.length() > 60 ? metric.substring(0, 60) + "..." : metric;
      throw new InvalidInputException("invalid metric name '" + shown + "': use 1 to 250 characters from "
          + "letters, digits, '_', '-', '.', '/' and space");
    }
    return new Builder(metric);
  }

  /**
   * Feeds a tracked run's history of this monitor's metric, in MLflow's order (step, then timestamp, then
   * value), as if each point arrived live. Use it to watch a training run's metric for change points, or to
   * warm a server's monitor from a run that logged the metric. Points that are NaN or infinite (which
   * tracking allows) are skipped, because no detector can weigh them; the return value says how many
   * points were fed.
   *
   * @param tracker the tracker that holds the run
   * @param runId the run's id
   * @return how many points were fed to the detector
   * @throws dev.mlops.core.NotFoundException if there is no such run
   * @throws InvalidInputException if the detector refuses a finite value (a binary detector given other
   *     than 0 or 1); the points before it were fed
   */
  public int replay(Tracker tracker, String runId) {
    Objects.requireNonNull(tracker, "tracker");
    Objects.requireNonNull(runId, "runId");
    List<MetricPoint> history = new ArrayList<>(tracker.metricHistory(runId, metric));
    history.sort(MetricPoint.LATEST_ORDER);
    int fed = 0;
    for (MetricPoint p : history) {
      if (Double.isFinite(p.value())) {
        update(p.value());
        fed++;
      }
    }
    return fed;
  }

  /**
   * Feeds the next value of the metric, notifying listeners as the hysteresis rules say.
   *
   * @param value the value; 0 or 1 for binary detectors
   * @return the monitor's state after the value
   * @throws InvalidInputException if the detector refuses the value (NaN, infinite, not 0 or 1 for a
   *     binary detector); nothing changes then
   */
  public MonitorState update(double value) {
    lock.lock();
    try {
      detector.update(value);
      lastValue = value;
      long index = count++;
      if (detector.driftDetected()) {
        if (lastDrift >= 0 && index - lastDrift < driftCooldown) {
          suppressedDrifts++;
        } else {
          lastDrift = index;
          drifts++;
          inWarning = false;
          quietRun = 0;
          state = MonitorState.DRIFT;
          notify(MonitorEvent.Kind.DRIFT, index, value);
          return state;
        }
      }
      if (detector.warningDetected()) {
        quietRun = 0;
        if (!inWarning) {
          inWarning = true;
          warnings++;
          notify(MonitorEvent.Kind.WARNING, index, value);
        }
      } else if (inWarning && ++quietRun >= warningClearAfter) {
        inWarning = false;
        quietRun = 0;
        notify(MonitorEvent.Kind.WARNING_CLEARED, index, value);
      }
      state = inWarning ? MonitorState.WARNING : MonitorState.STABLE;
      return state;
    } finally {
      lock.unlock();
    }
  }

  private void notify(MonitorEvent.Kind kind, long index, double value) {
    MonitorEvent event = new MonitorEvent(metric, kind, index, value, clock.instant());
    for (MonitorListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("listener of metric monitor '{}' failed on {} at index {}", metric, kind, index, e);
      }
    }
  }

  /**
   * Returns the monitored metric's name.
   *
   * @return the name
   */
  public String metric() {
    return metric;
  }

  /**
   * Returns the state after the last value.
   *
   * @return the state
   */
  public MonitorState state() {
    return locked(() -> state);
  }

  /**
   * Returns the last value fed to {@link #update}, for dashboards that show the metric beside its state.
   *
   * @return the value, or NaN before the first value since this instance was built (a restored monitor
   *     does not remember it)
   */
  public double lastValue() {
    return locked(() -> lastValue);
  }

  /**
   * Returns how many values the monitor processed, across restarts.
   *
   * @return the count
   */
  public long count() {
    return locked(() -> count);
  }

  /**
   * Returns how many warnings were notified.
   *
   * @return the count
   */
  public long warnings() {
    return locked(() -> warnings);
  }

  /**
   * Returns how many drifts were notified.
   *
   * @return the count
   */
  public long drifts() {
    return locked(() -> drifts);
  }

  /**
   * Returns how many drifts fell inside a cool-down and were not notified.
   *
   * @return the count
   */
  public long suppressedDrifts() {
    return locked(() -> suppressedDrifts);
  }

  private <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Saves the monitor's state and its detector's as versioned JSON (listeners and clock are not saved).
   *
   * @return the document, for {@link Builder#restore(String)}
   */
  public String toJson() {
    return locked(() -> new MonitorSnapshot(metric, count, inWarning, quietRun, lastDrift, warnings, drifts,
        suppressedDrifts, warningClearAfter, driftCooldown, detector).toJson());
  }

  /**
   * Builds a {@link MetricMonitor}. Not thread-safe; the built monitor is.
   */
  public static final class Builder {
    private final String metric;
    private final List<MonitorListener> listeners = new ArrayList<>();
    private @Nullable ChangeDetector detector;
    private @Nullable MonitorSnapshot snapshot;
    private int warningClearAfter = 5;
    private int driftCooldown;
    private Clock clock = Clock.systemUTC();

    private Builder(String metric) {
      this.metric = metric;
    }

    /**
     * Sets the detector; the monitor owns it from now on (do not feed it elsewhere).
     *
     * @param value the detector
     * @return this builder
     */
    public Builder detector(ChangeDetector value) {
      this.detector = Objects.requireNonNull(value, "detector");
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param value the listener
     * @return this builder
     */
    public Builder listener(MonitorListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Sets how many values in a row without a warning end a warning in force (default 5).
     *
     * @param values at least 1
     * @return this builder
     * @throws InvalidInputException if {@code values} is below 1
     */
    public Builder warningClearAfter(int values) {
      if (values < 1) {
        throw new InvalidInputException("warningClearAfter must be >= 1, got " + values);
      }
      this.warningClearAfter = values;
      return this;
    }

    /**
     * Sets how many values after a notified drift further drifts are not notified (default 0: every
     * drift is notified).
     *
     * @param values at least 0
     * @return this builder
     * @throws InvalidInputException if {@code values} is negative
     */
    public Builder driftCooldown(int values) {
      if (values < 0) {
        throw new InvalidInputException("driftCooldown must be >= 0, got " + values);
      }
      this.driftCooldown = values;
      return this;
    }

    /**
     * Sets the clock that stamps events (default: the UTC system clock).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Continues from a state saved with {@link MetricMonitor#toJson()}: its detector, counters and
     * hysteresis settings replace this builder's.
     *
     * @param json the saved state
     * @return this builder
     * @throws dev.mlops.core.CorruptedDataException if the document cannot be read
     * @throws InvalidInputException if it belongs to another metric
     */
    public Builder restore(String json) {
      MonitorSnapshot read = MonitorSnapshot.parse(Objects.requireNonNull(json, "json"));
      if (!read.metric().equals(metric)) {
        throw new InvalidInputException("saved monitor state is of metric '" + read.metric() + "', not '"
            + metric + "'");
      }
      this.snapshot = read;
      this.detector = read.detector();
      this.warningClearAfter = read.warningClearAfter();
      this.driftCooldown = read.driftCooldown();
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return the monitor
     * @throws dev.mlops.core.ConfigurationException if no detector was set
     */
    public MetricMonitor build() {
      if (detector == null) {
        throw new dev.mlops.core.ConfigurationException("metric monitor '" + metric
            + "' needs a detector: call detector(ChangeDetector.adwin()) or another factory");
      }
      return new MetricMonitor(this, detector, snapshot);
    }
  }
}
