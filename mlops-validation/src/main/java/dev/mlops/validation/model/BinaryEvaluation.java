package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.model.CompensatedSum;
import dev.mlops.validation.internal.model.Inputs;
import dev.mlops.validation.internal.model.RadixSort;
import dev.mlops.validation.internal.model.ScoreTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of a binary classifier's scores, each equal to scikit-learn's function of the same name.
 *
 * <p>The rows are sorted once, by a radix sort, into a table of distinct scores with the positive and
 * negative weight at each; every metric is then a single pass over that table, so asking for several
 * metrics costs one sort. Tied scores form one threshold, as in scikit-learn. Rows of weight zero are
 * left out of curves, as scikit-learn 1.2 does. A bootstrap resample re-counts the weights at each
 * distinct score without sorting again.
 *
 * <p>Where scikit-learn raises or returns NaN for a degenerate input this class does the same, and says so
 * on the method. Immutable and thread-safe.
 */
public final class BinaryEvaluation extends Evaluation {
  private final boolean @Nullable [] actual;
  private final double @Nullable [] score;
  private final double @Nullable [] weight;
  private final ScoreTable table;
  /** Guarded by {@code this}; the row-to-score-group map, made on the first resample. */
  private int @Nullable [] groupOf;

  BinaryEvaluation(boolean[] actual, double[] score, double @Nullable [] weight) {
    this.table = ScoreTable.of(actual, score, weight);
    this.actual = actual;
    this.score = score;
    this.weight = weight;
  }

  BinaryEvaluation(ScoreTable table) {
    this.table = table;
    this.actual = null;
    this.score = null;
    this.weight = null;
  }

  @Override
  public int size() {
    return table.rows();
  }

  /** @return the total weight of positive rows (their number without weights) */
  public double positives() {
    return table.totalPos();
  }

  /** @return the total weight of negative rows */
  public double negatives() {
    return table.totalNeg();
  }

  /**
   * The area under the ROC curve ({@code roc_auc_score}): the probability that a random positive row
   * scores above a random negative one, ties counting one half.
   *
   * @return the AUC in [0, 1]
   * @throws InvalidInputException if the rows hold only one class (scikit-learn raises {@code ValueError}:
   *     "Only one class present in y_true")
   */
  public double rocAuc() {
    requireBothClasses("ROC AUC");
    if (table.counts()) {
      // whole counts: twice the area is an integer, summed exactly and divided once
      long twice = 0;
      long above = 0;
      for (int g = 0; g < table.groups(); g++) {
        long p = (long) table.pos(g);
        long n = (long) table.neg(g);
        twice += n * (2 * above + p);
        above += p;
      }
      return twice / (2.0 * table.totalPos() * table.totalNeg());
    }
    CompensatedSum area = new CompensatedSum();
    double above = 0;
    for (int g = 0; g < table.groups(); g++) {
      double p = table.pos(g);
      double n = table.neg(g);
      if (n != 0) {
        area.add(n * (above + p * 0.5));
      }
      above += p;
    }
    return area.value() / (table.totalPos() * table.totalNeg());
  }

  /**
   * The average precision ({@code average_precision_score}): {@code sum((R_t - R_(t-1)) * P_t)} over
   * decreasing distinct thresholds, without interpolation.
   *
   * @return the average precision; 0 when no row is positive (scikit-learn warns and returns 0), 1 when
   *     every row is positive
   */
  public double averagePrecision() {
    double total = table.totalPos();
    if (total == 0) {
      return 0;
    }
    CompensatedSum ap = new CompensatedSum();
    double tp = 0;
    double fp = 0;
    for (int g = 0; g < table.groups(); g++) {
      double p = table.pos(g);
      tp += p;
      fp += table.neg(g);
      if (p != 0) {
        ap.add(p / total * (tp / (tp + fp)));
      }
    }
    return ap.value();
  }

  /**
   * The log loss ({@code log_loss} with {@code labels=[0, 1]}): the mean negative log-likelihood of the
   * actual labels, probabilities clipped to {@code [eps, 1 - eps]} with {@code eps} the double's machine
   * epsilon, then renormalized, as scikit-learn 1.2 does. Unlike scikit-learn without {@code labels}, a
   * single actual class is not an error: the classes are known to be false and true.
   *
   * @return the log loss
   */
  public double logLoss() {
    CompensatedSum loss = new CompensatedSum();
    double eps = Math.ulp(1.0);
    for (int g = 0; g < table.groups(); g++) {
      double p = Math.min(Math.max(table.score(g), eps), 1 - eps);
      double q = 1 - p;
      double s = q + p;
      if (table.pos(g) != 0) {
        loss.add(table.pos(g) * -Math.log(p / s));
      }
      if (table.neg(g) != 0) {
        loss.add(table.neg(g) * -Math.log(q / s));
      }
    }
    return loss.value() / (table.totalPos() + table.totalNeg());
  }

