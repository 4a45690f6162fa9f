package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RowTester;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code isLessThan}, {@code isLessThanOrEqualTo}, {@code isGreaterThan}, {@code isGreaterThanOrEqualTo} between
 * two numeric columns, or two date or two timestamp columns. A row with a null on either side is skipped (fails
 * with {@code nullsFail}); NaN compares false, so it fails.
 */
final class ComparisonKernel extends RowKernel {
  /** The order a row's left value must have to its right value. */
  enum Order {
    LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

    final String symbol;

    Order(String symbol) {
      this.symbol = symbol;
    }

    boolean holds(double x, double y) {
      switch (this) {
        case LESS:
          return x < y;
        case LESS_OR_EQUAL:
          return x <= y;
        case GREATER:
          return x > y;
        default:
          return x >= y;
      }
    }

    boolean holds(long x, long y) {
      switch (this) {
        case LESS:
          return x < y;
        case LESS_OR_EQUAL:
          return x <= y;
        case GREATER:
          return x > y;
        default:
          return x >= y;
      }
    }
  }

  private final Order order;

  ComparisonKernel(Rule rule, Order order) {
    super(rule);
    Params.columns(rule, 2, 2);
    this.order = order;
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    String p = columnsProblem(schema, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.DATE, ColumnType.TIMESTAMP);
    if (p != null) {
      return p;
    }
    ColumnType a = schema.get(rule().columns().get(0));
    ColumnType b = schema.get(rule().columns().get(1));
    if (a.isNumeric() != b.isNumeric() || (!a.isNumeric() && a != b)) {
      return "cannot compare " + a + " column '" + rule().columns().get(0) + "' with " + b + " column '"
          + rule().columns().get(1) + "'";
    }
    return null;
  }

  @Override
  public RowTester bind(Table table) {
    Column a = table.column(rule().columns().get(0));
    Column b = table.column(rule().columns().get(1));
    boolean numeric = a.type().isNumeric();
    boolean nullsFail = rule().nullsFail();
    boolean nanAsNull = rule().nanAsNull();
    Order kind = order;
    return new RowTester() {
      @Override
      public int test(int row) {
        if (a.isNull(row) || b.isNull(row)) {
          return nullsFail ? FAIL : SKIP;
        }
        boolean ok;
        if (numeric) {
          double x = a.getDouble(row);
          double y = b.getDouble(row);
          if (nanAsNull && (Double.isNaN(x) || Double.isNaN(y))) {
            return nullsFail ? FAIL : SKIP;
          }
          ok = kind.holds(x, y);
        } else {
          long x = a.getLong(row);
          long y = b.getLong(row);
          ok = kind.holds(x, y);
        }
        return ok ? PASS : FAIL;
      }

      @Override
      public Comparable<?> offending(int row) {
        return a.name() + "=" + a.format(row) + ", " + b.name() + "=" + b.format(row);
      }
    };
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return "(" + value + ") breaks " + rule().columns().get(0) + " " + order.symbol + " " + rule().columns().get(1);
  }
}
