package dev.mlops.validation.internal.drift;

/**
 * Least-squares fit of a degree-2 polynomial, as numpy's {@code polyfit(x, y, 2)}, by Householder QR.
 *
 * <p>Stateless and thread-safe.
 */
final class QuadraticFit {
  private QuadraticFit() {}

  /**
   * Fits {@code y ~ c0 x^2 + c1 x + c2}.
   *
   * @param x abscissae, at least three distinct
   * @param y ordinates, same length
   * @return {c0, c1, c2}, highest power first as numpy returns them
   */
  static double[] fit(double[] x, double[] y) {
    int n = x.length;
    double[][] a = new double[n][3];
    double[] b = y.clone();
    for (int i = 0; i < n; i++) {
      a[i][0] = x[i] * x[i];
      a[i][1] = x[i];
      a[i][2] = 1.0;
    }
    for (int col = 0; col < 3; col++) {
      double norm = 0.0;
      for (int i = col; i < n; i++) {
        norm = Math.hypot(norm, a[i][col]);
      }
      double alpha = a[col][col] > 0 ? -norm : norm;
      double[] v = new double[n];
      for (int i = col; i < n; i++) {
        v[i] = a[i][col];
      }
      v[col] -= alpha;
      double vv = 0.0;
      for (int i = col; i < n; i++) {
        vv += v[i] * v[i];
      }
      for (int j = col; j < 3; j++) {
        double dot = 0.0;
        for (int i = col; i < n; i++) {
          dot += v[i] * a[i][j];
        }
        double factor = 2.0 * dot / vv;
        for (int i = col; i < n; i++) {
          a[i][j] -= factor * v[i];
        }
      }
      double dot = 0.0;
      for (int i = col; i < n; i++) {
        dot += v[i] * b[i];
      }
      double factor = 2.0 * dot / vv;
      for (int i = col; i < n; i++) {
        b[i] -= factor * v[i];
      }
    }
    double[] c = new double[3];
    for (int row = 2; row >= 0; row--) {
      double s = b[row];
      for (int j = row + 1; j < 3; j++) {
        s -= a[row][j] * c[j];
      }
      c[row] = s / a[row][row];
    }
    return c;
  }
}
