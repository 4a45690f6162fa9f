package dev.mlops.ui.internal;

/**
 * Largest-triangle-three-buckets downsampling (Steinarsson, 2013): keeps the first and last points and, from
 * each of {@code threshold - 2} equal buckets between them, the point that forms the largest triangle with
 * the point kept before it and the mean of the next bucket. Non-finite values are never averaged: a bucket's
 * NaN or infinite point is kept in preference, so gaps and blow-ups stay visible.
 */
public final class Lttb {
  private Lttb() {}

  /**
   * Chooses which points to keep among the first {@code n} of the arrays (a series' steps and values as
   * collected, without copying them to exact length or to doubles).
   *
   * @param x the x values, ascending
   * @param y the y values
   * @param n how many points the arrays hold, at most the length of each
   * @param threshold the most points to keep, at least 3
   * @return the indices kept, ascending; every index when there are no more than {@code threshold} points
   */
  public static int[] select(long[] x, double[] y, int n, int threshold) {
    if (n < 0 || x.length < n || y.length < n) {
      throw new IllegalArgumentException("x and y must hold n = " + n + " points, but hold " + x.length + " and "
          + y.length);
    }
    return select(new long[][] {x}, new double[][] {y}, WHOLE, n, threshold);
  }

  /** The block shift under which an array of any length is one block. */
  static final int WHOLE = 31;

  /**
   * Chooses which points to keep among the first {@code n} of a series held in blocks: point {@code i} is
   * {@code x[i >>> shift][i & (2^shift - 1)]}, so a long series is collected without copying it as it grows.
   * One pass over the points, as {@link #select(long[], double[], int, int)} describes.
   *
   * @param x the x values in blocks, ascending
   * @param y the y values in blocks of the same shape
   * @param shift log2 of the block length ({@link #WHOLE} for one array)
   * @param n how many points the blocks hold
   * @param threshold the most points to keep, at least 3
   * @return the indices kept, ascending; every index when there are no more than {@code threshold} points
   */
  static int[] select(long[][] x, double[][] y, int shift, int n, int threshold) {
    if (threshold < 3) {
      throw new IllegalArgumentException("threshold must be at least 3, got " + threshold);
    }
    if (n <= threshold) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int mask = (int) ((1L << shift) - 1);
    int[] kept = new int[threshold];
    double every = (double) (n - 2) / (threshold - 2);
    int a = 0;
    kept[0] = 0;
    double lastY = y[(n - 1) >>> shift][(n - 1) & mask];
    long lastX = x[(n - 1) >>> shift][(n - 1) & mask];
    for (int b = 0; b < threshold - 2; b++) {
      int start = (int) Math.floor(b * every) + 1;
      int end = (int) Math.floor((b + 1) * every) + 1;
      int nextStart = end;
      int nextEnd = Math.min((int) Math.floor((b + 2) * every) + 1, n);
      double avgX = 0;
      double avgY = 0;
      int counted = 0;
      for (int j = nextStart; j < nextEnd; j++) {
        double yj = y[j >>> shift][j & mask];
        if (Double.isFinite(yj)) {
          avgX += x[j >>> shift][j & mask];
          avgY += yj;
          counted++;
        }
      }
      if (counted == 0) {
        avgX = lastX;
        avgY = Double.isFinite(lastY) ? lastY : 0;
      } else {
        avgX /= counted;
        avgY /= counted;
      }
      double ax = x[a >>> shift][a & mask];
      double ya = y[a >>> shift][a & mask];
      double ay = Double.isFinite(ya) ? ya : avgY;
      int chosen = start;
      double best = -1;
      for (int j = start; j < end; j++) {
        double yj = y[j >>> shift][j & mask];
        if (!Double.isFinite(yj)) {
          chosen = j;
          break;
        }
        double area = Math.abs((ax - avgX) * (yj - ay) - (ax - x[j >>> shift][j & mask]) * (avgY - ay));
        if (area > best) {
          best = area;
          chosen = j;
        }
      }
      kept[b + 1] = chosen;
      a = chosen;
    }
    kept[threshold - 1] = n - 1;
    return kept;
  }
}
