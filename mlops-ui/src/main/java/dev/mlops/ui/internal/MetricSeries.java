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
    /** log2 of the points a block holds: 1,024, 8 KB of steps and as much of values. */
    static final int BLOCK_SHIFT = 10;
    private final Map<String, Growing> byKey = new LinkedHashMap<>();
    private final boolean withTimes;
    private final int blockShift;
    private @Nullable String lastKey;
    private @Nullable Growing last;

    /** A collector of whole series, timestamps included. */
    Collector() {
      this(true);
    }

    /** @param withTimes whether to keep the timestamps ({@link #series()} needs them, {@link #charts} not) */
    Collector(boolean withTimes) {
      this(withTimes, BLOCK_SHIFT);
    }

    /**
     * @param withTimes whether to keep the timestamps
     * @param blockShift log2 of the points a block holds (small in tests, to cross blocks with few points)
     */
    Collector(boolean withTimes, int blockShift) {
      this.withTimes = withTimes;
      this.blockShift = blockShift;
    }

    @Override
    public void accept(String key, double value, long step, long timestampMillis) {
      Growing g = last;
      if (g == null || !key.equals(lastKey)) {
        g = byKey.computeIfAbsent(key, k -> new Growing(withTimes, blockShift));
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
     * Each key's chart, downsampled straight from the collected blocks (no copy of a long series that was
     * logged in step order).
     *
     * @param maxPoints the most points per chart, at least 3
     * @return the charts by key, in order of first appearance; each as {@link MetricSeries#chart}
     */
    Map<String, Map<String, Object>> charts(int maxPoints) {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      byKey.forEach((key, g) -> {
        g.sortByStep();
        out.put(key, chart(key, g.steps, g.values, g.shift, g.size, maxPoints));
      });
      return out;
    }
  }

  /**
   * One key's points as logged, in blocks: the first block doubles from 16 points up to a block's length,
   * then each further block is allocated whole, so a long series is never copied as it grows and takes no
   * more memory than its points (a million points: 977 blocks of 8 KB per column, not arrays doubled to 8 MB
   * plus the 8 MB they were copied from). Points are {@code steps[i >>> shift][i & mask]}.
   */
  private static final class Growing {
    long[][] steps = new long[1][];
    double[][] values = new double[1][];
    long @Nullable [][] times;
    int shift;
    int size;
    boolean sorted = true;
    long lastStep;

    Growing(boolean withTimes, int shift) {
      this.shift = shift;
      steps[0] = new long[Math.min(16, 1 << shift)];
      values[0] = new double[steps[0].length];
      if (withTimes) {
        times = new long[][] {new long[steps[0].length]};
      }
    }

    void add(long step, double value, long time) {
      int block = size >>> shift;
      int at = size & ((1 << shift) - 1);
      if (block == 0 ? at == steps[0].length : at == 0) {
        room(block);
      }
      if (size > 0 && step < lastStep) {
        sorted = false;
      }
      lastStep = step;
      steps[block][at] = step;
      values[block][at] = value;
      long @Nullable [][] t = times;
      if (t != null) {
        t[block][at] = time;
      }
      size++;
    }

    /** Makes room for the next point: doubles the first block up to a block's length, or adds a block. */
    private void room(int block) {
      if (block == 0) {
        int length = Math.min(1 << shift, steps[0].length * 2);
        steps[0] = Arrays.copyOf(steps[0], length);
        values[0] = Arrays.copyOf(values[0], length);
        if (times != null) {
          times[0] = Arrays.copyOf(times[0], length);
        }
        return;
      }
      if (block == steps.length) {
        int blocks = steps.length * 2;
        steps = Arrays.copyOf(steps, blocks);
        values = Arrays.copyOf(values, blocks);
        if (times != null) {
          times = Arrays.copyOf(times, blocks);
        }
      }
      steps[block] = new long[1 << shift];
      values[block] = new double[1 << shift];
      if (times != null) {
        times[block] = new long[1 << shift];
      }
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

    /**
     * Orders the points by step, stably (points logged at one step keep their logging order); a series out
     * of order becomes one block of exact length.
     */
    void sortByStep() {
      if (sorted) {
        return;
      }
      long[] byStep = flat(steps);
      double[] byValue = flat(values);
      long @Nullable [] logged = times == null ? null : flat(times);
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(byStep[a], byStep[b]));
      long[] s = new long[size];
      double[] v = new double[size];
      long @Nullable [] t = logged == null ? null : new long[size];
      for (int i = 0; i < size; i++) {
        s[i] = byStep[order[i]];
        v[i] = byValue[order[i]];
        if (t != null && logged != null) {
          t[i] = logged[order[i]];
        }
      }
      steps = new long[][] {s};
      values = new double[][] {v};
      times = t == null ? null : new long[][] {t};
      shift = Lttb.WHOLE;
      sorted = true;
    }

    MetricSeries toSeries(String key) {
      sortByStep();
      long[][] t = Objects.requireNonNull(times, "times");
      return new MetricSeries(key, flat(steps), flat(values), flat(t));
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
    return chart(key, new long[][] {steps}, new double[][] {values}, Lttb.WHOLE, size(), maxPoints);
  }

  /** The chart form of the first {@code n} points of blocks ordered by step (see {@link Lttb#select}). */
  private static Map<String, Object> chart(String key, long[][] steps, double[][] values, int shift, int n,
      int maxPoints) {
    int[] kept = Lttb.select(steps, values, shift, n, maxPoints);
    int mask = (int) ((1L << shift) - 1);
    long[] s = new long[kept.length];
    Double[] v = new Double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      s[i] = steps[kept[i] >>> shift][kept[i] & mask];
      double value = values[kept[i] >>> shift][kept[i] & mask];
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
