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

  /** The statistic a moments rule judges. */
  enum Moment {
    MIN("minimum"), MAX("maximum"), MEAN("mean"), SUM("sum"), POPULATION_STANDARD_DEVIATION(
        "population standard deviation"), SAMPLE_STANDARD_DEVIATION("sample standard deviation"),
    POPULATION_VARIANCE("population variance"), SAMPLE_VARIANCE("sample variance");

    final String label;

    Moment(String label) {
      this.label = label;
    }

    double of(Moments m) {
      switch (this) {
        case MIN:
          return m.min;
        case MAX:
          return m.max;
        case MEAN:
          return m.mean;
        case SUM:
          return m.sum();
        case POPULATION_STANDARD_DEVIATION:
          return Math.sqrt(Math.max(0, m.m2) / m.n);
        case SAMPLE_STANDARD_DEVIATION:
          return m.n < 2 ? Double.NaN : Math.sqrt(Math.max(0, m.m2) / (m.n - 1));
        case POPULATION_VARIANCE:
          return Math.max(0, m.m2) / m.n;
        default:
          return m.n < 2 ? Double.NaN : Math.max(0, m.m2) / (m.n - 1);
      }
    }
  }

  private final Moment moment;

  MomentsKernel(Rule rule, Moment moment) {
    super(rule, 1);
    this.moment = moment;
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
    String name = moment.label;
    double value = moment.of(m);
    if (m.n == 0) {
      value = Double.NaN;
    }
    return Outcome.inRange(name, nan ? Double.NaN : value, min, max, elements);
  }
}
