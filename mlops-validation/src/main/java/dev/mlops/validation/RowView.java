package dev.mlops.validation;

import org.jspecify.annotations.Nullable;

/**
 * A read-only view of the current row, given to lambda and custom rules. It is a cursor: valid only during the
 * call that received it; do not keep it.
 */
public interface RowView {
  /**
   * Returns the row index in the table being validated (0 for a single record).
   *
   * @return the index
   */
  long index();

  /**
   * Tells whether a column's value is null in this row.
   *
   * @param column the column name
   * @return {@code true} if null
   * @throws dev.mlops.core.InvalidInputException if there is no such column
   */
  boolean isNull(String column);

  /**
   * Reads a numeric column ({@code LONG} widened, or {@code DOUBLE}).
   *
   * @param column the column name
   * @return the value; {@code NaN} when null (test {@link #isNull(String)} to tell a null from a stored NaN)
   * @throws dev.mlops.core.InvalidInputException if there is no such column
   * @throws IllegalStateException if the column is not numeric
   */
  double getDouble(String column);

  /**
   * Reads a long-backed column ({@code LONG}, {@code DATE} epoch day, {@code TIMESTAMP} epoch micros).
   *
   * @param column the column name
   * @return the value
   * @throws dev.mlops.core.InvalidInputException if there is no such column
   * @throws IllegalStateException if the column is not long-backed, or the value is null (test
   *     {@link #isNull(String)} first)
   */
  long getLong(String column);

  /**
   * Reads a {@code STRING} column.
   *
   * @param column the column name
   * @return the value or {@code null}
   * @throws dev.mlops.core.InvalidInputException if there is no such column
   * @throws IllegalStateException if the column is not a string column
   */
  @Nullable String getString(String column);

  /**
   * Reads any column boxed.
   *
   * @param column the column name
   * @return the value or {@code null}
   * @throws dev.mlops.core.InvalidInputException if there is no such column
   */
  @Nullable Object get(String column);
}
