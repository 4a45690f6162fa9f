package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleState;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.jspecify.annotations.Nullable;

/**
 * {@code hasApproxCountDistinct}: a HyperLogLog sketch (lgK = 12, about 1.6% relative standard error); its
 * two-standard-deviation bounds (about 95%) decide: inside the thresholds PASSED, outside FAILED, straddling
 * INCONCLUSIVE. The reported error bound is half the bounds' width.
 */
final class ApproxDistinctKernel extends ThresholdKernel {
  static final int LG_K = 12;

  ApproxDistinctKernel(Rule rule) {
    super(rule, 1);
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    String c = rule.columns().get(0);
    return schema.containsKey(c) ? null : "column '" + c + "' does not exist; the table has " + schema.keySet();
  }

  @Override
  public RuleState newState() {
    return new HllState(rule);
  }

  /** Feeds one value of a column into a sketch, with the encodings exact counting uses. */
  static void feed(HllSketch sketch, Column c, int r) {
    switch (c.type()) {
      case STRING:
        sketch.update(c.getString(r));
        break;
      case DOUBLE: {
        double d = c.getDouble(r);
        sketch.update(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
        break;
      }
      case BOOLEAN:
        sketch.update(c.getBoolean(r) ? 1L : 0L);
        break;
      default:
        sketch.update(c.getLong(r));
    }
  }

  private final class HllState extends FilteredState {
    private HllSketch sketch = new HllSketch(LG_K);
    private long count;
    private @Nullable Column column;

    HllState(Rule r) {
      super(r);
    }

    @Override
    void bind(Table table) {
      column = table.column(rule.columns().get(0));
    }

    @Override
    void fold(int from, int to) {
      Column c = column;
      boolean nan = rule.nanAsNull() && c.type() == ColumnType.DOUBLE;
      boolean empty = rule.emptyAsNull() && c.type() == ColumnType.STRING;
      for (int r = from; r < to; r++) {
        if (c.isNull(r) || (nan && Double.isNaN(c.getDouble(r))) || (empty && c.getString(r).isEmpty())) {
          continue;
        }
        feed(sketch, c, r);
        count++;
      }
    }

    @Override
    public void merge(RuleState other) {
      HllState o = (HllState) other;
      Union u = new Union(LG_K);
      u.update(sketch);
      u.update(o.sketch);
      sketch = u.getResult();
      count += o.count;
    }

    @Override
    public Outcome finish() {
      if (count == 0) {
        return Outcome.noData("no non-null values in column '" + rule.columns().get(0) + "'");
      }
      double low = sketch.getLowerBound(2);
      double high = sketch.getUpperBound(2);
      return Outcome.approxInRange("approximate distinct count", sketch.getEstimate(), low, high,
          (high - low) / 2, min, max, count);
    }
  }
}