  /**
   * The Brier score ({@code brier_score_loss}): the mean squared difference between the probability and
   * the label.
   *
   * @return the Brier score in [0, 1]
   * @throws InvalidInputException if a score lies outside [0, 1] (scikit-learn raises {@code ValueError})
   */
  public double brierScore() {
    requireProbabilities("the Brier score");
    CompensatedSum sum = new CompensatedSum();
    for (int g = 0; g < table.groups(); g++) {
      double s = table.score(g);
      sum.add(table.pos(g) * ((1 - s) * (1 - s)));
      sum.add(table.neg(g) * (s * s));
    }
    return sum.value() / (table.totalPos() + table.totalNeg());
  }

  /**
   * The ROC curve ({@code roc_curve}, intermediate collinear points dropped).
   *
   * @return the curve
   */
  public RocCurve rocCurve() {
    ScoreTable table = this.table.compact();
    int k = table.groups();
    double[] fps = new double[k];
    double[] tps = new double[k];
    double tp = 0;
    double fp = 0;
    for (int g = 0; g < k; g++) {
      tp += table.pos(g);
      fp += table.neg(g);
      tps[g] = tp;
      fps[g] = fp;
    }
    int[] keep = new int[k];
    int kept = 0;
    for (int g = 0; g < k; g++) {
      if (k <= 2 || g == 0 || g == k - 1
          || fps[g + 1] - 2 * fps[g] + fps[g - 1] != 0 || tps[g + 1] - 2 * tps[g] + tps[g - 1] != 0) {
        keep[kept++] = g;
      }
    }
    double[] fpr = new double[kept + 1];
    double[] tpr = new double[kept + 1];
    double[] thresholds = new double[kept + 1];
    thresholds[0] = table.score(0) + 1;
    double lastFp = fps[k - 1];
    double lastTp = tps[k - 1];
    for (int i = 0; i < kept; i++) {
      int g = keep[i];
      fpr[i + 1] = lastFp <= 0 ? Double.NaN : fps[g] / lastFp;
      tpr[i + 1] = lastTp <= 0 ? Double.NaN : tps[g] / lastTp;
      thresholds[i + 1] = table.score(g);
    }
    fpr[0] = lastFp <= 0 ? Double.NaN : 0;
    tpr[0] = lastTp <= 0 ? Double.NaN : 0;
    return new RocCurve(fpr, tpr, thresholds);
  }

  /**
   * The precision-recall curve ({@code precision_recall_curve}).
   *
   * @return the curve
   */
  public PrecisionRecallCurve precisionRecallCurve() {
    ScoreTable table = this.table.compact();
    int k = table.groups();
    double[] precision = new double[k + 1];
    double[] recall = new double[k + 1];
    double[] thresholds = new double[k];
    double total = table.totalPos();
    double tp = 0;
    double fp = 0;
    for (int g = 0; g < k; g++) {
      tp += table.pos(g);
      fp += table.neg(g);
      int at = k - 1 - g;
      precision[at] = tp + fp == 0 ? 0 : tp / (tp + fp);
      recall[at] = total == 0 ? 1 : tp / total;
      thresholds[at] = table.score(g);
    }
    precision[k] = 1;
    recall[k] = 0;
    return new PrecisionRecallCurve(precision, recall, thresholds);
  }

  /**
   * Calibration over equal-width bins ({@code calibration_curve(strategy="uniform")}) and the expected
   * calibration error.
   *
   * @param bins the number of bins, at least 1
   * @return the calibration
   * @throws InvalidInputException if {@code bins < 1} or a score lies outside [0, 1] (scikit-learn raises
   *     {@code ValueError})
   */
  public Calibration calibration(int bins) {
    if (bins < 1) {
      throw new InvalidInputException("bins is " + bins + "; calibration needs at least one bin");
    }
    requireProbabilities("calibration");
    double step = 1.0 / bins;
    CompensatedSum[] predicted = new CompensatedSum[bins];
    double[] positive = new double[bins];
    double[] total = new double[bins];
    for (int g = 0; g < table.groups(); g++) {
      double s = table.score(g);
      int b = Math.min(bins - 1, (int) (s * bins));
      while (b > 0 && b * step >= s) {
        b--;
      }
      while (b < bins - 1 && (b + 1) * step < s) {
        b++;
      }
      double w = table.pos(g) + table.neg(g);
      if (predicted[b] == null) {
        predicted[b] = new CompensatedSum();
      }
      predicted[b].add(w * s);
      positive[b] += table.pos(g);
      total[b] += w;
    }
    double all = table.totalPos() + table.totalNeg();
    List<CalibrationBin> curve = new ArrayList<>();
    CompensatedSum ece = new CompensatedSum();
    double mce = 0;
    for (int b = 0; b < bins; b++) {
      if (total[b] == 0) {
        continue;
      }
      double meanPredicted = predicted[b].value() / total[b];
      double fraction = positive[b] / total[b];
      curve.add(new CalibrationBin(b * step, b == bins - 1 ? 1.0 : (b + 1) * step, total[b], meanPredicted, fraction));
      double gap = Math.abs(fraction - meanPredicted);
      ece.add(total[b] / all * gap);
      mce = Math.max(mce, gap);
    }
    return new Calibration(bins, ece.value(), mce, curve);
  }

