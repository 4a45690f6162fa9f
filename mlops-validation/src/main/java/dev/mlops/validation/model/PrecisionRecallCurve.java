package dev.mlops.validation.model;

/**
 * A precision-recall curve as scikit-learn's {@code precision_recall_curve} returns it: one point per
 * distinct score in increasing threshold order, then the point (recall 0, precision 1) without a
 * threshold. When no row is positive, recall is 1 at every threshold, as in scikit-learn. Immutable; the
 * accessors return copies.
 */
public final class PrecisionRecallCurve {
  private final double[] precision;
  private final double[] recall;
  private final double[] thresholds;

  PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {
    this.precision = precision;
    this.recall = recall;
    this.thresholds = thresholds;
  }

  /** @return the precisions, one more than thresholds (the last is 1) */
  public double[] precision() {
    return precision.clone();
  }

  /** @return the recalls, non-increasing, one more than thresholds (the last is 0) */
  public double[] recall() {
    return recall.clone();
  }

  /** @return the distinct scores, increasing */
  public double[] thresholds() {
    return thresholds.clone();
  }
}
