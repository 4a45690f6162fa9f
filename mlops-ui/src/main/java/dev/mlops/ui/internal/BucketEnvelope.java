package dev.mlops.ui.internal;

import java.util.Arrays;
import java.util.Map;

/**
 * One metric key's points, reduced as they stream in, for a chart: the points in logging order fall into
 * buckets of {@code width} consecutive points, and each bucket keeps its first and last point, its lowest and
 * highest finite point and its first non-finite one (at most five points). While the series has no more points
 * than the capacity, a bucket is one point and nothing is dropped; when the buckets are full, neighbours merge
 * in pairs and the width doubles. The memory is bounded by the capacity whatever the series' length (a
 * 1,000,000-point series takes what a 8,192-point one does, about 0.8 MB, instead of 16 MB of steps and values),
 * and what is kept still holds every bucket's extremes, gaps (NaN) and blow-ups (infinities), among which
 * {@link Lttb} then chooses the chart's points.
 *
 * <p>Not thread-safe: one request's collector owns it.
 */
final class BucketEnvelope implements MetricSeries.KeyPoints {
  /** Buckets kept by default: a series of up to 8,192 points is charted from every point. */
  static final int CAPACITY = 1 << 13;
  private static final int FIRST_LENGTH = 16;

  private final int capacity;
  private long width = 1;
  private int buckets;
  private long total;
  private long inLast;
  private boolean sorted = true;
  private long previousStep;
  private long[] firstStep = new long[FIRST_LENGTH];
  private double[] firstValue = new double[FIRST_LENGTH];
  private long[] lastStep = new long[FIRST_LENGTH];
  private double[] lastValue = new double[FIRST_LENGTH];
  private long[] lowOrd = new long[FIRST_LENGTH];
  private long[] lowStep = new long[FIRST_LENGTH];
  private double[] lowValue = new double[FIRST_LENGTH];
  private long[] highOrd = new long[FIRST_LENGTH];
  private long[] highStep = new long[FIRST_LENGTH];
  private double[] highValue = new double[FIRST_LENGTH];
  private long[] oddOrd = new long[FIRST_LENGTH];
  private long[] oddStep = new long[FIRST_LENGTH];
  private double[] oddValue = new double[FIRST_LENGTH];

  /** An envelope of {@link #CAPACITY} buckets. */
  BucketEnvelope() {
    this(CAPACITY);
  }

