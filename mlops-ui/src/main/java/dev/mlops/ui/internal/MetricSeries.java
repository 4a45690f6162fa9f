package dev.mlops.ui.internal;

import dev.mlops.tracking.MetricPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * Groups a run's points by metric key.
   *
   * @param points every point of a run, in logging order
   * @return the series by key, in order of first appearance
   */
  public static Map<String, MetricSeries> group(List<MetricPoint> points) {
    Map<String, List<MetricPoint>> byKey = new LinkedHashMap<>();
    for (MetricPoint p : points) {
      byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
    }
    Map<String, MetricSeries> out = new LinkedHashMap<>();
    byKey.forEach((key, list) -> out.put(key, of(key, list)));
    return out;
  }

  private static MetricSeries of(String key, List<MetricPoint> list) {
    int n = list.size();
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) {
      sorted = list.get(i - 1).step() <= list.get(i).step();
    }
    List<MetricPoint> ordered = list;
    if (!sorted) {
      ordered = new ArrayList<>(list);
      ordered.sort((a, b) -> Long.compare(a.step(), b.step()));
    }
    long[] steps = new long[n];
    double[] values = new double[n];
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      MetricPoint p = ordered.get(i);
      steps[i] = p.step();
      values[i] = p.value();
      times[i] = p.timestampMillis();
    }
    return new MetricSeries(key, steps, values, times);
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
    int n = size();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = steps[i];
    }
    int[] kept = Lttb.select(x, values, maxPoints);
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

  /** @return the size in points, for cache weights */
  int weight() {
    return Math.max(1, size());
  }
}
