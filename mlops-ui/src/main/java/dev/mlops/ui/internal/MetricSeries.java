package dev.mlops.ui.internal;

import dev.mlops.tracking.MetricPointSink;
import dev.mlops.tracking.Tracker;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
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
    Collector collector = Collector.ofSeries();
    tracker.forEachMetricPoint(runId, collector);
    return collector.series();
  }

  /**
   * Reads every metric of a run as charts ({@link #chart}): each key's points stream into a
   * {@link BucketEnvelope}, so a chart of any length costs at most about 0.8 MB while it is read, and is
   * exact (LTTB over every point) for a series of up to 8,192 points.
   *
   * @param tracker the tracker to read through
   * @param runId the run
   * @param maxPoints the most points per chart, at least 3
   * @return the charts by key, in order of first appearance
   * @throws dev.mlops.core.NotFoundException if there is no such run
   */
  public static Map<String, Map<String, Object>> readCharts(Tracker tracker, String runId, int maxPoints) {
    return readCharts(tracker, runId, maxPoints, BucketEnvelope.CAPACITY);
  }

  /**
   * {@link #readCharts(Tracker, String, int)} with envelopes of the given capacity (small in the warm-up, so
   * that its short series merge buckets as a long one does).
   */
  static Map<String, Map<String, Object>> readCharts(Tracker tracker, String runId, int maxPoints, int capacity) {
    Collector collector = Collector.ofCharts(capacity);
    tracker.forEachMetricPoint(runId, collector);
    return collector.charts(maxPoints);
  }

  /** Where a collector puts one key's points. */
  interface KeyPoints {
    /**
     * Takes the next point of the key, in logging order.
     *
     * @param step the step
     * @param value the value
     * @param timestampMillis the logging time
     */
    void add(long step, double value, long timestampMillis);
  }

  /**
   * Collects points per key, either whole ({@link #ofSeries}: steps, values and times in blocks) or reduced for
   * charts ({@link #ofCharts}: a {@link BucketEnvelope} per key); consecutive points of one key skip the map
   * lookup.
   */
  static final class Collector implements MetricPointSink {
    /** log2 of the points a block holds: 1,024, 8 KB of each column. */
    static final int BLOCK_SHIFT = 10;
    private final Map<String, KeyPoints> byKey = new LinkedHashMap<>();
    private final Function<String, KeyPoints> perKey;
    private final boolean whole;
    private @Nullable String lastKey;
    private @Nullable KeyPoints last;

    private Collector(Function<String, KeyPoints> perKey, boolean whole) {
      this.perKey = perKey;
      this.whole = whole;
    }

    /** @return a collector of whole series, timestamps included */
    static Collector ofSeries() {
      return ofSeries(BLOCK_SHIFT);
    }

    /**
     * @param blockShift log2 of the points a block holds (small in tests, to cross blocks with few points)
     * @return a collector of whole series, timestamps included
     */
    static Collector ofSeries(int blockShift) {
      return new Collector(k -> new Growing(blockShift), true);
    }

    /** @return a collector of charts, with envelopes of {@link BucketEnvelope#CAPACITY} buckets */
    static Collector ofCharts() {
      return ofCharts(BucketEnvelope.CAPACITY);
    }

    /**
     * @param capacity the buckets of each key's envelope
     * @return a collector of charts
     */
    static Collector ofCharts(int capacity) {
      return new Collector(k -> new BucketEnvelope(capacity), false);
    }

    @Override
    public void accept(String key, double value, long step, long timestampMillis) {
      KeyPoints k = last;
      if (k == null || !key.equals(lastKey)) {
        k = byKey.computeIfAbsent(key, perKey);
        last = k;
        lastKey = key;
      }
      k.add(step, value, timestampMillis);
    }

    Map<String, MetricSeries> series() {
      if (!whole) {
        throw new IllegalStateException("this collector kept envelopes for charts, not whole series");
      }
      Map<String, MetricSeries> out = new LinkedHashMap<>();
      byKey.forEach((key, k) -> out.put(key, ((Growing) k).toSeries(key)));
      return out;
    }

    /**
     * Each key's chart, from its envelope.
     *
     * @param maxPoints the most points per chart, at least 3
     * @return the charts by key, in order of first appearance; each as {@link MetricSeries#chart}
     */
    Map<String, Map<String, Object>> charts(int maxPoints) {
      if (whole) {
        throw new IllegalStateException("this collector kept whole series; charts come from a charts collector");
      }
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      byKey.forEach((key, k) -> out.put(key, ((BucketEnvelope) k).chart(key, maxPoints)));
      return out;
    }
  }

  /**
   * One key's points as logged, in blocks: the first block doubles from 16 points up to a block's length,
   * then each further block is allocated whole, so a long series is never copied as it grows. Point {@code i}
   * is {@code steps[i >>> shift][i & mask]}.
   */
  private static final class Growing implements KeyPoints {
    long[][] steps = new long[1][];
    double[][] values = new double[1][];
    long[][] times = new long[1][];
    final int shift;
    int size;

    Growing(int shift) {
      this.shift = shift;
      steps[0] = new long[Math.min(16, 1 << shift)];
      values[0] = new double[steps[0].length];
      times[0] = new long[steps[0].length];
    }

    @Override
    public void add(long step, double value, long time) {
      int block = size >>> shift;
      int at = size & ((1 << shift) - 1);
      if (block == 0 ? at == steps[0].length : at == 0) {
        room(block);
      }
      steps[block][at] = step;
      values[block][at] = value;
      times[block][at] = time;
      size++;
    }

    /** Makes room for the next point: doubles the first block up to a block's length, or adds a block. */
    private void room(int block) {
      if (block == 0) {
        int length = Math.min(1 << shift, steps[0].length * 2);
        steps[0] = Arrays.copyOf(steps[0], length);
        values[0] = Arrays.copyOf(values[0], length);
        times[0] = Arrays.copyOf(times[0], length);
        return;
      }
      if (block == steps.length) {
        int blocks = steps.length * 2;
        steps = Arrays.copyOf(steps, blocks);
        values = Arrays.copyOf(values, blocks);
        times = Arrays.copyOf(times, blocks);
      }
      steps[block] = new long[1 << shift];
      values[block] = new double[1 << shift];
      times[block] = new long[1 << shift];
    }

    /** @return one column's points in one array of exact length */
    private long[] flat(long[][] blocks) {
      long[] out = new long[size];
      for (int from = 0, b = 0; from < size; from += blocks[b].length, b++) {
        System.arraycopy(blocks[b], 0, out, from, Math.min(blocks[b].length, size - from));
      }
      return out;
    }

    private double[] flat(double[][] blocks) {
      double[] out = new double[size];
      for (int from = 0, b = 0; from < size; from += blocks[b].length, b++) {
        System.arraycopy(blocks[b], 0, out, from, Math.min(blocks[b].length, size - from));
      }
      return out;
    }

    /** @return the points ordered by step, points logged at one step in logging order */
    MetricSeries toSeries(String key) {
      return new MetricSeries(key, flat(steps), flat(values), flat(times)).sortedByStep();
    }
  }

  /**
   * This series ordered by step, stably: points at one step keep their order. A bottom-up merge sort of
   * indices (no boxing); this series itself when already in order.
   *
   * @return the series in step order
   */
  MetricSeries sortedByStep() {
    int n = steps.length;
    boolean inOrder = true;
    for (int i = 1; i < n && inOrder; i++) {
      inOrder = steps[i - 1] <= steps[i];
    }
    if (inOrder) {
      return this;
    }
    int[] order = new int[n];
    int[] merged = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int run = 1; run < n; run *= 2) {
      for (int lo = 0; lo < n; lo += 2 * run) {
        int mid = Math.min(lo + run, n);
        int hi = Math.min(lo + 2 * run, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          merged[k++] = steps[order[j]] < steps[order[i]] ? order[j++] : order[i++];
        }
        while (i < mid) {
          merged[k++] = order[i++];
        }
        while (j < hi) {
          merged[k++] = order[j++];
        }
      }
      int[] t = order;
      order = merged;
      merged = t;
    }
    long[] s = new long[n];
    double[] v = new double[n];
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      s[i] = steps[order[i]];
      v[i] = values[order[i]];
      t[i] = timestamps[order[i]];
    }
    return new MetricSeries(key, s, v, t);
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

  /**
   * The chart form of points ordered by step (see {@link Lttb#select}), drawn from a series of {@code total}
   * points (the arrays' length when they hold them all).
   */
  static Map<String, Object> chart(String key, long[] steps, double[] values, long total, int maxPoints) {
    int[] kept = Lttb.select(steps, values, steps.length, maxPoints);
    long[] s = new long[kept.length];
    Double[] v = new Double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      s[i] = steps[kept[i]];
      v[i] = Double.isFinite(values[kept[i]]) ? values[kept[i]] : null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("total", total);
    out.put("downsampled", kept.length < total);
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
