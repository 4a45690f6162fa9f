package dev.mlops.validation.model;

/**
 * A receiver operating characteristic curve as scikit-learn's {@code roc_curve} returns it (with
 * {@code drop_intermediate=True}): false and true positive rates at decreasing thresholds, starting at
 * (0, 0) with the threshold {@code max score + 1}. A rate is NaN when its class is absent, as in
 * scikit-learn. Immutable; the accessors return copies.
 */
public final class RocCurve {
  private final double[] falsePositiveRate;
  private final double[] truePositiveRate;
  private final double[] thresholds;

  RocCurve(double[] falsePositiveRate, double[] truePositiveRate, double[] thresholds) {
    this.falsePositiveRate = falsePositiveRate;
    this.truePositiveRate = truePositiveRate;
    this.thresholds = thresholds;
  }

  /** @return the false positive rates, non-decreasing */
  public double[] falsePositiveRate() {
    return falsePositiveRate.clone();
  }

  /** @return the true positive rates, non-decreasing */
  public double[] truePositiveRate() {
    return truePositiveRate.clone();
  }

  /** @return the thresholds, decreasing; a score at or above a threshold predicts positive */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** @return the number of points */
  public int size() {
    return thresholds.length;
  }
}
