package dev.mlops.ui.internal;

import dev.mlops.tracking.MetricPointSink;
import dev.mlops.tracking.Tracker;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One metric of one run as primitive arrays ordered by step (logging order breaks ties), so that a long series
 * is downsampled and written without boxing.
 *
 * @param key the metric key
 * @param steps the steps, ascending
 * @param values the values
 * @param timestamps the logging times in epoch milliseconds
 */
public record MetricSeries(String key, long[] steps, double[] values, long[] timestamps) {

  /**
   * Reads every metric of a run, streaming the stored points into growing primitive arrays per key: no
   * object per point, and no list of the whole series in memory besides the arrays themselves.
   *
   * @param tracker the tracker to read through
   * @param runId the run
   * @return the series by key, in order of first appearance
   * @throws dev.mlops.core.NotFoundException if there is no such run
   */
  public static Map<String, MetricSeries> read(Tracker tracker, String runId) {
    Collector collector = new Collector();
    tracker.forEachMetricPoint(runId, collector);
    return collector.series();
  }

  /**
   * Reads every metric of a run as charts ({@link #chart}): the points stream into steps and values only,
   * and each key is downsampled from the arrays as collected, so a long series costs two growing arrays and
   * no copies.
   *
   * @param tracker the tracker to read through
   * @param runId the run
   * @param maxPoints the most points per chart, at least 3
   * @return the charts by key, in order of first appearance
   * @throws dev.mlops.core.NotFoundException if there is no such run
   */
  public static Map<String, Map<String, Object>> readCharts(Tracker tracker, String runId, int maxPoints) {
    Collector collector = new Collector(false);
    tracker.forEachMetricPoint(runId, collector);
    return collector.charts(maxPoints);
  }

  /**
   * Collects points into growing arrays per key; consecutive points of one key skip the map lookup. One that
   * leaves out the timestamps (all a chart needs is steps and values) holds two arrays per key, not three.
   */
  static final class Collector implements MetricPointSink {
    private final Map<String, Growing> byKey = new LinkedHashMap<>();
    private final boolean withTimes;
    private @Nullable String lastKey;
    private @Nullable Growing last;

    /** A collector of whole series, timestamps included. */
    Collector() {
      this(true);
    }

    /** @param withTimes whether to keep the timestamps ({@link #series()} needs them, {@link #charts} not) */
    Collector(boolean withTimes) {
      this.withTimes = withTimes;
    }

    @Override
    public void accept(String key, double value, long step, long timestampMillis) {
      Growing g = last;
      if (g == null || !key.equals(lastKey)) {
        g = byKey.computeIfAbsent(key, k -> new Growing(withTimes));
        last = g;
        lastKey = key;
      }
      g.add(step, value, timestampMillis);
    }

    Map<String, MetricSeries> series() {
      if (!withTimes) {
        throw new IllegalStateException("this collector left out the timestamps; it makes charts only");
      }
      Map<String, MetricSeries> out = new LinkedHashMap<>();
      byKey.forEach((key, g) -> out.put(key, g.toSeries(key)));
      return out;
    }

    /**
     * Each key's chart, downsampled straight from the collected arrays (no copy of a long series).
     *
     * @param maxPoints the most points per chart, at least 3
     * @return the charts by key, in order of first appearance; each as {@link MetricSeries#chart}
     */
    Map<String, Map<String, Object>> charts(int maxPoints) {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      byKey.forEach((key, g) -> {
        g.sortByStep();
        out.put(key, chart(key, g.steps, g.values, g.size, maxPoints));
      });
      return out;
    }
  }

  /** One key's points as logged: arrays that double when full. */
  private static final class Growing {
    long[] steps = new long[16];
    double[] values = new double[16];
    long @Nullable [] times;
    int size;
    boolean sorted = true;

    Growing(boolean withTimes) {
      times = withTimes ? new long[16] : null;
    }

    void add(long step, double value, long time) {
      if (size == steps.length) {
        int capacity = Math.max(16, Math.min(Integer.MAX_VALUE - 16, size * 2));
        steps = Arrays.copyOf(steps, capacity);
        values = Arrays.copyOf(values, capacity);
        if (times != null) {
          times = Arrays.copyOf(times, capacity);
        }
      }
      if (size > 0 && steps[size - 1] > step) {
        sorted = false;
      }
      steps[size] = step;
      values[size] = value;
      if (times != null) {
        times[size] = time;
      }
      size++;
    }

    /** Orders the points by step, stably (points logged at one step keep their logging order). */
    void sortByStep() {
      if (sorted) {
        return;
      }
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      long[] byStep = steps;
      Arrays.sort(order, (a, b) -> Long.compare(byStep[a], byStep[b]));
      long[] s = new long[size];
      double[] v = new double[size];
      long @Nullable [] logged = times;
      long @Nullable [] t = logged == null ? null : new long[size];
      for (int i = 0; i < size; i++) {
        s[i] = steps[order[i]];
        v[i] = values[order[i]];
        if (t != null && logged != null) {
          t[i] = logged[order[i]];
        }
      }
      steps = s;
      values = v;
      times = t;
      sorted = true;
    }

    MetricSeries toSeries(String key) {
      sortByStep();
      long[] t = Objects.requireNonNull(times, "times");
      return new MetricSeries(key, Arrays.copyOf(steps, size), Arrays.copyOf(values, size), Arrays.copyOf(t, size));
    }
  }

  /** @return the number of points */
  public int size() {
    return steps.length;
  }

  /**
   * The chart form: at most {@code maxPoints} points chosen by {@link Lttb}, non-finite values as nulls (gaps).
   *
   * @param maxPoints the most points to return, at least 3
   * @return {@code key}, {@code total}, {@code downsampled}, {@code steps} and {@code values}
   */
  public Map<String, Object> chart(int maxPoints) {
    return chart(key, steps, values, size(), maxPoints);
  }

  /** The chart form of the first {@code n} points of arrays ordered by step. */
  private static Map<String, Object> chart(String key, long[] steps, double[] values, int n, int maxPoints) {
    int[] kept = Lttb.select(steps, values, n, maxPoints);
    long[] s = new long[kept.length];
    Double[] v = new Double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      s[i] = steps[kept[i]];
      double value = values[kept[i]];
      v[i] = Double.isFinite(value) ? value : null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("total", n);
    out.put("downsampled", kept.length < n);
    out.put("steps", s);
    out.put("values", Arrays.asList(v));
    return out;
  }

  /**
   * The full series as CSV: {@code step,value,timestamp_ms}, one line per point.
   *
   * @return the CSV text
   */
  public String csv() {
    StringBuilder sb = new StringBuilder(32 * size() + 32).append("step,value,timestamp_ms\n");
    for (int i = 0; i < size(); i++) {
      sb.append(steps[i]).append(',').append(values[i]).append(',').append(timestamps[i]).append('\n');
    }
    return sb.toString();
  }

  /**
   * The full series as JSON: non-finite values as the strings {@code "NaN"}, {@code "Infinity"},
   * {@code "-Infinity"}.
   *
   * @return {@code key}, {@code steps}, {@code values} and {@code timestamps}
   */
  public Map<String, Object> full() {
    Object[] v = new Object[size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = Double.isFinite(values[i]) ? (Object) values[i] : Double.toString(values[i]);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("steps", steps);
    out.put("values", v);
    out.put("timestamps", timestamps);
    return out;
  }

  /** @return the size in points, for cache weights (a point takes 24 bytes) */
  int weight() {
    return Math.max(1, size());
  }
}
