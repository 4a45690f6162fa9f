package dev.mlops.validation.internal.engine;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.RowView;
import dev.mlops.validation.Table;
import org.jspecify.annotations.Nullable;

/** A reusable {@link RowView} over one table, moved from row to row by setting {@link #row}. Thread-confined. */
public final class TableCursor implements RowView {
  private final Table table;
  /** The current row index. */
  public int row;

  /**
   * Creates a cursor at row 0.
   *
   * @param table the table
   */
  public TableCursor(Table table) {
    this.table = table;
  }

  private Column col(String name) {
    Column c = table.findColumn(name);
    if (c == null) {
      throw new InvalidInputException("no column '" + name + "'; the table has " + table.columnNames());
    }
    return c;
  }

  @Override
  public long index() {
    return row;
  }

  @Override
  public boolean isNull(String column) {
    return col(column).isNull(row);
  }

  @Override
  public double getDouble(String column) {
    return col(column).getDouble(row);
  }

  @Override
  public long getLong(String column) {
    return col(column).getLong(row);
  }

  @Override
  public @Nullable String getString(String column) {
    return col(column).getString(row);
  }

  @Override
  public @Nullable Object get(String column) {
    return col(column).get(row);
  }
}
