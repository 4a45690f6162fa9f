package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One immutable, typed column of a {@link Table}: a primitive array plus a null bitmap.
 *
 * <p>A column is one of four storage kinds, each a final subtype: {@link LongColumn} ({@link ColumnType#LONG},
 * {@link ColumnType#DATE} as epoch days, {@link ColumnType#TIMESTAMP} as epoch microseconds),
 * {@link DoubleColumn}, {@link StringColumn} and {@link BooleanColumn}. Test for a kind with {@code instanceof}
 * when you need it, or read values by row index with the accessor that matches {@link #type()}:
 * {@link #getLong(int)}, {@link #getDouble(int)} (for {@code DOUBLE} and, widened, for {@code LONG}),
 * {@link #getString(int)} and {@link #getBoolean(int)}; an accessor that does not match the type throws
 * {@link IllegalStateException}.
 *
 * <p>Nulls: a null row is never read as a value. {@link #getDouble(int)} returns {@code NaN} for a null row
 * and {@link #getString(int)} returns {@code null}; {@link #getLong(int)} and {@link #getBoolean(int)} have no
 * value to spare and throw {@link IllegalStateException} for a null row, so test {@link #isNull(int)} first or
 * say what a null should read as with {@link #getLong(int, long)} and {@link #getBoolean(int, boolean)}.
 * Because {@code NaN} is also a value of a {@code DOUBLE} column, {@link #isNull(int)} is the one test for a
 * null, and it is {@code false} for a stored {@code NaN}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public abstract sealed class Column permits LongColumn, DoubleColumn, StringColumn, BooleanColumn {
  private final String name;
  private final int size;
  /** Bit {@code i} set means row {@code i} is null; {@code null} when the column has no null. */
  final long @Nullable [] nulls;
  private final int nullCount;

  Column(String name, int size, long @Nullable [] nulls) {
    this.name = name;
    this.size = size;
    int count = 0;
    if (nulls != null) {
      for (long word : nulls) {
        count += Long.bitCount(word);
      }
    }
    this.nulls = count == 0 ? null : nulls;
    this.nullCount = count;
  }

  /** A one-row column whose null bit the {@link RowValidator} rewrites; keeps the bitmap even when clear. */
  Column(String name, long[] mutableNulls) {
    this.name = name;
    this.size = 1;
    this.nulls = mutableNulls;
    this.nullCount = 1;
  }

  /**
   * Starts a builder for a column of the given name and type.
   *
   * @param name the column name (any text, spaces allowed; not empty)
   * @param type the column type
   * @return a new builder, not thread-safe
   * @throws InvalidInputException if the name is empty
   */
  public static Builder builder(String name, ColumnType type) {
    return new Builder(name, type, 16);
  }

  /**
   * Starts a builder with room for {@code capacity} rows (it still grows past it).
   *
   * @param name the column name
   * @param type the column type
   * @param capacity the expected row count
   * @return a new builder, not thread-safe
   * @throws InvalidInputException if the name is empty
   */
  public static Builder builder(String name, ColumnType type, int capacity) {
    return new Builder(name, type, capacity);
  }

  /**
   * Creates a {@code LONG} column without nulls.
   *
   * @param name the column name
   * @param values the values, copied
   * @return the column
   */
  public static LongColumn ofLongs(String name, long... values) {
    return new LongColumn(checkName(name), ColumnType.LONG, values.length, values.clone(), null);
  }

  /**
   * Creates a {@code DOUBLE} column without nulls ({@code NaN} stays a value).
   *
   * @param name the column name
   * @param values the values, copied
   * @return the column
   */
  public static DoubleColumn ofDoubles(String name, double... values) {
    return new DoubleColumn(checkName(name), values.length, values.clone(), null);
  }

  /**
   * Creates a {@code STRING} column; a {@code null} element becomes a null row.
   *
   * @param name the column name
   * @param values the values, copied
   * @return the column
   */
  public static StringColumn ofStrings(String name, @Nullable String... values) {
    Builder b = new Builder(name, ColumnType.STRING, values.length);
    for (String v : values) {
      b.addString(v);
    }
    return (StringColumn) b.build();
  }

  /**
   * Returns the column name.
   *
   * @return the name
   */
  public final String name() {
    return name;
  }

  /**
   * Returns the column type.
   *
   * @return the type
   */
  public abstract ColumnType type();

  /**
   * Returns the number of rows.
   *
   * @return the row count
   */
  public final int size() {
    return size;
  }

  /**
   * Returns the number of null rows.
   *
   * @return the null count
   */
  public final int nullCount() {
    return nullCount;
  }

  /**
   * Tells whether a row is null.
   *
   * @param row the row index
   * @return {@code true} if the row holds no value
   */
  public final boolean isNull(int row) {
    long[] n = nulls;
    return n != null && (n[row >>> 6] & (1L << row)) != 0;
  }

  /**
   * Reads a {@code LONG}, {@code DATE} (epoch day) or {@code TIMESTAMP} (epoch microseconds) value.
   *
   * @param row the row index
   * @return the value
   * @throws IllegalStateException if the column is not a {@link LongColumn}, or if the row is null (test
   *     {@link #isNull(int)} first, or use {@link #getLong(int, long)})
   */
  public long getLong(int row) {
    throw wrongType("a long-backed column");
  }

  /**
   * Reads a {@code LONG}, {@code DATE} (epoch day) or {@code TIMESTAMP} (epoch microseconds) value, or the
   * given value for a null row.
   *
   * @param row the row index
   * @param ifNull what a null row reads as
   * @return the value, or {@code ifNull} for a null row
   * @throws IllegalStateException if the column is not a {@link LongColumn}
   */
  public long getLong(int row, long ifNull) {
    throw wrongType("a long-backed column");
  }

  /**
   * Reads a {@code DOUBLE} value, or a {@code LONG} value widened to double.
   *
   * @param row the row index
   * @return the value; {@code NaN} for a null row (never a number)
   * @throws IllegalStateException if the column is neither {@code DOUBLE} nor {@code LONG}
   */
  public double getDouble(int row) {
    throw wrongType("numeric");
  }

  /**
   * Reads a {@code STRING} value.
   *
   * @param row the row index
   * @return the value, {@code null} for a null row
   * @throws IllegalStateException if the column is not {@code STRING}
   */
  public @Nullable String getString(int row) {
    throw wrongType("STRING");
  }

  /**
   * Reads a {@code BOOLEAN} value.
   *
   * @param row the row index
   * @return the value
   * @throws IllegalStateException if the column is not {@code BOOLEAN}, or if the row is null (test
   *     {@link #isNull(int)} first, or use {@link #getBoolean(int, boolean)})
   */
  public boolean getBoolean(int row) {
    throw wrongType("BOOLEAN");
  }

  /**
   * Reads a {@code BOOLEAN} value, or the given value for a null row.
   *
   * @param row the row index
   * @param ifNull what a null row reads as
   * @return the value, or {@code ifNull} for a null row
   * @throws IllegalStateException if the column is not {@code BOOLEAN}
   */
  public boolean getBoolean(int row, boolean ifNull) {
    throw wrongType("BOOLEAN");
  }

  /**
   * Reads any value boxed: {@link Long}, {@link Double}, {@link String}, {@link Boolean}, {@link LocalDate}
   * or {@link Instant}; meant for messages and tests, not inner loops.
   *
   * @param row the row index
   * @return the value or {@code null}
   */
  public abstract @Nullable Object get(int row);

  /**
   * Formats a value the way results and JSON show it (dates and timestamps in ISO-8601).
   *
   * @param row the row index
   * @return the text, or {@code null} for a null row
   */
  public @Nullable String format(int row) {
    Object v = get(row);
    return v == null ? null : v.toString();
  }

  /**
   * Returns a column holding the given rows, in that order.
   *
   * @param rows row indexes into this column
   * @return a new column of the same kind
   */
  public Column select(int[] rows) {
    Builder b = new Builder(name, type(), rows.length);
    for (int r : rows) {
      b.copyFrom(this, r);
    }
    return b.build();
  }

  /**
   * Returns the same values under another name.
   *
   * @param newName the new name
   * @return a column sharing this column's arrays
   */
  public abstract Column rename(String newName);

  /** Appends this column's rows {@code [0, size)} to a concatenation starting at row {@code at}. */
  abstract void copyValuesInto(Concat into, int at);

  /**
   * Concatenates columns of one name and type with bulk array copies.
   *
   * @param parts the columns, at least one, all of the same type
   * @return a new column
   */
  static Column concat(List<Column> parts) {
    Column first = parts.get(0);
    int total = 0;
    boolean anyNull = false;
    for (Column c : parts) {
      total += c.size;
      anyNull |= c.nulls != null;
    }
    if (first instanceof StringColumn) {
      return StringColumn.concatStrings(parts, total, anyNull ? concatNulls(parts, total) : null);
    }
    Concat into = new Concat(first.type(), total);
    int at = 0;
    for (Column c : parts) {
      c.copyValuesInto(into, at);
      at += c.size;
    }
    return into.build(first.name, anyNull ? concatNulls(parts, total) : null);
  }

  /** The primitive arrays of a concatenation being assembled. */
  static final class Concat {
    final ColumnType type;
    final long @Nullable [] longs;
    final double @Nullable [] doubles;
    final boolean @Nullable [] booleans;

    Concat(ColumnType type, int total) {
      this.type = type;
      this.longs = type == ColumnType.DOUBLE || type == ColumnType.BOOLEAN ? null : new long[total];
      this.doubles = type == ColumnType.DOUBLE ? new double[total] : null;
      this.booleans = type == ColumnType.BOOLEAN ? new boolean[total] : null;
    }

    Column build(String name, long @Nullable [] nulls) {
      if (doubles != null) {
        return new DoubleColumn(name, doubles.length, doubles, nulls);
      }
      if (booleans != null) {
        return new BooleanColumn(name, booleans.length, booleans, nulls);
      }
      return new LongColumn(name, type, longs.length, longs, nulls);
    }
  }

  private static long[] concatNulls(List<Column> parts, int total) {
    long[] ns = new long[(total + 63) >>> 6];
    int at = 0;
    for (Column c : parts) {
      long[] n = c.nulls;
      if (n != null) {
        for (int w = 0; w < n.length; w++) {
          long word = n[w];
          while (word != 0) {
            int row = at + (w << 6) + Long.numberOfTrailingZeros(word);
            ns[row >>> 6] |= 1L << row;
            word &= word - 1;
          }
        }
      }
      at += c.size;
    }
    return ns;
  }

  /**
   * Creates a one-row column whose value the {@link RowValidator} rewrites in place; such columns never leave
   * the validator's {@link RowValidator.Row}, so every column a user can reach stays immutable.
   */
  static Column mutableSingleRow(String name, ColumnType type) {
    long[] nulls = {1L};
    switch (type) {
      case DOUBLE:
        return new DoubleColumn(name, new double[1], nulls, true);
      case STRING:
        return new StringColumn(name, new String[1], nulls, true);
      case BOOLEAN:
        return new BooleanColumn(name, new boolean[1], nulls, true);
      default:
        return new LongColumn(name, type, new long[1], nulls, true);
    }
  }

  /** Sets the null bit of row 0 of a {@link #mutableSingleRow} column. */
  final void setNullFlag(boolean isNull) {
    nulls[0] = isNull ? 1L : 0L;
    if (isNull && this instanceof DoubleColumn) {
      ((DoubleColumn) this).values[0] = Double.NaN;
    }
  }

  /** Writes row 0 of a {@link #mutableSingleRow} long-backed column. */
  final void setLongValue(long value) {
    ((LongColumn) this).values[0] = value;
    nulls[0] = 0L;
  }

  /** Writes row 0 of a {@link #mutableSingleRow} double column. */
  final void setDoubleValue(double value) {
    ((DoubleColumn) this).values[0] = value;
    nulls[0] = 0L;
  }

  /** Writes row 0 of a {@link #mutableSingleRow} string column. */
  final void setStringValue(String value) {
    ((StringColumn) this).setSingleValue(value);
    nulls[0] = 0L;
  }

  /** Writes row 0 of a {@link #mutableSingleRow} boolean column. */
  final void setBooleanValue(boolean value) {
    ((BooleanColumn) this).values[0] = value;
    nulls[0] = 0L;
  }

  static Instant microsToInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new InvalidInputException("column name must not be empty");
    }
    return name;
  }

  /** The error of a primitive accessor that has no value to return for a null row. */
  final IllegalStateException nullRow(int row, String accessor, String fallback) {
    return new IllegalStateException("column '" + name + "' is null at row " + row + ", and " + accessor
        + "(int) has no value for a null; test isNull(" + row + ") first, or call " + accessor + "(" + row + ", "
        + fallback + ") to say what a null reads as");
  }

  final IllegalStateException wrongType(String wanted) {
    return new IllegalStateException("column '" + name + "' is " + type() + ", not " + wanted);
  }

  @Override
  public String toString() {
    return "Column[" + name + ": " + type() + ", " + size + " rows, " + nullCount + " nulls]";
  }

  /**
   * Accumulates the values of one column; a builder is used by one thread at a time and is spent by
   * {@link #build()}.
   */
  public static final class Builder {
    private final String name;
    private final ColumnType type;
    private int size;
    private long[] longs;
    private double[] doubles;
    private @Nullable String[] strings;
    private boolean[] booleans;
    private long[] nulls;
    private boolean hasNull;

    Builder(String name, ColumnType type, int capacity) {
      this.name = checkName(name);
      this.type = Objects.requireNonNull(type, "type");
      int cap = Math.max(capacity, 4);
      switch (type) {
        case DOUBLE:
          doubles = new double[cap];
          break;
        case STRING:
          strings = new String[cap];
          break;
        case BOOLEAN:
          booleans = new boolean[cap];
          break;
        default:
          longs = new long[cap];
      }
      nulls = new long[(cap + 63) >>> 6];
    }

    private void grow() {
      int cap = capacity();
      if (size < cap) {
        return;
      }
      int next = Math.max(cap * 2, 16);
      if (longs != null) {
        longs = Arrays.copyOf(longs, next);
      }
      if (doubles != null) {
        doubles = Arrays.copyOf(doubles, next);
      }
      if (strings != null) {
        strings = Arrays.copyOf(strings, next);
      }
      if (booleans != null) {
        booleans = Arrays.copyOf(booleans, next);
      }
      nulls = Arrays.copyOf(nulls, (next + 63) >>> 6);
    }

    private int capacity() {
      if (longs != null) {
        return longs.length;
      }
      if (doubles != null) {
        return doubles.length;
      }
      return strings != null ? strings.length : booleans.length;
    }

    /**
     * Returns the column type being built.
     *
     * @return the type
     */
    public ColumnType type() {
      return type;
    }

    /**
     * Returns the number of rows added so far.
     *
     * @return the size
     */
    public int size() {
      return size;
    }

    /**
     * Appends a null row.
     *
     * @return this builder
     */
    public Builder addNull() {
      grow();
      if (doubles != null) {
        doubles[size] = Double.NaN;
      }
      nulls[size >>> 6] |= 1L << size;
      hasNull = true;
      size++;
      return this;
    }

    /**
     * Appends a long-backed value ({@code LONG}, {@code DATE} epoch day, {@code TIMESTAMP} epoch micros), or a
     * long widened into a {@code DOUBLE} column.
     *
     * @param value the value
     * @return this builder
     * @throws IllegalStateException if the column is neither long-backed nor {@code DOUBLE}
     */
    public Builder addLong(long value) {
      grow();
      if (longs != null) {
        longs[size++] = value;
      } else if (doubles != null) {
        doubles[size++] = value;
      } else {
        throw new IllegalStateException("column '" + name + "' is " + type + ", cannot add a long");
      }
      return this;
    }

    /**
     * Appends a double to a {@code DOUBLE} column ({@code NaN} is a value).
     *
     * @param value the value
     * @return this builder
     * @throws IllegalStateException if the column is not {@code DOUBLE}
     */
    public Builder addDouble(double value) {
      if (doubles == null) {
        throw new IllegalStateException("column '" + name + "' is " + type + ", cannot add a double");
      }
      grow();
      doubles[size++] = value;
      return this;
    }

    /**
     * Appends a string to a {@code STRING} column; {@code null} appends a null row.
     *
     * @param value the value
     * @return this builder
     * @throws IllegalStateException if the column is not {@code STRING}
     */
    public Builder addString(@Nullable String value) {
      if (strings == null) {
        throw new IllegalStateException("column '" + name + "' is " + type + ", cannot add a string");
      }
      if (value == null) {
        return addNull();
      }
      grow();
      strings[size++] = value;
      return this;
    }

    /**
     * Appends a boolean to a {@code BOOLEAN} column.
     *
     * @param value the value
     * @return this builder
     * @throws IllegalStateException if the column is not {@code BOOLEAN}
     */
    public Builder addBoolean(boolean value) {
      if (booleans == null) {
        throw new IllegalStateException("column '" + name + "' is " + type + ", cannot add a boolean");
      }
      grow();
      booleans[size++] = value;
      return this;
    }

    /**
     * Appends a boxed value converted to this column's type: numbers, strings, booleans, {@link LocalDate},
     * {@link Instant}, or {@code null}.
     *
     * @param value the value
     * @return this builder
     * @throws InvalidInputException if the value does not fit the column type
     */
    public Builder add(@Nullable Object value) {
      if (value == null) {
        return addNull();
      }
      switch (type) {
        case LONG:
          if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return addLong(((Number) value).longValue());
          }
          break;
        case DOUBLE:
          if (value instanceof Number) {
            return addDouble(((Number) value).doubleValue());
          }
          break;
        case STRING:
          return addString(value.toString());
        case BOOLEAN:
          if (value instanceof Boolean) {
            return addBoolean((Boolean) value);
          }
          break;
        case DATE:
          if (value instanceof LocalDate) {
            return addLong(((LocalDate) value).toEpochDay());
          }
          break;
        default:
          if (value instanceof Instant) {
            Instant i = (Instant) value;
            return addLong(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000));
          }
      }
      throw new InvalidInputException("column '" + name + "' of type " + type + " cannot hold "
          + value.getClass().getSimpleName() + " value '" + value + "' at row " + size);
    }

    /**
     * Appends row {@code row} of another column of the same type.
     *
     * @param source the source column
     * @param row the row to copy
     * @return this builder
     * @throws IllegalStateException if the types differ
     */
    public Builder copyFrom(Column source, int row) {
      if (source.type() != type) {
        throw new IllegalStateException("cannot copy " + source.type() + " into " + type);
      }
      if (source.isNull(row)) {
        return addNull();
      }
      switch (type) {
        case DOUBLE:
          return addDouble(source.getDouble(row));
        case STRING:
          return addString(source.getString(row));
        case BOOLEAN:
          return addBoolean(source.getBoolean(row));
        default:
          return addLong(source.getLong(row));
      }
    }

    /**
     * Builds the column; the builder must not be used afterwards.
     *
     * @return the column
     */
    public Column build() {
      int n = size;
      long[] ns = hasNull ? nulls : null;
      if (doubles != null) {
        return new DoubleColumn(name, n, doubles.length == n ? doubles : Arrays.copyOf(doubles, n), ns);
      }
      if (strings != null) {
        return new StringColumn(name, n, strings.length == n ? strings : Arrays.copyOf(strings, n), ns);
      }
      if (booleans != null) {
        return new BooleanColumn(name, n, booleans.length == n ? booleans : Arrays.copyOf(booleans, n), ns);
      }
      return new LongColumn(name, type, n, longs.length == n ? longs : Arrays.copyOf(longs, n), ns);
    }
  }
}
