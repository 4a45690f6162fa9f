package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.model.CompensatedSum;
import dev.mlops.validation.internal.model.Inputs;
import dev.mlops.validation.internal.model.ScoreTable;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of a multiclass classifier's probabilities, each equal to scikit-learn's function of the same
 * name. The predicted class of a row is the first column holding its largest probability ({@code argmax}).
 *
 * <p>Label metrics (precision, recall, F1, Cohen's kappa) use, as scikit-learn does by default, the labels
 * present among the actual or predicted classes; probability metrics (log loss, ROC AUC, top-k) use every
 * column as a class. Immutable and thread-safe.
 */
public final class MulticlassEvaluation extends Evaluation {
  private final int[] actual;
  private final double[][] probabilities;
  private final double @Nullable [] weight;
  private final int classes;
  private final int[] predicted;
  private final double[][] confusion;
  private final double total;

  MulticlassEvaluation(int[] actual, double[][] probabilities, double @Nullable [] weight) {
    Inputs.checkLengths("actual", actual.length, "probabilities", probabilities.length);
    this.classes = probabilities[0].length;
    if (classes < 2) {
      throw new InvalidInputException("probabilities[0] has " + classes + " columns; a multiclass model needs at least 2");
    }
    for (int i = 0; i < probabilities.length; i++) {
      if (probabilities[i].length != classes) {
        throw new InvalidInputException("probabilities[" + i + "] has " + probabilities[i].length
            + " columns but probabilities[0] has " + classes);
      }
      Inputs.checkFinite("probabilities[" + i + "]", probabilities[i]);
      if (actual[i] < 0 || actual[i] >= classes) {
        throw new InvalidInputException("actual[" + i + "] is " + actual[i] + "; classes are 0.." + (classes - 1));
      }
    }
    if (weight != null) {
      Inputs.checkWeights(weight, actual.length);
    }
    this.actual = actual;
    this.probabilities = probabilities;
    this.weight = weight;
    this.predicted = new int[actual.length];
    this.confusion = new double[classes][classes];
    CompensatedSum sum = new CompensatedSum();
    for (int i = 0; i < actual.length; i++) {
      double[] p = probabilities[i];
      int arg = 0;
      for (int c = 1; c < classes; c++) {
        if (p[c] > p[arg]) {
          arg = c;
        }
      }
      predicted[i] = arg;
      double w = weightOf(weight, i);
      confusion[actual[i]][arg] += w;
      sum.add(w);
    }
    this.total = sum.value();
  }

  static double[][] copy(double[][] rows) {
    double[][] copy = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      copy[i] = rows[i].clone();
    }
    return copy;
  }

  @Override
  public int size() {
    return actual.length;
  }

  /** @return the number of classes (columns of the probabilities) */
  public int classes() {
    return classes;
  }

  /** @return the actual classes, not copied */
  int[] labels() {
    return actual;
  }

  /** @return the predicted class of each row (a copy) */
  public int[] predictedClasses() {
    return predicted.clone();
  }

  /** @return the {@code k x k} confusion matrix over classes {@code 0..k-1} ({@code confusion_matrix}) */
  public ConfusionMatrix confusionMatrix() {
    return new ConfusionMatrix(copy(confusion));
  }

  /** @return the (weighted) fraction of rows whose predicted class is right ({@code accuracy_score}) */
  public double accuracy() {
    CompensatedSum right = new CompensatedSum();
    for (int c = 0; c < classes; c++) {
      right.add(confusion[c][c]);
    }
    return right.value() / total;
  }

  /**
   * Precision ({@code precision_score}); a label never predicted has precision 0.
   *
   * @param average how classes combine
   * @return the precision
   */
  public double precision(Average average) {
    return prf(average, 0);
  }

  /**
   * Recall ({@code recall_score}); a label never actual has recall 0.
   *
   * @param average how classes combine
   * @return the recall
   */
  public double recall(Average average) {
    return prf(average, 1);
  }

  /**
   * F1 ({@code f1_score}): per class the harmonic mean of precision and recall (0 when both are 0), then
   * averaged; the micro F1 is that of the pooled precision and recall.
   *
   * @param average how classes combine
   * @return the F1 score
   */
  public double f1(Average average) {
    return prf(average, 2);
  }

  private double prf(Average average, int which) {
    double[] tp = new double[classes];
    double[] pred = new double[classes];
    double[] truth = new double[classes];
    boolean[] present = new boolean[classes];
    for (int a = 0; a < classes; a++) {
      for (int p = 0; p < classes; p++) {
        truth[a] += confusion[a][p];
        pred[p] += confusion[a][p];
      }
      tp[a] = confusion[a][a];
    }
    for (int i = 0; i < actual.length; i++) {
      present[actual[i]] = true;
      present[predicted[i]] = true;
    }
    if (average == Average.MICRO) {
      double t = 0;
      double p = 0;
      double s = 0;
      for (int c = 0; c < classes; c++) {
        if (present[c]) {
          t += tp[c];
          p += pred[c];
          s += truth[c];
        }
      }
      return pick(which, ratio(t, p), ratio(t, s));
    }
    CompensatedSum sum = new CompensatedSum();
    CompensatedSum weights = new CompensatedSum();
    int labels = 0;
    for (int c = 0; c < classes; c++) {
      if (!present[c]) {
        continue;
      }
      double value = pick(which, ratio(tp[c], pred[c]), ratio(tp[c], truth[c]));
      double w = average == Average.WEIGHTED ? truth[c] : 1;
      sum.add(value * w);
      weights.add(w);
      labels++;
    }
    return average == Average.WEIGHTED ? sum.value() / weights.value() : sum.value() / labels;
  }

  private static double pick(int which, double precision, double recall) {
    if (which == 0) {
      return precision;
    }
    if (which == 1) {
      return recall;
    }
    double denominator = precision + recall;
    return denominator == 0 ? 0 : 2 * precision * recall / denominator;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }

  /**
   * The log loss ({@code log_loss} with {@code labels=range(k)}): probabilities clipped to
   * {@code [eps, 1 - eps]} and each row renormalized to sum 1, as scikit-learn 1.2 does.
   *
   * @return the mean negative log-likelihood of the actual classes
   */
  public double logLoss() {
    double eps = Math.ulp(1.0);
    CompensatedSum loss = new CompensatedSum();
    for (int i = 0; i < actual.length; i++) {
      double[] p = probabilities[i];
      double s = 0;
      for (int c = 0; c < classes; c++) {
        s += clip(p[c], eps);
      }
      loss.add(weightOf(weight, i) * -Math.log(clip(p[actual[i]], eps) / s));
    }
    return loss.value() / total;
  }

  private static double clip(double p, double eps) {
    return Math.min(Math.max(p, eps), 1 - eps);
  }

  /**
   * The one-vs-rest macro ROC AUC ({@code roc_auc_score(multi_class="ovr", average="macro")}): the mean
   * over classes of the binary AUC of that class's column against the rest.
   *
   * @return the AUC
   * @throws InvalidInputException as scikit-learn raises {@code ValueError}: if a row's probabilities do
   *     not sum to 1 (within {@code numpy.allclose}) or if some class never occurs among the actual labels
   */
  public double rocAuc() {
    boolean[] seen = new boolean[classes];
    for (int a : actual) {
      seen[a] = true;
    }
    for (int c = 0; c < classes; c++) {
      if (!seen[c]) {
        throw new InvalidInputException("one-vs-rest ROC AUC needs every class among the actual labels, but class "
            + c + " never occurs");
      }
    }
    for (int i = 0; i < actual.length; i++) {
      double s = 0;
      for (double v : probabilities[i]) {
        s += v;
      }
      if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
        throw new InvalidInputException("probabilities[" + i + "] sums to " + s
            + "; one-vs-rest ROC AUC needs probabilities that sum to 1 over the classes");
      }
    }
    double sum = 0;
    boolean[] isClass = new boolean[actual.length];
    double[] column = new double[actual.length];
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < actual.length; i++) {
        isClass[i] = actual[i] == c;
        column[i] = probabilities[i][c];
      }
      ScoreTable table = ScoreTable.of(isClass, column, weight);
      sum += new BinaryEvaluation(table).rocAuc();
    }
    return sum / classes;
  }

  /**
   * Cohen's kappa of the predicted against the actual classes ({@code cohen_kappa_score}, no weighting).
   *
   * @return kappa; NaN when both marginals put every row in one class, as in scikit-learn 1.2
   */
  public double cohenKappa() {
    double[] rowSum = new double[classes];
    double[] colSum = new double[classes];
    for (int a = 0; a < classes; a++) {
      for (int p = 0; p < classes; p++) {
        rowSum[a] += confusion[a][p];
        colSum[p] += confusion[a][p];
      }
    }
    double all = 0;
    for (double r : rowSum) {
      all += r;
    }
    CompensatedSum observed = new CompensatedSum();
    CompensatedSum expected = new CompensatedSum();
    for (int a = 0; a < classes; a++) {
      for (int p = 0; p < classes; p++) {
        if (a != p) {
          observed.add(confusion[a][p]);
          expected.add(rowSum[a] * colSum[p] / all);
        }
      }
    }
    return 1 - observed.value() / expected.value();
  }

  /**
   * Top-k accuracy ({@code top_k_accuracy_score} with {@code labels=range(k)}): the fraction of rows whose
   * actual class is among the {@code k} highest probabilities; among tied probabilities the higher class
   * index ranks first, as in scikit-learn.
   *
   * @param k how many classes count as a hit, at least 1
   * @return the top-k accuracy
   * @throws InvalidInputException if {@code k < 1}
   */
  public double topKAccuracy(int k) {
    if (k < 1) {
      throw new InvalidInputException("k is " + k + "; top-k accuracy needs k >= 1");
    }
    CompensatedSum hits = new CompensatedSum();
    for (int i = 0; i < actual.length; i++) {
      double[] p = probabilities[i];
      int c = actual[i];
      int rank = 0;
      for (int j = 0; j < classes; j++) {
        if (p[j] > p[c] || (p[j] == p[c] && j > c)) {
          rank++;
        }
      }
      if (rank < k) {
        hits.add(weightOf(weight, i));
      }
    }
    return hits.value() / total;
  }

  @Override
  MulticlassEvaluation resample(int[] rows) {
    int[] a = new int[rows.length];
    double[][] p = new double[rows.length][];
    double[] w = weight == null ? null : new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      a[i] = actual[rows[i]];
      p[i] = probabilities[rows[i]];
      if (w != null) {
        w[i] = weight[rows[i]];
      }
    }
    return new MulticlassEvaluation(a, p, w);
  }

  @Override
  boolean sameRows(Evaluation other) {
    return other instanceof MulticlassEvaluation m && Arrays.equals(actual, m.actual) && Arrays.equals(weight, m.weight);
  }

  @Override
  public String toString() {
    return "MulticlassEvaluation[rows=" + size() + ", classes=" + classes + "]";
  }
}
