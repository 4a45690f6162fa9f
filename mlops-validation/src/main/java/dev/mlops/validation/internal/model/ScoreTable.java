package dev.mlops.validation.internal.model;

import dev.mlops.core.InvalidInputException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Binary-classification data reduced to its distinct scores, highest first, with the total weight of
 * positive and of negative rows at each score: every ranking, threshold and probability metric is a
 * function of this table. Rows of weight zero are left out (as scikit-learn does for its curves). Immutable
 * once built.
 */
public final class ScoreTable {
  private final double[] score;
  private final double[] pos;
  private final double[] neg;
  private final double totalPos;
  private final double totalNeg;
  private final int rows;
  private final boolean counts;

  /**
   * Makes a table from its columns.
   *
   * @param score distinct scores, descending
   * @param pos positive weight per score
   * @param neg negative weight per score
   * @param rows the number of input rows (with any weight)
   */
  public ScoreTable(double[] score, double[] pos, double[] neg, int rows) {
    this(score, pos, neg, rows, CompensatedSum.of(pos), CompensatedSum.of(neg), false);
  }

  private ScoreTable(double[] score, double[] pos, double[] neg, int rows, double totalPos, double totalNeg,
      boolean counts) {
    this.score = score;
    this.pos = pos;
    this.neg = neg;
    this.rows = rows;
    this.totalPos = totalPos;
    this.totalNeg = totalNeg;
    this.counts = counts;
  }

  /**
   * Checks binary inputs and builds their table.
   *
   * @param actual the labels
   * @param score the scores
   * @param weight the sample weights or {@code null}
   * @return the table
   * @throws InvalidInputException if lengths differ, the input is empty, a score is NaN or infinite, or a
   *     weight is negative, NaN or infinite, or all weights are zero
   */
  public static ScoreTable of(boolean[] actual, double[] score, double @Nullable [] weight) {
    Inputs.checkLengths("actual", actual.length, "score", score.length);
    Inputs.checkFinite("score", score);
    if (weight != null) {
      Inputs.checkWeights(weight, actual.length);
      return weighted(actual, score, weight);
    }
    int p = 0;
    for (boolean a : actual) {
      p += a ? 1 : 0;
    }
    long[] pk = new long[p];
    long[] nk = new long[actual.length - p];
    int pi = 0;
    int ni = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i]) {
        pk[pi++] = RadixSort.key(score[i]);
      } else {
        nk[ni++] = RadixSort.key(score[i]);
      }
    }
    RadixSort.sort(pk, null);
    RadixSort.sort(nk, null);
    int groups = 0;
    for (int i = pk.length - 1, j = nk.length - 1; i >= 0 || j >= 0; groups++) {
      long k = i < 0 ? nk[j] : j < 0 ? pk[i] : Long.compareUnsigned(pk[i], nk[j]) >= 0 ? pk[i] : nk[j];
      while (i >= 0 && pk[i] == k) {
        i--;
      }
      while (j >= 0 && nk[j] == k) {
        j--;
      }
    }
    double[] s = new double[groups];
    double[] wp = new double[groups];
    double[] wn = new double[groups];
    int g = 0;
    int i = pk.length - 1;
    int j = nk.length - 1;
    while (i >= 0 || j >= 0) {
      long k = i < 0 ? nk[j] : j < 0 ? pk[i] : Long.compareUnsigned(pk[i], nk[j]) >= 0 ? pk[i] : nk[j];
      int cp = 0;
      while (i >= 0 && pk[i] == k) {
        cp++;
        i--;
      }
      int cn = 0;
      while (j >= 0 && nk[j] == k) {
        cn++;
        j--;
      }
      s[g] = RadixSort.value(k);
      wp[g] = cp;
      wn[g] = cn;
      g++;
    }
    return new ScoreTable(s, wp, wn, actual.length, pk.length, nk.length, true);
  }

  private static ScoreTable weighted(boolean[] actual, double[] score, double[] weight) {
    int n = 0;
    for (double w : weight) {
      n += w != 0 ? 1 : 0;
    }
    long[] keys = new long[n];
    int[] rows = new int[n];
    int at = 0;
    for (int i = 0; i < actual.length; i++) {
      if (weight[i] != 0) {
        keys[at] = RadixSort.key(score[i]);
        rows[at++] = i;
      }
    }
    RadixSort.sort(keys, rows);
    double[] s = new double[n];
    double[] wp = new double[n];
    double[] wn = new double[n];
    int g = 0;
    for (int i = n - 1; i >= 0; ) {
      long k = keys[i];
      double p = 0;
      double q = 0;
      while (i >= 0 && keys[i] == k) {
        int r = rows[i--];
        if (actual[r]) {
          p += weight[r];
        } else {
          q += weight[r];
        }
      }
      s[g] = RadixSort.value(k);
      wp[g] = p;
      wn[g] = q;
      g++;
    }
    return new ScoreTable(Arrays.copyOf(s, g), Arrays.copyOf(wp, g), Arrays.copyOf(wn, g), actual.length);
  }

  /** @return the number of distinct scores */
  public int groups() {
    return score.length;
  }

  /** @return the number of input rows */
  public int rows() {
    return rows;
  }

  /**
   * @param g a group
   * @return its score
   */
  public double score(int g) {
    return score[g];
  }

  /**
   * @param g a group
   * @return its positive weight
   */
  public double pos(int g) {
    return pos[g];
  }

  /**
   * @param g a group
   * @return its negative weight
   */
  public double neg(int g) {
    return neg[g];
  }

  /** @return the total positive weight */
  public double totalPos() {
    return totalPos;
  }

  /** @return the total negative weight */
  public double totalNeg() {
    return totalNeg;
  }

  /**
   * The same distinct scores with other weights, as a resample gives; the scores are shared, not copied.
   *
   * @param pos positive weight per score
   * @param neg negative weight per score
   * @param rows the number of rows drawn
   * @return the table, possibly with groups of weight zero
   */
  public ScoreTable reweighted(double[] pos, double[] neg, int rows) {
    return new ScoreTable(score, pos, neg, rows);
  }

  /**
   * The same distinct scores with whole-number counts, as a resample of unweighted rows gives.
   *
   * @param pos positive count per score
   * @param neg negative count per score
   * @param totalPos the positive rows drawn
   * @param totalNeg the negative rows drawn
   * @return the table, possibly with groups of weight zero
   */
  public ScoreTable recounted(double[] pos, double[] neg, long totalPos, long totalNeg) {
    return new ScoreTable(score, pos, neg, (int) (totalPos + totalNeg), totalPos, totalNeg, true);
  }

  /** @return true if every weight is a whole count, so sums of products are exact in long arithmetic */
  public boolean counts() {
    return counts;
  }

  /**
   * Drops groups whose positive and negative weights are both zero (after resampling).
   *
   * @return a table without empty groups
   */
  public ScoreTable compact() {
    int g = 0;
    for (int i = 0; i < score.length; i++) {
      if (pos[i] != 0 || neg[i] != 0) {
        g++;
      }
    }
    if (g == score.length) {
      return this;
    }
    double[] s = new double[g];
    double[] p = new double[g];
    double[] q = new double[g];
    g = 0;
    for (int i = 0; i < score.length; i++) {
      if (pos[i] != 0 || neg[i] != 0) {
        s[g] = score[i];
        p[g] = pos[i];
        q[g++] = neg[i];
      }
    }
    return new ScoreTable(s, p, q, rows, totalPos, totalNeg, counts);
  }
}