  /**
   * Label metrics at a decision threshold: a score at or above {@code threshold} predicts positive.
   *
   * @param threshold the threshold
   * @return the metrics
   * @throws InvalidInputException if the threshold is NaN
   */
  public ThresholdMetrics at(double threshold) {
    if (Double.isNaN(threshold)) {
      throw new InvalidInputException("threshold is NaN");
    }
    CompensatedSum tp = new CompensatedSum();
    CompensatedSum fp = new CompensatedSum();
    CompensatedSum fn = new CompensatedSum();
    CompensatedSum tn = new CompensatedSum();
    for (int g = 0; g < table.groups(); g++) {
      if (table.score(g) >= threshold) {
        tp.add(table.pos(g));
        fp.add(table.neg(g));
      } else {
        fn.add(table.pos(g));
        tn.add(table.neg(g));
      }
    }
    return new ThresholdMetrics(threshold, tp.value(), fp.value(), tn.value(), fn.value());
  }

  private void requireBothClasses(String metric) {
    if (table.totalPos() == 0 || table.totalNeg() == 0) {
      throw new InvalidInputException(metric + " is undefined: the actual labels hold only "
          + (table.totalPos() == 0 ? "negative" : "positive") + " rows (with non-zero weight)");
    }
  }

  private void requireProbabilities(String metric) {
    ScoreTable table = this.table.compact();
    double max = table.score(0);
    double min = table.score(table.groups() - 1);
    if (min < 0 || max > 1) {
      throw new InvalidInputException(metric + " needs probabilities in [0, 1], but a score is "
          + (min < 0 ? min : max));
    }
  }

  @Override
  BinaryEvaluation resample(int[] rows) {
    boolean[] a = actual;
    if (a == null) {
      throw new IllegalStateException("a resampled evaluation cannot be resampled again");
    }
    int[] groups = groups();
    int k = table.groups();
    double[] pos = new double[k];
    double[] neg = new double[k];
    if (weight == null) {
      long positives = 0;
      for (int r : rows) {
        int packed = groups[r];
        if ((packed & 1) != 0) {
          pos[packed >>> 1]++;
          positives++;
        } else {
          neg[packed >>> 1]++;
        }
      }
      return new BinaryEvaluation(table.recounted(pos, neg, positives, rows.length - positives));
    }
    for (int r : rows) {
      double w = weightOf(weight, r);
      if (a[r]) {
        pos[groups[r] >>> 1] += w;
      } else {
        neg[groups[r] >>> 1] += w;
      }
    }
    return new BinaryEvaluation(table.reweighted(pos, neg, rows.length));
  }

  /**
   * Maps each row to twice the index of its score in the table plus its label bit (rows of weight zero to
   * any group), so a resample reads one array per drawn row.
   */
  private synchronized int[] groups() {
    if (groupOf == null) {
      double[] s = score;
      long[] keys = new long[s.length];
      int[] rows = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        keys[i] = RadixSort.key(s[i]);
        rows[i] = i;
      }
      RadixSort.sort(keys, rows);
      int[] map = new int[s.length];
      int g = 0;
      for (int i = s.length - 1; i >= 0; i--) {
        double v = RadixSort.value(keys[i]);
        while (g < table.groups() - 1 && table.score(g) > v) {
          g++;
        }
        map[rows[i]] = g << 1 | (actual[rows[i]] ? 1 : 0);
      }
      groupOf = map;
    }
    return groupOf;
  }

  @Override
  boolean sameRows(Evaluation other) {
    return other instanceof BinaryEvaluation b && actual != null && b.actual != null
        && Arrays.equals(actual, b.actual) && Arrays.equals(weight, b.weight);
  }

  /**
   * The label of each row, for pairwise tests; {@code null} for a resampled evaluation.
   *
   * @return the labels, not copied
   */
  boolean @Nullable [] labels() {
    return actual;
  }

  /** @return the scores, not copied; {@code null} for a resampled evaluation */
  double @Nullable [] scores() {
    return score;
  }

  /** @return the weights, not copied, or {@code null} */
  double @Nullable [] weights() {
    return weight;
  }

  @Override
  public String toString() {
    return "BinaryEvaluation[rows=" + size() + ", positives=" + positives() + ", negatives=" + negatives() + "]";
  }
}
