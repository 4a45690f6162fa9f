package dev.mlops.validation.internal.drift;

import dev.mlops.validation.Column;
import org.jspecify.annotations.Nullable;

/**
 * Reads a table column as drift sees it: numbers with NaN for missing, or category names with null for
 * missing.
 *
 * <p>Stateless and thread-safe.
 */
public final class ColumnValues {
  /** How drift treats a column type. */
  public enum Kind {
    /** {@code LONG} and {@code DOUBLE}: compared as distributions on the real line. */
    NUMERIC,
    /** {@code STRING} and {@code BOOLEAN}: compared as category frequencies. */
    CATEGORICAL,
    /** {@code DATE} and {@code TIMESTAMP}: time moves on by design, so not compared. */
    SKIPPED
  }

  private ColumnValues() {}

  /**
   * Classifies a column.
   *
   * @param column the column
   * @return how drift treats it
   */
  public static Kind kindOf(Column column) {
    return switch (column.type()) {
      case LONG, DOUBLE -> Kind.NUMERIC;
      case STRING, BOOLEAN -> Kind.CATEGORICAL;
      default -> Kind.SKIPPED;
    };
  }

  /**
   * Reads a numeric column; nulls become NaN.
   *
   * @param column a {@code LONG} or {@code DOUBLE} column
   * @return the values
   */
  public static double[] numbers(Column column) {
    double[] v = new double[column.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = column.isNull(i) ? Double.NaN : column.getDouble(i);
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
   * Turns numbers into category names: integral values without a fraction ({@code 3}), others as Java
   * prints them; NaN and infinities become {@code null} (missing).
   *
   * @param values the numbers
   * @return the category names
   */
  public static @Nullable String[] asCategories(double[] values) {
    @Nullable String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isFinite(v)) {
        out[i] = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
      }
    }
    return out;
  }
}
