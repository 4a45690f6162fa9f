package dev.mlops.validation;

/**
 * The physical type of a {@link Column}.
 *
 * <p>Each type is stored as a primitive array: {@link #LONG}, {@link #DATE} (days since 1970-01-01) and
 * {@link #TIMESTAMP} (microseconds since 1970-01-01T00:00:00Z) in a {@code long[]}, {@link #DOUBLE} in a
 * {@code double[]}, {@link #BOOLEAN} in a {@code boolean[]} and {@link #STRING} in a {@code String[]}. Nulls
 * live in a separate bitmap in every type, so a null is never confused with {@code NaN} or an empty string.
 */
public enum ColumnType {
  /** 64-bit signed integers. */
  LONG,
  /** IEEE 754 doubles; {@code NaN} and infinities are values, not nulls. */
  DOUBLE,
  /** Text; the empty string is a value, not a null. */
  STRING,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** A calendar date without time zone, stored as its epoch day. */
  DATE,
  /** An instant on the UTC time line, stored as microseconds since the epoch. */
  TIMESTAMP;

  /**
   * Tells whether values of this type read as numbers through {@link Column#getDouble(int)}.
   *
   * @return {@code true} for {@link #LONG} and {@link #DOUBLE}
   */
  public boolean isNumeric() {
    return this == LONG || this == DOUBLE;
  }
}
