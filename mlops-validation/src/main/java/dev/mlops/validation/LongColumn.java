package dev.mlops.validation;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A column of 64-bit integers: {@link ColumnType#LONG} values, {@link ColumnType#DATE} epoch days or
 * {@link ColumnType#TIMESTAMP} epoch microseconds, in one {@code long[]} with a null bitmap.
 *
 * <p>{@link #getDouble(int)} widens a {@code LONG} value and returns {@code NaN} for a null row; a
 * {@code DATE} or {@code TIMESTAMP} column is not numeric. {@link #getLong(int)} throws for a null row;
 * {@link #getLong(int, long)} reads it as the value given. Immutable and safe to share between threads.
 */
public final class LongColumn extends Column {
  private final ColumnType type;
  final long[] values;

  LongColumn(String name, ColumnType type, int size, long[] values, long @Nullable [] nulls) {
    super(name, size, nulls);
    this.type = type;
    this.values = values;
  }

  LongColumn(String name, ColumnType type, long[] values, long[] mutableNulls, boolean mutable) {
    super(name, mutableNulls);
    this.type = type;
    this.values = values;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public long getLong(int row) {
    if (isNull(row)) {
      throw nullRow(row, "getLong", "0");
    }
    return values[row];
  }

  @Override
  public long getLong(int row, long ifNull) {
    return isNull(row) ? ifNull : values[row];
  }

  @Override
  public double getDouble(int row) {
    if (type != ColumnType.LONG) {
      throw wrongType("numeric");
    }
    return isNull(row) ? Double.NaN : values[row];
  }

  @Override
  public @Nullable Object get(int row) {
    if (isNull(row)) {
      return null;
    }
    switch (type) {
      case DATE:
        return LocalDate.ofEpochDay(values[row]);
      case TIMESTAMP:
        return microsToInstant(values[row]);
      default:
        return values[row];
    }
  }

  @Override
  public LongColumn rename(String newName) {
    return new LongColumn(checkName(newName), type, size(), values, nulls);
  }

  @Override
  void copyValuesInto(Concat into, int at) {
    System.arraycopy(values, 0, into.longs, at, size());
  }
}