  /**
   * @param capacity the most buckets kept, even and at least 2 (small in tests and in the warm-up, so that
   *     buckets merge with few points)
   */
  BucketEnvelope(int capacity) {
    if (capacity < 2 || capacity % 2 != 0) {
      throw new IllegalArgumentException("capacity must be even and at least 2, got " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public void add(long step, double value, long timestampMillis) {
    if (total > 0 && step < previousStep) {
      sorted = false;
    }
    previousStep = step;
    boolean finite = Double.isFinite(value);
    if (buckets == 0 || inLast == width) {
      if (buckets == capacity) {
        mergePairs();
      }
      if (buckets == firstStep.length) {
        grow();
      }
      int b = buckets++;
      firstStep[b] = step;
      firstValue[b] = value;
      lastStep[b] = step;
      lastValue[b] = value;
      lowOrd[b] = finite ? total : -1;
      lowStep[b] = step;
      lowValue[b] = value;
      highOrd[b] = finite ? total : -1;
      highStep[b] = step;
      highValue[b] = value;
      oddOrd[b] = finite ? -1 : total;
      oddStep[b] = step;
      oddValue[b] = value;
      inLast = 1;
    } else {
      int b = buckets - 1;
      lastStep[b] = step;
      lastValue[b] = value;
      if (finite) {
        if (lowOrd[b] < 0 || value < lowValue[b]) {
          lowOrd[b] = total;
          lowStep[b] = step;
          lowValue[b] = value;
        }
        if (highOrd[b] < 0 || value > highValue[b]) {
          highOrd[b] = total;
          highStep[b] = step;
          highValue[b] = value;
        }
      } else if (oddOrd[b] < 0) {
        oddOrd[b] = total;
        oddStep[b] = step;
        oddValue[b] = value;
      }
      inLast++;
    }
    total++;
  }

  /** Doubles the bucket arrays, up to the capacity. */
  private void grow() {
    int length = Math.min(capacity, firstStep.length * 2);
    firstStep = Arrays.copyOf(firstStep, length);
    firstValue = Arrays.copyOf(firstValue, length);
    lastStep = Arrays.copyOf(lastStep, length);
    lastValue = Arrays.copyOf(lastValue, length);
    lowOrd = Arrays.copyOf(lowOrd, length);
    lowStep = Arrays.copyOf(lowStep, length);
    lowValue = Arrays.copyOf(lowValue, length);
    highOrd = Arrays.copyOf(highOrd, length);
    highStep = Arrays.copyOf(highStep, length);
    highValue = Arrays.copyOf(highValue, length);
    oddOrd = Arrays.copyOf(oddOrd, length);
    oddStep = Arrays.copyOf(oddStep, length);
    oddValue = Arrays.copyOf(oddValue, length);
  }

  /**
   * Merges buckets 2i and 2i+1 into bucket i, all of them full, so the width doubles and half the capacity is
   * free. Ties keep the earlier point, as within a bucket.
   */
  private void mergePairs() {
    for (int i = 0; i < capacity / 2; i++) {
      int a = 2 * i;
      int b = a + 1;
      firstStep[i] = firstStep[a];
      firstValue[i] = firstValue[a];
      lastStep[i] = lastStep[b];
      lastValue[i] = lastValue[b];
      int low = lowOrd[a] >= 0 && (lowOrd[b] < 0 || lowValue[a] <= lowValue[b]) ? a : b;
      lowOrd[i] = lowOrd[low];
      lowStep[i] = lowStep[low];
      lowValue[i] = lowValue[low];
      int high = highOrd[a] >= 0 && (highOrd[b] < 0 || highValue[a] >= highValue[b]) ? a : b;
      highOrd[i] = highOrd[high];
      highStep[i] = highStep[high];
      highValue[i] = highValue[high];
      int odd = oddOrd[a] >= 0 ? a : b;
      oddOrd[i] = oddOrd[odd];
      oddStep[i] = oddStep[odd];
      oddValue[i] = oddValue[odd];
    }
    buckets = capacity / 2;
    width *= 2;
    inLast = width;
  }

  /** @return how many points were added */
  long total() {
    return total;
  }

  /**
   * The points kept, ordered by step (points at one step in logging order): every point while the series had
   * no more than the capacity, else each bucket's first, lowest, highest, first non-finite and last point.
   *
   * @return the steps and values, as one array each of exact length
   */
  MetricSeries points() {
    long[] steps = new long[buckets * 5];
    double[] values = new double[steps.length];
    long[] ords = new long[5];
    int[] slots = new int[5];
    int n = 0;
    for (int b = 0; b < buckets; b++) {
      long start = b * width;
      long end = Math.min(start + width, total) - 1;
      ords[0] = start;
      ords[1] = lowOrd[b];
      ords[2] = highOrd[b];
      ords[3] = oddOrd[b];
      ords[4] = end;
      for (int s = 0; s < 5; s++) {
        slots[s] = s;
      }
      // five slots by logging order: an insertion sort; a slot absent (-1) or equal to an earlier one is skipped
      for (int i = 1; i < 5; i++) {
        for (int j = i; j > 0 && ords[slots[j]] < ords[slots[j - 1]]; j--) {
          int t = slots[j];
          slots[j] = slots[j - 1];
          slots[j - 1] = t;
        }
      }
      long previous = -1;
      for (int s = 0; s < 5; s++) {
        int slot = slots[s];
        long ord = ords[slot];
        if (ord < 0 || ord == previous) {
          continue;
        }
        previous = ord;
        switch (slot) {
          case 0 -> {
            steps[n] = firstStep[b];
            values[n] = firstValue[b];
          }
          case 1 -> {
            steps[n] = lowStep[b];
            values[n] = lowValue[b];
          }
          case 2 -> {
            steps[n] = highStep[b];
            values[n] = highValue[b];
          }
          case 3 -> {
            steps[n] = oddStep[b];
            values[n] = oddValue[b];
          }
          default -> {
            steps[n] = lastStep[b];
            values[n] = lastValue[b];
          }
        }
        n++;
      }
    }
    MetricSeries kept = new MetricSeries("", Arrays.copyOf(steps, n), Arrays.copyOf(values, n), new long[n]);
    return sorted ? kept : kept.sortedByStep();
  }

  /**
   * The chart of the points kept ({@link MetricSeries#chart}), with the series' whole length as its total.
   *
   * @param key the metric key
   * @param maxPoints the most points, at least 3
   * @return the chart data
   */
  Map<String, Object> chart(String key, int maxPoints) {
    MetricSeries kept = points();
    return MetricSeries.chart(key, kept.steps(), kept.values(), total, maxPoints);
  }
}
