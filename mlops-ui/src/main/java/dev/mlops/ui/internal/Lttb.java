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
   * Chooses which points to keep among the first {@code n} of the arrays, in one pass over the points.
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
    int[] kept = new int[threshold];
    double every = (double) (n - 2) / (threshold - 2);
    int a = 0;
    kept[0] = 0;
    double lastY = y[n - 1];
    long lastX = x[n - 1];
    for (int b = 0; b < threshold - 2; b++) {
      int start = (int) Math.floor(b * every) + 1;
      int end = (int) Math.floor((b + 1) * every) + 1;
      int nextStart = end;
      int nextEnd = Math.min((int) Math.floor((b + 2) * every) + 1, n);
      double avgX = 0;
      double avgY = 0;
      int counted = 0;
      for (int j = nextStart; j < nextEnd; j++) {
        if (Double.isFinite(y[j])) {
          avgX += x[j];
          avgY += y[j];
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
      double ax = x[a];
      double ay = Double.isFinite(y[a]) ? y[a] : avgY;
      int chosen = start;
      double best = -1;
      for (int j = start; j < end; j++) {
        if (!Double.isFinite(y[j])) {
          chosen = j;
          break;
        }
        double area = Math.abs((ax - avgX) * (y[j] - ay) - (ax - x[j]) * (avgY - ay));
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
