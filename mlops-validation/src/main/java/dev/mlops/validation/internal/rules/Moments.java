package dev.mlops.validation.internal.rules;

/**
 * Count, mean, sum of squared deviations (M2), min, max and a compensated sum of non-NaN doubles, plus a NaN
 * count; merged with Chan et al.'s pairwise formulas. Not thread-safe.
 */
final class Moments {
  long n;
  double mean;
  double m2;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  private double sum;
  private double compensation;
  long nanCount;

  /** Folds a block of values: two passes (mean, then squared deviations) for accuracy, then a Chan merge. */
  void addBlock(double[] values, int count) {
    long bn = 0;
    double bsum = 0;
    double bmin = Double.POSITIVE_INFINITY;
    double bmax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      double v = values[i];
      if (v != v) {
        nanCount++;
        continue;
      }
      bn++;
      bsum += v;
      bmin = Math.min(bmin, v);
      bmax = Math.max(bmax, v);
    }
    if (bn == 0) {
      return;
    }
    double bmean = bsum / bn;
    if (!Double.isFinite(bsum)) {
      // an infinite value: the mean is infinite (or NaN for +inf and -inf) and the spread undefined, as in numpy
      combine(bn, bmean, Double.NaN, bmin, bmax);
      addToSum(bsum);
      return;
    }
    double bm2 = 0;
    double bsum2 = 0;
    for (int i = 0; i < count; i++) {
      double v = values[i];
      if (v == v) {
        double d = v - bmean;
        bm2 += d * d;
        bsum2 += d;
      }
    }
    // correct the block mean with the residual sum of deviations (one refinement step)
    bmean += bsum2 / bn;
    combine(bn, bmean, bm2 - bsum2 * bsum2 / bn, bmin, bmax);
    addToSum(bsum);
  }

  private void addToSum(double v) {
    double t = sum + v;
    if (!Double.isFinite(t)) {
      sum = t;
      return;
    }
    if (Math.abs(sum) >= Math.abs(v)) {
      compensation += (sum - t) + v;
    } else {
      compensation += (v - t) + sum;
    }
    sum = t;
  }

  private void combine(long bn, double bmean, double bm2, double bmin, double bmax) {
    if (n == 0) {
      n = bn;
      mean = bmean;
      m2 = bm2;
    } else {
      long total = n + bn;
      double delta = bmean - mean;
      mean += delta * bn / total;
      m2 += bm2 + delta * delta * ((double) n * bn / total);
      n = total;
    }
    min = Math.min(min, bmin);
    max = Math.max(max, bmax);
  }

  void merge(Moments o) {
    nanCount += o.nanCount;
    if (o.n > 0) {
      combine(o.n, o.mean, o.m2, o.min, o.max);
      addToSum(o.sum);
      compensation += o.compensation;
    }
  }

  double sum() {
    return Double.isFinite(sum) ? sum + compensation : sum;
  }
}
