package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.model.DeLongKernel;
import java.util.Objects;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Analytic paired tests of a challenger against a champion on the same rows: DeLong's test for correlated
 * ROC AUCs and McNemar's test for accuracies. For any other metric use
 * {@link Bootstrap#compare(Evaluation, Evaluation, Metric)}. Stateless and thread-safe.
 */
public final class ModelComparison {
  /** Below this many discordant pairs McNemar's test uses the exact binomial distribution. */
  public static final int EXACT_MCNEMAR_BELOW = 25;

  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

  private ModelComparison() {}

  /**
   * DeLong's test (DeLong, DeLong and Clarke-Pearson, 1988) for the difference of two correlated ROC
   * AUCs, computed by the O(n log n) algorithm of Sun and Xu (2014): a normal interval for
   * {@code auc(challenger) - auc(champion)} and the two-sided p-value of its z statistic. When the variance
   * of the difference is zero (identical rankings) the interval is the point and the p-value is 1 if the
   * AUCs are equal.
   *
   * @param challenger the challenger's evaluation, without sample weights
   * @param champion the champion's evaluation on the same rows
   * @param confidence the confidence level, strictly between 0 and 1
   * @return the comparison
   * @throws InvalidInputException if the rows differ, weights were given, either class has fewer than two
   *     rows, or the confidence is outside (0, 1)
   */
  public static PairedComparison delong(BinaryEvaluation challenger, BinaryEvaluation champion, double confidence) {
    Bootstrap.requireSameRows(challenger, champion);
    checkConfidence(confidence);
    if (challenger.weights() != null) {
      throw new InvalidInputException("DeLong's test is defined for unweighted rows; evaluate without weights");
    }
    double[] s = DeLongKernel.auc2(challenger.labels(), challenger.scores(), champion.scores());
    double diff = s[0] - s[1];
    double variance = Math.max(0, s[2] + s[3] - 2 * s[4]);
    double z = NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
    double se = Math.sqrt(variance);
    double p;
    if (se == 0) {
      p = diff == 0 ? 1 : 0;
    } else {
      p = 2 * NORMAL.survivalProbability(Math.abs(diff) / se);
    }
    return new PairedComparison("roc_auc", "delong", s[0], s[1], diff, diff - z * se, diff + z * se, confidence,
        Math.min(1, p));
  }

  /**
   * DeLong's variance of one model's ROC AUC and the normal interval it gives.
   *
   * @param evaluation an unweighted binary evaluation
   * @param confidence the confidence level
   * @return the interval
   * @throws InvalidInputException as {@link #delong}
   */
  public static Interval delongInterval(BinaryEvaluation evaluation, double confidence) {
    checkConfidence(confidence);
    if (evaluation.weights() != null || evaluation.labels() == null) {
      throw new InvalidInputException("DeLong's interval is defined for unweighted rows; evaluate without weights");
    }
    double[] s = DeLongKernel.auc2(evaluation.labels(), evaluation.scores(), evaluation.scores());
    double se = Math.sqrt(s[2]);
    double z = NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
    return new Interval("roc_auc", "delong", s[0], s[0] - z * se, s[0] + z * se, confidence, se, 0);
  }

  /**
   * McNemar's test of two classifiers' accuracies from whether each got each row right. With
   * {@code b} rows only the challenger got right and {@code c} rows only the champion got right, the
   * difference is {@code (b - c) / n}; below {@value #EXACT_MCNEMAR_BELOW} discordant rows the p-value is
   * the exact two-sided binomial one, {@code min(1, 2 * P(X <= min(b, c)))} with {@code X ~ Bin(b + c, 1/2)},
   * otherwise the chi-square one with continuity correction, {@code (|b - c| - 1)^2 / (b + c)} on one
   * degree of freedom (statsmodels' {@code mcnemar} with {@code exact} chosen by that rule). The interval is
   * the Wald interval of a difference of paired proportions.
   *
   * @param challengerCorrect per row, whether the challenger was right
   * @param championCorrect per row, whether the champion was right
   * @param confidence the confidence level
   * @return the comparison of accuracies
   * @throws InvalidInputException if lengths differ or are zero, or the confidence is outside (0, 1)
   */
  public static PairedComparison mcnemar(boolean[] challengerCorrect, boolean[] championCorrect, double confidence) {
    Objects.requireNonNull(challengerCorrect, "challengerCorrect");
    Objects.requireNonNull(championCorrect, "championCorrect");
    checkConfidence(confidence);
    if (challengerCorrect.length != championCorrect.length || challengerCorrect.length == 0) {
      throw new InvalidInputException("challengerCorrect has " + challengerCorrect.length + " rows and championCorrect "
          + championCorrect.length + "; McNemar's test needs the same, non-zero number");
    }
    long b = 0;
    long c = 0;
    long a = 0;
    long d = 0;
    for (int i = 0; i < challengerCorrect.length; i++) {
      if (challengerCorrect[i] && !championCorrect[i]) {
        b++;
      } else if (!challengerCorrect[i] && championCorrect[i]) {
        c++;
      } else if (challengerCorrect[i]) {
        a++;
      } else {
        d++;
      }
    }
    double n = challengerCorrect.length;
    double diff = (b - c) / n;
    double z = NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
    double se = Math.sqrt(Math.max(0, b + c - (double) (b - c) * (b - c) / n)) / n;
    boolean exact = b + c < EXACT_MCNEMAR_BELOW;
    double p = exact ? exactPValue(b, c) : chiSquarePValue(b, c);
    return new PairedComparison("accuracy", exact ? "mcnemar-exact" : "mcnemar-chi2", (a + b) / n, (a + c) / n, diff,
        diff - z * se, diff + z * se, confidence, p);
  }

  /**
   * McNemar's test of two binary classifiers at one decision threshold.
   *
   * @param challenger the challenger's evaluation
   * @param champion the champion's evaluation on the same rows, without weights
   * @param threshold a score at or above it predicts positive
   * @param confidence the confidence level
   * @return the comparison of accuracies
   * @throws InvalidInputException if the rows differ or weights were given
   */
  public static PairedComparison mcnemar(BinaryEvaluation challenger, BinaryEvaluation champion, double threshold,
      double confidence) {
    Bootstrap.requireSameRows(challenger, champion);
    if (challenger.weights() != null) {
      throw new InvalidInputException("McNemar's test counts rows; evaluate without weights");
    }
    boolean[] y = challenger.labels();
    double[] a = challenger.scores();
    double[] c = champion.scores();
    boolean[] ra = new boolean[y.length];
    boolean[] rc = new boolean[y.length];
    for (int i = 0; i < y.length; i++) {
      ra[i] = (a[i] >= threshold) == y[i];
      rc[i] = (c[i] >= threshold) == y[i];
    }
    return mcnemar(ra, rc, confidence);
  }

  /**
   * McNemar's test of two multiclass classifiers' predicted classes.
   *
   * @param challenger the challenger's evaluation
   * @param champion the champion's evaluation on the same rows
   * @param confidence the confidence level
   * @return the comparison of accuracies
   * @throws InvalidInputException if the rows differ
   */
  public static PairedComparison mcnemar(MulticlassEvaluation challenger, MulticlassEvaluation champion,
      double confidence) {
    Bootstrap.requireSameRows(challenger, champion);
    int[] y = challenger.labels();
    int[] a = challenger.predictedClasses();
    int[] c = champion.predictedClasses();
    boolean[] ra = new boolean[y.length];
    boolean[] rc = new boolean[y.length];
    for (int i = 0; i < y.length; i++) {
      ra[i] = a[i] == y[i];
      rc[i] = c[i] == y[i];
    }
    return mcnemar(ra, rc, confidence);
  }

  /** {@code min(1, 2 * P(X <= min(b, c)))}, {@code X ~ Bin(b + c, 1/2)}, summed directly for small counts. */
  static double exactPValue(long b, long c) {
    long n = b + c;
    long k = Math.min(b, c);
    if (n > 500) {
      return Math.min(1, 2 * BinomialDistribution.of((int) n, 0.5).cumulativeProbability((int) k));
    }
    double sum = 0;
    double term = Math.pow(0.5, n);
    for (long i = 0; i <= k; i++) {
      sum += term;
      term = term * (n - i) / (i + 1);
    }
    return Math.min(1, 2 * sum);
  }

  static double chiSquarePValue(long b, long c) {
    double statistic = Math.pow(Math.abs(b - c) - 1, 2) / (b + c);
    return ChiSquaredDistribution.of(1).survivalProbability(statistic);
  }

  private static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new InvalidInputException("confidence is " + confidence + "; it must lie strictly between 0 and 1");
    }
  }
}
