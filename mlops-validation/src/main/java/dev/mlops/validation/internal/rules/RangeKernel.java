package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
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
