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
 * {@code isComplete}, {@code hasCompleteness}, {@code areComplete} and {@code areAnyComplete}: nulls are judged
 * (a null fails), honouring {@code nanAsNull} and {@code emptyAsNull}.
 */
final class CompletenessKernel extends RowKernel {
  private final boolean any;

  CompletenessKernel(Rule rule, boolean any) {
    super(rule);
    Params.columns(rule, 1, Integer.MAX_VALUE);
    this.any = any;
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return columnsProblem(schema);
  }

  @Override
  public RowTester bind(Table table) {
    Column[] cols = new Column[rule().columns().size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = table.column(rule().columns().get(i));
    }
    boolean nan = rule().nanAsNull();
    boolean empty = rule().emptyAsNull();
    if (cols.length == 1 && !(nan && cols[0].type() == ColumnType.DOUBLE)
        && !(empty && cols[0].type() == ColumnType.STRING)) {
      return nullBitmapTester(cols[0]);
    }
    return new RowTester() {
      @Override
      public int test(int row) {
        for (Column c : cols) {
          boolean isNull = c.isNull(row) || (nan && c.type() == ColumnType.DOUBLE && Double.isNaN(c.getDouble(row)))
              || (empty && c.type() == ColumnType.STRING && c.getString(row).isEmpty());
          if (any && !isNull) {
            return PASS;
          }
          if (!any && isNull) {
            return FAIL;
          }
        }
        return any ? FAIL : PASS;
      }

      @Override
      public @Nullable Comparable<?> offending(int row) {
        return null;
      }
    };
  }

  /** One column whose nulls are its null bitmap's: a block fails at its null rows, found without a call per row. */
  private static RowTester nullBitmapTester(Column c) {
    return new RowTester() {
      @Override
      public int test(int row) {
        return c.isNull(row) ? FAIL : PASS;
      }

      @Override
      public long judge(int from, int to, int[] failed) {
        int failures = 0;
        if (c.nullCount() > 0) {
          for (int r = from; r < to; r++) {
            if (c.isNull(r)) {
              failed[failures++] = r;
            }
          }
        }
        return (long) (to - from) << 32 | failures;
      }

      @Override
      public @Nullable Comparable<?> offending(int row) {
        return null;
      }
    };
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return any ? "every one of " + rule().columns() + " is null" : "null in " + rule().columns();
  }
}
