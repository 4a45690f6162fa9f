package dev.mlops.validation;

import org.jspecify.annotations.Nullable;

/**
 * A column of IEEE 754 doubles ({@link ColumnType#DOUBLE}) in one {@code double[]} with a null bitmap.
 *
 * <p>A null row reads as {@code NaN} through {@link #getDouble(int)}; {@code NaN} is also a value, so
 * {@link #isNull(int)} tells the two apart. Immutable and safe to share between threads.
 */
public final class DoubleColumn extends Column {
  /** The values; a null row's slot holds {@code NaN}, so {@link #getDouble(int)} needs no null test. */
  final double[] values;

  DoubleColumn(String name, int size, double[] values, long @Nullable [] nulls) {
    super(name, size, nulls);
    this.values = values;
  }

  DoubleColumn(String name, double[] values, long[] mutableNulls, boolean mutable) {
    super(name, mutableNulls);
    this.values = values;
    values[0] = Double.NaN;
  }

  @Override
  public ColumnType type() {
    return ColumnType.DOUBLE;
  }

  @Override
  public double getDouble(int row) {
    return values[row];
  }

  @Override
  public @Nullable Object get(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public DoubleColumn rename(String newName) {
    return new DoubleColumn(checkName(newName), size(), values, nulls);
  }

  @Override
  void copyValuesInto(Concat into, int at) {
    System.arraycopy(values, 0, into.doubles, at, size());
  }
}
