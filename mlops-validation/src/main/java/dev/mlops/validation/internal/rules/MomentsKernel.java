package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleState;
import dev.mlops.validation.internal.engine.SharedScanKernel;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code hasMin}, {@code hasMax}, {@code hasMean}, {@code hasSum}, {@code hasStandardDeviation} (population),
 * {@code hasSampleStandardDeviation}, {@code hasVariance} (population) and {@code hasSampleVariance} on a numeric
 * column. Nulls are skipped; a NaN value makes the metric NaN (numpy's semantics), which fails, unless
 * {@code nanAsNull}. Rules on the same column with the same filter share one scan (one {@link Moments} state).
 */
final class MomentsKernel extends ThresholdKernel implements SharedScanKernel {

  MomentsKernel(Rule rule) {
    super(rule, 1);
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return numericProblem(schema);
  }

  @Override
  public RuleState newState() {
    return new MomentsState(rule);
  }

  @Override
  public Object scanKey() {
    return Arrays.asList("moments", rule.columns().get(0), rule.where());
  }

  @Override
  public Outcome finish(RuleState scan) {
    return judge(((MomentsState) scan).moments);
  }

  /** Copies accepted non-null values into a block buffer and folds blocks into {@link Moments}. */
  private final class MomentsState extends FilteredState {
    private final Moments moments = new Moments();
    private final double[] block = new double[4096];
    private @Nullable Column column;

    MomentsState(Rule r) {
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
      int k = 0;
      for (int r = from; r < to; r++) {
        if (noNulls || !c.isNull(r)) {
          block[k++] = c.getDouble(r);
          if (k == block.length) {
            flush(k);
            k = 0;
          }
        }
      }
      flush(k);
    }

    private void flush(int k) {
      if (k > 0) {
        moments.addBlock(block, k);
      }
    }

    @Override
    public void merge(RuleState other) {
      moments.merge(((MomentsState) other).moments);
    }

    @Override
    public Outcome finish() {
      return judge(moments);
    }
  }

  /** Judges the moments of this kernel's column (folded by it or by a kernel sharing its scan). */
  private Outcome judge(Moments m) {
    if (m.n == 0 && (m.nanCount == 0 || rule.nanAsNull())) {
      return Outcome.noData("no non-null values in column '" + rule.columns().get(0) + "'");
    }
    boolean nan = m.nanCount > 0 && !rule.nanAsNull();
    long elements = m.n + (rule.nanAsNull() ? 0 : m.nanCount);
    String name;
    double value;
    switch (rule.type()) {
      case "hasMin":
        name = "minimum";
        value = m.min;
        break;
      case "hasMax":
        name = "maximum";
        value = m.max;
        break;
      case "hasMean":
        name = "mean";
        value = m.mean;
        break;
      case "hasSum":
        name = "sum";
        value = m.sum();
        break;
      case "hasStandardDeviation":
        name = "population standard deviation";
        value = Math.sqrt(Math.max(0, m.m2) / m.n);
        break;
      case "hasSampleStandardDeviation":
        name = "sample standard deviation";
        value = m.n < 2 ? Double.NaN : Math.sqrt(Math.max(0, m.m2) / (m.n - 1));
        break;
      case "hasVariance":
        name = "population variance";
        value = Math.max(0, m.m2) / m.n;
        break;
      default:
        name = "sample variance";
        value = m.n < 2 ? Double.NaN : Math.max(0, m.m2) / (m.n - 1);
    }
    if (m.n == 0) {
      value = Double.NaN;
    }
    return Outcome.inRange(name, nan ? Double.NaN : value, min, max, elements);
  }
}
