package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleState;
import java.util.Arrays;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.jspecify.annotations.Nullable;

/**
 * Quantile rules. Exact ({@code hasQuantile}, {@code hasMedian}, {@code hasIqr}): every non-null value is kept,
 * sorted at the end and interpolated linearly between closest ranks (numpy's default {@code linear} method).
 * Approximate ({@code hasApproxQuantile}): a KLL sketch (k = 200) whose normalized rank error {@code e} gives the
 * interval between the items at ranks {@code q - e} and {@code q + e}; a threshold inside that interval makes the
 * rule INCONCLUSIVE. A NaN makes the quantile NaN (fails) unless {@code nanAsNull}.
 */
final class QuantileKernel extends ThresholdKernel {
  static final int KLL_K = 200;
  private final boolean approximate;
  private final double q;

  /** The {@code q} that asks for the interquartile range instead of one quantile. */
  static final double IQR = -1;

  QuantileKernel(Rule rule, boolean approximate, double q) {
    super(rule, 1);
    this.approximate = approximate;
    this.q = q;
    if (q != IQR && !(q >= 0 && q <= 1)) {
      throw new dev.mlops.core.InvalidInputException("quantile must be in [0, 1], got " + q);
    }
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return numericProblem(schema);
  }

  @Override
  public RuleState newState() {
    return new QuantileState(rule);
  }

  /** numpy's linear interpolation on sorted values. */
  static double quantile(double[] sorted, int n, double p) {
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private final class QuantileState extends FilteredState {
    private double[] values = approximate ? new double[0] : new double[1024];
    private int n;
    private long nans;
    private final @Nullable KllDoublesSketch sketch = approximate ? KllDoublesSketch.newHeapInstance(KLL_K) : null;
    private final double[] block = approximate ? new double[4096] : new double[0];
    private @Nullable Column column;

    QuantileState(Rule r) {
      super(r);
    }

    @Override
    void bind(Table table) {
      column = table.column(rule.columns().get(0));
    }

    @Override
    void fold(int from, int to) {
      Column c = column;
      boolean noNulls = c.nullCount() == 0;
      if (sketch != null) {
        // the sketch's array update amortises its per-item bookkeeping; NaN is counted apart, as a value
        double[] buf = block;
        int k = 0;
        for (int r = from; r < to; r++) {
          if (noNulls || !c.isNull(r)) {
            double v = c.getDouble(r);
            if (v != v) {
              nans++;
            } else {
              buf[k++] = v;
              if (k == buf.length) {
                sketch.update(buf, 0, k);
                n += k;
                k = 0;
              }
            }
          }
        }
        if (k > 0) {
          sketch.update(buf, 0, k);
          n += k;
        }
        return;
      }
      for (int r = from; r < to; r++) {
        if (!noNulls && c.isNull(r)) {
          continue;
        }
        double v = c.getDouble(r);
        if (v != v) {
          nans++;
        } else {
          if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
          }
          values[n++] = v;
        }
      }
    }

    @Override
    public void merge(RuleState other) {
      QuantileState o = (QuantileState) other;
      nans += o.nans;
      if (sketch != null) {
        sketch.merge(o.sketch);
        n += o.n;
        return;
      }
      if (n + o.n > values.length) {
        values = Arrays.copyOf(values, Math.max(n + o.n, values.length * 2));
      }
      System.arraycopy(o.values, 0, values, n, o.n);
      n += o.n;
    }

    @Override
    public Outcome finish() {
      boolean nan = nans > 0 && !rule.nanAsNull();
      if (n == 0 && !nan) {
        return Outcome.noData("no non-null values in column '" + rule.columns().get(0) + "'");
      }
      long elements = n + (rule.nanAsNull() ? 0 : nans);
      if (nan) {
        return Outcome.inRange(describe(), Double.NaN, min, max, elements);
      }
      if (sketch != null) {
        double eps = sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0.0;
        QuantileSearchCriteria inc = QuantileSearchCriteria.INCLUSIVE;
        double est = sketch.getQuantile(q, inc);
        double low = sketch.getQuantile(Math.max(0.0, q - eps), inc);
        double high = sketch.getQuantile(Math.min(1.0, q + eps), inc);
        return Outcome.approxInRange(describe(), est, low, high, eps, min, max, elements);
      }
      double[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      double value = q == IQR ? quantile(sorted, n, 0.75) - quantile(sorted, n, 0.25) : quantile(sorted, n, q);
      return Outcome.inRange(describe(), value, min, max, elements);
    }

    private String describe() {
      if (q == IQR) {
        return "interquartile range";
      }
      return (approximate ? "approximate " : "") + (q == 0.5 ? "median" : "quantile " + q);
    }
  }
}
