package dev.mlops.validation.model;

/**
 * Label metrics of a binary classifier at one decision threshold (a score at or above it predicts
 * positive), each equal to scikit-learn's function of the same name on {@code score >= threshold}. Where
 * scikit-learn divides by zero and warns ({@code zero_division="warn"}) the metric is 0, as there.
 * Immutable and thread-safe.
 */
public final class ThresholdMetrics {
  private final double threshold;
  private final double tp;
  private final double fp;
  private final double tn;
  private final double fn;

  ThresholdMetrics(double threshold, double tp, double fp, double tn, double fn) {
    this.threshold = threshold;
    this.tp = tp;
    this.fp = fp;
    this.tn = tn;
    this.fn = fn;
  }

  /** @return the threshold */
  public double threshold() {
    return threshold;
  }

  /** @return the 2x2 confusion matrix, {@code [[tn, fp], [fn, tp]]} */
  public ConfusionMatrix confusionMatrix() {
    return new ConfusionMatrix(new double[][] {{tn, fp}, {fn, tp}});
  }

  /** @return the fraction of rows predicted right ({@code accuracy_score}) */
  public double accuracy() {
    return (tp + tn) / (tp + tn + fp + fn);
  }

  /** @return {@code tp / (tp + fp)}, 0 when nothing is predicted positive ({@code precision_score}) */
  public double precision() {
    return ratio(tp, tp + fp);
  }

  /** @return {@code tp / (tp + fn)}, 0 when no row is positive ({@code recall_score}) */
  public double recall() {
    return ratio(tp, tp + fn);
  }

  /** @return the false positive rate {@code fp / (fp + tn)}, 0 when no row is negative */
  public double falsePositiveRate() {
    return ratio(fp, fp + tn);
  }

  /** @return the fraction of rows predicted positive (fairlearn's selection rate) */
  public double selectionRate() {
    return (tp + fp) / (tp + tn + fp + fn);
  }

  /** @return the harmonic mean of precision and recall, 0 when both are 0 ({@code f1_score}) */
  public double f1() {
    double p = precision();
    double r = recall();
    double denominator = p + r;
    return denominator == 0 ? 0 : 2 * p * r / denominator;
  }

  /**
   * The mean recall over the classes present among the actual labels ({@code balanced_accuracy_score}):
   * with a single actual class it is that class's recall.
   *
   * @return the balanced accuracy
   */
  public double balancedAccuracy() {
    boolean positives = tp + fn > 0;
    boolean negatives = tn + fp > 0;
    if (positives && negatives) {
      return (tn / (tn + fp) + tp / (tp + fn)) / 2;
    }
    return positives ? tp / (tp + fn) : tn / (tn + fp);
  }

  /**
   * The Matthews correlation coefficient ({@code matthews_corrcoef}); 0 when a marginal is constant.
   *
   * @return the coefficient in [-1, 1]
   */
  public double matthewsCorrelation() {
    double t0 = tn + fp;
    double t1 = fn + tp;
    double p0 = tn + fn;
    double p1 = fp + tp;
    double n = p0 + p1;
    double covTrueTrue = n * n - (t0 * t0 + t1 * t1);
    double covPredPred = n * n - (p0 * p0 + p1 * p1);
    double covTruePred = (tn + tp) * n - (t0 * p0 + t1 * p1);
    if (covPredPred * covTrueTrue == 0) {
      return 0;
    }
    return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }

  @Override
  public String toString() {
    return "ThresholdMetrics[threshold=" + threshold + ", tp=" + tp + ", fp=" + fp + ", tn=" + tn + ", fn=" + fn + "]";
  }
}
