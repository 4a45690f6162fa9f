package dev.mlops.validation.internal.model;

import dev.mlops.core.InvalidInputException;

/**
 * The structural components of DeLong's test in O(n log n) (Sun and Xu, 2014): one sort of each model's
 * scores gives, for every positive row, the share of negatives it outranks (ties one half), and for every
 * negative row the share of positives that outrank it; their means are the AUC and their covariances across
 * models give the AUCs' covariance matrix. Stateless and thread-safe.
 */
public final class DeLongKernel {
  private DeLongKernel() {}

  /**
   * The variance and covariance of the AUCs of two models scored on the same rows.
   *
   * @param actual the labels
   * @param a the first model's scores
   * @param b the second model's scores
   * @return {@code {aucA, aucB, varA, varB, covariance}}
   * @throws InvalidInputException if lengths differ, a score is not finite, or either class has fewer than
   *     two rows (the covariances are then undefined)
   */
  public static double[] auc2(boolean[] actual, double[] a, double[] b) {
    Inputs.checkLengths("actual", actual.length, "challenger scores", a.length);
    Inputs.checkLengths("actual", actual.length, "champion scores", b.length);
    Inputs.checkFinite("challenger scores", a);
    Inputs.checkFinite("champion scores", b);
    int m = 0;
    for (boolean y : actual) {
      m += y ? 1 : 0;
    }
    int n = actual.length - m;
    if (m < 2 || n < 2) {
      throw new InvalidInputException("DeLong's test needs at least two positive and two negative rows; got "
          + m + " and " + n);
    }
    double[] ca = components(actual, a, m, n);
    double[] cb = components(actual, b, m, n);
    double[] posA = new double[m];
    double[] posB = new double[m];
    double[] negA = new double[n];
    double[] negB = new double[n];
    int p = 0;
    int q = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i]) {
        posA[p] = ca[i];
        posB[p++] = cb[i];
      } else {
        negA[q] = ca[i];
        negB[q++] = cb[i];
      }
    }
    double meanA = mean(posA);
    double meanB = mean(posB);
    double varA = covariance(posA, posA) / m + covariance(negA, negA) / n;
    double varB = covariance(posB, posB) / m + covariance(negB, negB) / n;
    double cov = covariance(posA, posB) / m + covariance(negA, negB) / n;
    return new double[] {meanA, meanB, varA, varB, cov};
  }

  /** Per row: a positive's share of negatives below it, a negative's share of positives above it. */
  private static double[] components(boolean[] actual, double[] score, int m, int n) {
    int rows = actual.length;
    long[] keys = new long[rows];
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      keys[i] = RadixSort.key(score[i]);
      order[i] = i;
    }
    RadixSort.sort(keys, order);
    double[] v = new double[rows];
    long posBefore = 0;
    long negBefore = 0;
    for (int s = 0; s < rows; ) {
      int e = s;
      long pg = 0;
      while (e < rows && keys[e] == keys[s]) {
        pg += actual[order[e]] ? 1 : 0;
        e++;
      }
      long ng = (e - s) - pg;
      double positive = (negBefore + ng * 0.5) / n;
      double negative = ((m - posBefore - pg) + pg * 0.5) / m;
      for (int i = s; i < e; i++) {
        v[order[i]] = actual[order[i]] ? positive : negative;
      }
      posBefore += pg;
      negBefore += ng;
      s = e;
    }
    return v;
  }

  private static double mean(double[] x) {
    return CompensatedSum.of(x) / x.length;
  }

  private static double covariance(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    CompensatedSum s = new CompensatedSum();
    for (int i = 0; i < x.length; i++) {
      s.add((x[i] - mx) * (y[i] - my));
    }
    return s.value() / (x.length - 1);
  }
}
