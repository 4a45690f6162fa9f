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
 * Approximate ({@code hasApproxQuantile}): up to {@value #EXACT_LIMIT} values the answer is exact, the value a KLL
 * sketch holding every item would give (the smallest item whose rank is at least {@code q n}), found by a radix
 * select ({@link DoubleBlocks}), which is cheaper than feeding a sketch; past that the values go into a KLL sketch
 * (k = 200), so memory stays bounded on any number of rows, whose normalized rank error {@code e} gives the
 * interval between the items at ranks {@code q - e} and {@code q + e}; a threshold inside that interval makes the
 * rule INCONCLUSIVE (an exact answer has error 0). A NaN makes the quantile NaN (fails) unless {@code nanAsNull}.
 */
final class QuantileKernel extends ThresholdKernel {
  static final int KLL_K = 200;
  /** The most values an approximate quantile keeps for an exact answer (128 MiB) before it turns to the sketch. */
  static final long EXACT_LIMIT = 1 << 24;
  private final boolean approximate;
  private final double q;
  private final long exactLimit;

  /** The {@code q} that asks for the interquartile range instead of one quantile. */
  static final double IQR = -1;

  QuantileKernel(Rule rule, boolean approximate, double q) {
    this(rule, approximate, q, EXACT_LIMIT);
  }

  /** As the main constructor, with the count of values past which an approximate quantile uses the sketch. */
  QuantileKernel(Rule rule, boolean approximate, double q, long exactLimit) {
    super(rule, 1);
    this.approximate = approximate;
    this.q = q;
    this.exactLimit = exactLimit;
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

  /**
   * The 0-based rank of the item KLL's INCLUSIVE search returns for {@code q} when the sketch holds all {@code n}
   * items: the first whose cumulative count reaches {@code q n}, where {@code q n} is first rounded to 7 decimals
   * for {@code n} up to 10^7, as the sketch does, so that a product such as {@code 0.14 * 150 =
   * 21.000000000000004} counts as 21.
   */
  static long exactRank(double q, long n) {
    double natural = q * n;
    if (n <= TAIL_ROUNDING) {
      natural = Math.round(natural * TAIL_ROUNDING) / TAIL_ROUNDING;
    }
    return Math.max(0, Math.min(n - 1, (long) Math.ceil(natural) - 1));
  }

  /** The sketch's rounding of natural ranks, applied while the count is at most this. */
  private static final double TAIL_ROUNDING = 1e7;

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
    /** The values of an approximate quantile while there are at most {@code exactLimit}; then null. */
    private @Nullable DoubleBlocks exact = approximate ? new DoubleBlocks() : null;
    /** The sketch of an approximate quantile past {@code exactLimit} values; null before. */
    private @Nullable KllDoublesSketch sketch;
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
      if (approximate) {
        // values go to the holder or the sketch a buffer at a time; NaN is counted apart, as a value
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
                keep(buf, k);
                k = 0;
              }
            }
          }
        }
        if (k > 0) {
          keep(buf, k);
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

    private void keep(double[] buf, int k) {
      n += k;
      if (exact != null) {
        exact.add(buf, 0, k);
        if (exact.size() > exactLimit) {
          toSketch();
        }
      } else {
        sketch.update(buf, 0, k);
      }
    }

    /** Moves the kept values into a new sketch, past {@code exactLimit}. */
    private void toSketch() {
      KllDoublesSketch s = KllDoublesSketch.newHeapInstance(KLL_K);
      exact.forEachRun((v, length) -> s.update(v, 0, length));
      sketch = s;
      exact = null;
    }

    @Override
    public void seal() {
      if (exact != null) {
        exact.countTopDigits();
      }
    }

    @Override
    public void merge(RuleState other) {
      QuantileState o = (QuantileState) other;
      nans += o.nans;
      if (approximate) {
        n += o.n;
        if (exact != null && o.exact != null && exact.size() + o.exact.size() <= exactLimit) {
          exact.addAll(o.exact);
          return;
        }
        if (exact != null) {
          toSketch();
        }
        if (o.exact != null) {
          o.toSketch();
        }
        sketch.merge(o.sketch);
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
      if (exact != null) {
        // the rank KLL's INCLUSIVE search picks among all items: the first whose cumulative count reaches q n
        double value = exact.select(exactRank(q, n));
        return Outcome.approxInRange(describe(), value, value, value, 0.0, min, max, elements);
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
