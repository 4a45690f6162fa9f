package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.DoubleColumn;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.ColumnTester;
import dev.mlops.validation.internal.engine.NumberText;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RowTester;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code isBetween}, {@code isNonNegative} and {@code isPositive} on numeric columns; every comparison with NaN is
 * false, so a NaN value fails (unless {@code nanAsNull}).
 */
final class RangeKernel extends RowKernel {
  private final double min;
  private final double max;
  private final boolean minInclusive;
  private final boolean maxInclusive;

  RangeKernel(Rule rule, double min, double max, boolean minInclusive, boolean maxInclusive) {
    super(rule);
    Params.columns(rule, 1, 1);
    Params.bounds(min, max, rule);
    this.min = min;
    this.max = max;
    this.minInclusive = minInclusive;
    this.maxInclusive = maxInclusive;
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return columnsProblem(schema, ColumnType.LONG, ColumnType.DOUBLE);
  }

  @Override
  public RowTester bind(Table table) {
    Column c = table.column(rule().columns().get(0));
    double lo = min;
    double hi = max;
    boolean loIn = minInclusive;
    boolean hiIn = maxInclusive;
    if (c instanceof DoubleColumn) {
      DoubleColumn d = (DoubleColumn) c;
      return new ColumnTester(c, rule()) {
        @Override
        protected boolean check(int row) {
          double v = d.getDouble(row);
          return (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi);
        }

        /**
         * One loop with the comparison inlined and no null test per row: a null slot reads NaN, which fails every
         * comparison, so only failing rows are asked whether they are null (or NaN under {@code nanAsNull}).
         */
        @Override
        public long judge(int from, int to, int[] failed) {
          int failures = 0;
          int skipped = 0;
          boolean nullsFail = nullsFail();
          for (int r = from; r < to; r++) {
            double v = d.getDouble(r);
            if (!((loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi))) {
              if (nullsFail || !isNull(r)) {
                failed[failures++] = r;
              } else {
                skipped++;
              }
            }
          }
          return (long) (to - from - skipped) << 32 | failures;
        }
      };
    }
    return new ColumnTester(c, rule()) {
      @Override
      protected boolean check(int row) {
        double v = column.getDouble(row);
        return (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi);
      }
    };
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return value + " is outside " + (minInclusive ? "[" : "(") + NumberText.bound(min) + ", " + NumberText.bound(max)
        + (maxInclusive ? "]" : ")");
  }
}
