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

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return any ? "every one of " + rule().columns() + " is null" : "null in " + rule().columns();
  }
}
