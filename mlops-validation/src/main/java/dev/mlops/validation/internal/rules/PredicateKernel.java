package dev.mlops.validation.internal.rules;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RowView;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RowTester;
import dev.mlops.validation.internal.engine.TableCursor;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A rule judged by a Java predicate over a {@link RowView}: a lambda ({@code satisfies}) or a custom rule from a
 * provider. A predicate that throws fails its row, and the exception's message becomes the sample.
 */
final class PredicateKernel extends RowKernel {
  private final Predicate<RowView> predicate;
  private final String name;

  PredicateKernel(Rule rule, Predicate<RowView> predicate, String name) {
    super(rule);
    this.predicate = predicate;
    this.name = name;
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return columnsProblem(schema);
  }

  @Override
  public RowTester bind(Table table) {
    TableCursor cursor = new TableCursor(table);
    return new RowTester() {
      private @Nullable String lastError;

      @Override
      public int test(int row) {
        cursor.row = row;
        try {
          lastError = null;
          return predicate.test(cursor) ? PASS : FAIL;
        } catch (RuntimeException e) {
          lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
          return FAIL;
        }
      }

      @Override
      public Comparable<?> offending(int row) {
        // judge the row again: rows may have been judged in a block, and the error is this row's
        test(row);
        return lastError != null ? lastError : "row " + row;
      }
    };
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return name + " is false for " + value;
  }
}
