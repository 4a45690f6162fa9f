package dev.mlops.validation.internal.drift;

/**
 * The distinct values of two sorted samples with how many times each sample holds each value.
 *
 * <p>Built in one merge pass; every two-sample rank or ECDF statistic is a fold over these groups, which is
 * how ties get scipy's treatment (ECDFs evaluated after a whole tie group, midranks within it).
 * Immutable after construction.
 */
public final class TiedGroups {
  private final double[] values;
  private final int[] countX;
  private final int[] countY;
  private final int size;
  private final int nx;
  private final int ny;

  private TiedGroups(double[] values, int[] countX, int[] countY, int size, int nx, int ny) {
    this.values = values;
    this.countX = countX;
    this.countY = countY;
    this.size = size;
    this.nx = nx;
    this.ny = ny;
  }

  /**
   * Merges two sorted samples into their tie groups.
   *
   * @param x the first sample, sorted ascending
   * @param y the second sample, sorted ascending
   * @return the groups in ascending order of value
   */
  public static TiedGroups of(double[] x, double[] y) {
    int capacity = x.length + y.length;
    double[] values = new double[capacity];
    int[] cx = new int[capacity];
    int[] cy = new int[capacity];
    int i = 0;
    int j = 0;
    int g = 0;
    while (i < x.length || j < y.length) {
      double v;
      if (j >= y.length || (i < x.length && x[i] <= y[j])) {
        v = x[i];
      } else {
        v = y[j];
      }
      int si = i;
      while (i < x.length && x[i] == v) {
        i++;
      }
      int sj = j;
      while (j < y.length && y[j] == v) {
        j++;
      }
      values[g] = v;
      cx[g] = i - si;
      cy[g] = j - sj;
      g++;
    }
    return new TiedGroups(values, cx, cy, g, x.length, y.length);
  }

  /**
   * Returns the number of distinct values.
   *
   * @return the group count
   */
  public int size() {
    return size;
  }

  /**
   * Returns the distinct value of a group.
   *
   * @param g the group index
   * @return its value
   */
  public double value(int g) {
    return values[g];
  }

  /**
   * Returns how many values of the first sample fall in a group.
   *
   * @param g the group index
   * @return the count
   */
  public int countX(int g) {
    return countX[g];
  }

  /**
   * Returns how many values of the second sample fall in a group.
   *
   * @param g the group index
   * @return the count
   */
  public int countY(int g) {
    return countY[g];
  }

  /**
   * Returns the size of the first sample.
   *
   * @return its length
   */
  public int nx() {
    return nx;
  }

  /**
   * Returns the size of the second sample.
   *
   * @return its length
   */
  public int ny() {
    return ny;
  }

  /**
   * Tells whether any value occurs more than once in the pooled sample.
   *
   * @return {@code true} when there are ties
   */
  public boolean hasTies() {
    return size < nx + ny;
  }

  /**
   * Sums {@code |F_x - F_y|^p * (next - value)} over the gaps between distinct values, as scipy's
   * {@code _cdf_distance} does for p of 1 and 2 (without the final root).
   *
   * @param power 1 or 2
   * @return the integral of the ECDF difference to that power
   */
  public double cdfDifferenceIntegral(int power) {
    double sum = 0.0;
    double compensation = 0.0;
    long cx = 0;
    long cy = 0;
    for (int g = 0; g < size - 1; g++) {
      cx += countX[g];
      cy += countY[g];
      double diff = Math.abs((double) cx / nx - (double) cy / ny);
      double term = (power == 1 ? diff : diff * diff) * (values[g + 1] - values[g]);
      double y = term - compensation;
      double t = sum + y;
      compensation = (t - sum) - y;
      sum = t;
    }
    return sum;
  }
}
