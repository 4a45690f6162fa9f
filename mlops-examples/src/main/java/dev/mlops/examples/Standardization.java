package dev.mlops.examples;

/**
 * The means and population standard deviations that standardized some columns of a feature matrix, kept so
 * that a served model can standardize new records the same way.
 *
 * @param means the columns' means
 * @param sds the columns' population standard deviations ({@code ddof = 0})
 */
public record Standardization(double[] means, double[] sds) {
  /**
   * Standardizes columns {@code first, first + 1, ...} of a matrix in place: each becomes
   * {@code (value - mean) / sd}.
   *
   * @param x the rows; every row has at least {@code first + count} columns
   * @param first the first column to standardize
   * @param count how many columns
   * @return the means and deviations used
   */
  public static Standardization fitInPlace(double[][] x, int first, int count) {
    double[] means = new double[count];
    double[] sds = new double[count];
    for (int k = 0; k < count; k++) {
      int j = first + k;
      double mean = 0;
      for (double[] v : x) {
        mean += v[j] / x.length;
      }
      double var = 0;
      for (double[] v : x) {
        var += (v[j] - mean) * (v[j] - mean) / x.length;
      }
      double sd = Math.sqrt(var);
      for (double[] v : x) {
        v[j] = (v[j] - mean) / sd;
      }
      means[k] = mean;
      sds[k] = sd;
    }
    return new Standardization(means, sds);
  }
}
