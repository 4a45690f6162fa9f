package dev.mlops.micrometer;

import dev.mlops.validation.drift.ColumnDrift;
import dev.mlops.validation.drift.ColumnHistogram;
import dev.mlops.validation.drift.DatasetDrift;
import dev.mlops.validation.drift.DriftDetector;
import dev.mlops.validation.drift.WindowProfile;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a serving window compared with its training reference: per column the drift test's statistic, p-value
 * and effect size and whether the column drifted, and for the dataset the drifted flag and the drifted share.
 *
 * <table>
 *   <caption>Meters (each tagged {@code window=<name>} plus the binder's tags; per-column meters also
 *   {@code column=<name>}, one per reference column, so the tag values are bounded by the schema)</caption>
 *   <tr><th>name</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code mlops.drift.statistic}</td><td>gauge</td><td>the column's test statistic</td></tr>
 *   <tr><td>{@code mlops.drift.p.value}</td><td>gauge</td><td>its p-value after the multiple-testing
 *       correction</td></tr>
 *   <tr><td>{@code mlops.drift.effect.size}</td><td>gauge</td><td>its effect size</td></tr>
 *   <tr><td>{@code mlops.drift.column.drifted}</td><td>gauge</td><td>1 if the column drifted, else 0</td></tr>
 *   <tr><td>{@code mlops.drift.dataset.drifted}</td><td>gauge</td><td>1 if the dataset drifted, else 0</td></tr>
 *   <tr><td>{@code mlops.drift.share}</td><td>gauge</td><td>drifted columns / compared columns</td></tr>
 * </table>
 * A column the comparison skipped (too few values in the window yet) reads NaN; so does everything before the
 * first comparison succeeds.
 *
 * <p>The comparison runs on the scraping thread, at most once per refresh interval (the gauges of one scrape
 * read one comparison); the request path only updates the window. Thread-safe: the latest comparison is
 * published through a volatile field, and the computing is synchronized on this binder.
 */
public final class WindowDriftMetrics implements MeterBinder {
  /** How long one comparison serves the gauges unless the builder says otherwise. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(WindowDriftMetrics.class);

  private final WindowProfile window;
  private final DriftDetector detector;
  private final Tags tags;
  private final Duration refresh;
  private final Clock clock;
  private volatile @Nullable DatasetDrift latest;
  /** When {@link #latest} was computed; guarded by {@code this}. */
  private @Nullable Instant computedAt;

  /**
   * Creates the binder.
   *
   * @param window the serving window (it holds its reference profile)
   * @param detector the drift tests and thresholds to compare with
   * @param name the window's name, for the {@code window} tag (for example the model's name)
   * @param refresh how long one comparison serves the gauges; zero compares on every scrape
   * @param clock the clock the refresh interval is measured on
   * @param tags extra tags; keep their values bounded
   * @throws IllegalArgumentException if {@code refresh} is negative
   */
  public WindowDriftMetrics(WindowProfile window, DriftDetector detector, String name, Duration refresh, Clock clock,
      Iterable<Tag> tags) {
    this.window = Objects.requireNonNull(window, "window");
    this.detector = Objects.requireNonNull(detector, "detector");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    if (refresh.isNegative()) {
      throw new IllegalArgumentException("the refresh interval must not be negative, got " + refresh);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tags = Tags.concat(tags, "window", Objects.requireNonNull(name, "name"));
  }

  /**
   * Creates the binder with the default refresh interval, the system clock and no extra tags.
   *
   * @param window the serving window
   * @param detector the drift tests and thresholds
   * @param name the window's name, for the {@code window} tag
   */
  public WindowDriftMetrics(WindowProfile window, DriftDetector detector, String name) {
    this(window, detector, name, DEFAULT_REFRESH, Clock.systemUTC(), Tags.empty());
  }

  /**
   * Compares the window with its reference now, whatever the refresh interval, and serves the result to the
   * gauges; a server may call it on its own schedule (and log a drift) instead of waiting for a scrape.
   *
   * @return the comparison
   */
  public synchronized DatasetDrift refresh() {
    DatasetDrift drift = detector.compare(window.reference(), window.snapshot());
    latest = drift;
    computedAt = clock.instant();
    return drift;
  }

  private synchronized @Nullable DatasetDrift current() {
    Instant at = computedAt;
    if (at == null || !clock.instant().isBefore(at.plus(refresh))) {
      try {
        refresh();
      } catch (RuntimeException e) {
        computedAt = clock.instant(); // do not retry a failing comparison on every gauge of the scrape
        LOG.warn("comparing window {} with its reference failed: {}", tags, e.toString());
      }
    }
    return latest;
  }

  private double dataset(ToDoubleFunction<DatasetDrift> read) {
    DatasetDrift d = current();
    return d == null ? Double.NaN : read.applyAsDouble(d);
  }

  private double column(String name, ToDoubleFunction<ColumnDrift> read) {
    DatasetDrift d = current();
    if (d == null) {
      return Double.NaN;
    }
    for (ColumnDrift c : d.columns()) {
      if (c.column().equals(name)) {
        return read.applyAsDouble(c);
      }
    }
    return Double.NaN;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("mlops.drift.dataset.drifted", this, b -> b.dataset(d -> d.datasetDrifted() ? 1 : 0)).tags(tags)
        .description("1 if the serving window drifted from the reference").strongReference(true).register(registry);
    Gauge.builder("mlops.drift.share", this, b -> b.dataset(DatasetDrift::driftedShare)).tags(tags)
        .description("Drifted columns divided by compared columns").strongReference(true).register(registry);
    for (ColumnHistogram reference : window.reference().columns()) {
      String name = reference.name();
      columnGauge(registry, "mlops.drift.statistic", name, "The column's drift test statistic", ColumnDrift::statistic);
      columnGauge(registry, "mlops.drift.p.value", name, "The column's corrected p-value", ColumnDrift::adjustedPValue);
      columnGauge(registry, "mlops.drift.effect.size", name, "The column's effect size", ColumnDrift::effectSize);
      columnGauge(registry, "mlops.drift.column.drifted", name, "1 if the column drifted",
          c -> c.drifted() ? 1 : 0);
    }
  }

  private void columnGauge(MeterRegistry registry, String meter, String column, String description,
      ToDoubleFunction<ColumnDrift> read) {
    Gauge.builder(meter, this, b -> b.column(column, read)).tags(tags).tag("column", column)
        .description(description).strongReference(true).register(registry);
  }
}
