package dev.mlops.validation;

import org.jspecify.annotations.Nullable;

/**
 * A column of booleans ({@link ColumnType#BOOLEAN}) in one {@code boolean[]} with a null bitmap.
 *
 * <p>{@link #getBoolean(int)} throws for a null row (a null is never read as {@code false});
 * {@link #getBoolean(int, boolean)} reads it as the value given.
 * Immutable and safe to share between threads.
 */
public final class BooleanColumn extends Column {
  final boolean[] values;

  BooleanColumn(String name, int size, boolean[] values, long @Nullable [] nulls) {
    super(name, size, nulls);
    this.values = values;
  }

  BooleanColumn(String name, boolean[] values, long[] mutableNulls, boolean mutable) {
    super(name, mutableNulls);
    this.values = values;
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public boolean getBoolean(int row) {
    if (isNull(row)) {
      throw nullRow(row, "getBoolean", "false");
    }
    return values[row];
  }

  @Override
  public boolean getBoolean(int row, boolean ifNull) {
    return isNull(row) ? ifNull : values[row];
  }

  @Override
  public @Nullable Object get(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public BooleanColumn rename(String newName) {
    return new BooleanColumn(checkName(newName), size(), values, nulls);
  }

  @Override
  void copyValuesInto(Concat into, int at) {
    System.arraycopy(values, 0, into.booleans, at, size());
  }
}
