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

/** {@code hasLength}: string length in Unicode code points within {@code [min, max]}. */
final class LengthKernel extends RowKernel {
  private final long min;
  private final long max;
  private final String shownRange;

  LengthKernel(Rule rule) {
    super(rule);
    Params.columns(rule, 1, 1);
    this.min = (long) Params.number(rule, "min");
    this.max = (long) Params.number(rule, "max");
    Params.bounds(min, max, rule);
    this.shownRange = NumberText.range(Params.number(rule, "min"), Params.number(rule, "max"));
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return columnsProblem(schema, ColumnType.STRING);
  }

  @Override
  public RowTester bind(Table table) {
    Column c = table.column(rule().columns().get(0));
    return new ColumnTester(c, rule()) {
      @Override
      protected boolean check(int row) {
        String s = column.getString(row);
        int n = s.codePointCount(0, s.length());
        return n >= min && n <= max;
      }
    };
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    String s = String.valueOf(value);
    return "'" + s + "' has length " + s.codePointCount(0, s.length()) + ", outside " + shownRange;
  }
}
