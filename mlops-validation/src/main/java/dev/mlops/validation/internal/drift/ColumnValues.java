package dev.mlops.validation.internal.drift;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.drift.NumericScale;
import org.jspecify.annotations.Nullable;

/**
 * Reads a table column as drift sees it: numbers with NaN for missing, or category names with null for
 * missing.
 *
 * <p>Stateless and thread-safe.
 */
public final class ColumnValues {
  private ColumnValues() {}

  /**
   * Returns the scale on which drift compares a column's numbers.
   *
   * @param column the column
   * @return the scale ({@code LONG}, {@code DOUBLE}, {@code DATE}, {@code TIMESTAMP}), or {@code null} for
   *     a column compared as categories ({@code STRING}, {@code BOOLEAN})
   */
  public static @Nullable NumericScale scaleOf(Column column) {
    return NumericScale.forType(column.type());
  }

  /**
   * Reads a numeric column on its scale: numbers as they are, dates as epoch days, timestamps as epoch
   * microseconds; nulls become NaN.
   *
   * @param column a {@code LONG}, {@code DOUBLE}, {@code DATE} or {@code TIMESTAMP} column
   * @return the values
   */
  public static double[] numbers(Column column) {
    boolean longBacked = column.type() == ColumnType.DATE || column.type() == ColumnType.TIMESTAMP;
    double[] v = new double[column.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = column.isNull(i) ? Double.NaN : longBacked ? column.getLong(i) : column.getDouble(i);
    }
    return v;
  }

  /**
   * Reads a categorical column as text; booleans become {@code "true"} and {@code "false"}.
   *
   * @param column a {@code STRING} or {@code BOOLEAN} column
   * @return the values, {@code null} for missing
   */
  public static @Nullable String[] categories(Column column) {
    @Nullable String[] v = new String[column.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = column.format(i);
    }
    return v;
  }

  /**
   * Keeps the finite values of a sample.
   *
   * @param values numbers with NaN or infinities for missing
   * @return the finite ones, in order
   */
  public static double[] finite(double[] values) {
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        n++;
      }
    }
    double[] out = new double[n];
    int i = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        out[i++] = v;
      }
    }
    return out;
  }

  /**
   * Turns numbers into category names as their scale prints them: integral values without a fraction
   * ({@code 3}), others as Java prints them, dates and timestamps in ISO-8601; NaN, infinities and numbers
   * the scale does not accept become {@code null} (missing).
   *
   * @param values the numbers
   * @param scale what the numbers stand for
   * @return the category names
   */
  public static @Nullable String[] asCategories(double[] values, NumericScale scale) {
    @Nullable String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (scale.accepts(v)) {
        out[i] = scale.format(v);
      }
    }
    return out;
  }
}
