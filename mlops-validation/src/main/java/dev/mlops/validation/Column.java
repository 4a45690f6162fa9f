package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import dev.mlops.validation.internal.table.ColumnFactory;
import dev.mlops.validation.internal.table.Utf8Strings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One immutable, typed column of a {@link Table}: a primitive array plus a null bitmap.
 *
 * <p>Values are read by row index with the accessor that matches {@link #type()}: {@link #getLong(int)} for
 * {@link ColumnType#LONG}, {@link ColumnType#DATE} (epoch day) and {@link ColumnType#TIMESTAMP} (epoch
 * microseconds); {@link #getDouble(int)} for {@link ColumnType#DOUBLE} and, widened, for {@code LONG};
 * {@link #getString(int)} for {@link ColumnType#STRING}; {@link #getBoolean(int)} for
 * {@link ColumnType#BOOLEAN}. A null row reads as {@code 0}, {@code NaN}-free {@code 0.0}, {@code null} or
 * {@code false}; always ask {@link #isNull(int)} first. {@code NaN} is a value and {@link #isNull(int)} is
 * {@code false} for it.
 *
 * <p>A {@code STRING} column read from CSV whose values do not repeat keeps them as UTF-8 bytes and decodes
 * one on each {@link #getString(int)} call: equal strings, not always the same object.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Column {
  private final String name;
  private final ColumnType type;
  private final int size;
  private final long @Nullable [] longs;
  private final double @Nullable [] doubles;
  private final @Nullable String @Nullable [] strings;
  private final boolean @Nullable [] booleans;
  /** A {@code STRING} column's values as UTF-8 bytes decoded on read, when {@link #strings} is {@code null}. */
  private final @Nullable Utf8Strings utf8;
  /** Bit {@code i} set means row {@code i} is null; {@code null} when the column has no null. */
  private final long @Nullable [] nulls;
  private final int nullCount;

  static {
    ColumnFactory.register((name, values, nulls) -> new Column(checkName(name), ColumnType.STRING, values.size(),
        null, null, null, null, nulls, values));
  }

  private Column(String name, ColumnType type, int size, long @Nullable [] longs, double @Nullable [] doubles,
      @Nullable String @Nullable [] strings, boolean @Nullable [] booleans, long @Nullable [] nulls) {
    this(name, type, size, longs, doubles, strings, booleans, nulls, null);
  }

  private Column(String name, ColumnType type, int size, long @Nullable [] longs, double @Nullable [] doubles,
      @Nullable String @Nullable [] strings, boolean @Nullable [] booleans, long @Nullable [] nulls,
      @Nullable Utf8Strings utf8) {
    this.name = name;
    this.type = type;
    this.size = size;
    this.longs = longs;
    this.doubles = doubles;
    this.strings = strings;
    this.booleans = booleans;
    this.utf8 = utf8;
    int count = 0;
    if (nulls != null) {
      for (long word : nulls) {
        count += Long.bitCount(word);
      }
    }
    this.nulls = count == 0 ? null : nulls;
    this.nullCount = count;
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
  public static Column ofLongs(String name, long... values) {
    return new Column(checkName(name), ColumnType.LONG, values.length, values.clone(), null, null, null, null);
  }

  /**
   * Creates a {@code DOUBLE} column without nulls ({@code NaN} stays a value).
   *
   * @param name the column name
   * @param values the values, copied
   * @return the column
   */
  public static Column ofDoubles(String name, double... values) {
    return new Column(checkName(name), ColumnType.DOUBLE, values.length, null, values.clone(), null, null, null);
  }

  /**
   * Creates a {@code STRING} column; a {@code null} element becomes a null row.
   *
   * @param name the column name
   * @param values the values, copied
   * @return the column
   */
  public static Column ofStrings(String name, @Nullable String... values) {
    Builder b = new Builder(name, ColumnType.STRING, values.length);
    for (String v : values) {
      if (v == null) {
        b.addNull();
      } else {
        b.addString(v);
      }
    }
    return b.build();
  }

  /**
   * Returns the column name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the column type.
   *
   * @return the type
   */
  public ColumnType type() {
    return type;
  }

  /**
   * Returns the number of rows.
   *
   * @return the row count
   */
  public int size() {
    return size;
  }

  /**
   * Returns the number of null rows.
   *
   * @return the null count
   */
  public int nullCount() {
    return nullCount;
  }

  /**
   * Tells whether a row is null.
   *
   * @param row the row index
   * @return {@code true} if the row holds no value
   */
  public boolean isNull(int row) {
    long[] n = nulls;
    return n != null && (n[row >>> 6] & (1L << row)) != 0;
  }

  /**
   * Reads a {@code LONG}, {@code DATE} (epoch day) or {@code TIMESTAMP} (epoch microseconds) value.
   *
   * @param row the row index
   * @return the value, {@code 0} for a null row
   * @throws IllegalStateException if the column holds another type
   */
  public long getLong(int row) {
    if (longs == null) {
      throw new IllegalStateException("column '" + name + "' is " + type + ", not a long-backed column");
    }
    return longs[row];
  }

  /**
   * Reads a {@code DOUBLE} value, or a {@code LONG} value widened to double.
   *
   * @param row the row index
   * @return the value, {@code 0.0} for a null row
   * @throws IllegalStateException if the column is neither {@code DOUBLE} nor {@code LONG}
   */
  public double getDouble(int row) {
    if (doubles != null) {
      return doubles[row];
    }
    if (type == ColumnType.LONG) {
      return longs[row];
    }
    throw new IllegalStateException("column '" + name + "' is " + type + ", not numeric");
  }

  /**
   * Reads a {@code STRING} value.
   *
   * @param row the row index
   * @return the value, {@code null} for a null row
   * @throws IllegalStateException if the column is not {@code STRING}
   */
  public @Nullable String getString(int row) {
    if (strings != null) {
      return strings[row];
    }
    if (utf8 == null) {
      throw new IllegalStateException("column '" + name + "' is " + type + ", not STRING");
    }
    return isNull(row) ? null : utf8.get(row);
  }

  /**
   * Reads a {@code BOOLEAN} value.
   *
   * @param row the row index
   * @return the value, {@code false} for a null row
   * @throws IllegalStateException if the column is not {@code BOOLEAN}
   */
  public boolean getBoolean(int row) {
    if (booleans == null) {
      throw new IllegalStateException("column '" + name + "' is " + type + ", not BOOLEAN");
    }
    return booleans[row];
  }

  /**
   * Reads any value boxed: {@link Long}, {@link Double}, {@link String}, {@link Boolean}, {@link LocalDate}
   * or {@link Instant}; meant for messages and tests, not inner loops.
   *
   * @param row the row index
   * @return the value or {@code null}
   */
  public @Nullable Object get(int row) {
    if (isNull(row)) {
      return null;
    }
    switch (type) {
      case LONG:
        return longs[row];
      case DOUBLE:
        return doubles[row];
      case STRING:
        return getString(row);
      case BOOLEAN:
        return booleans[row];
      case DATE:
        return LocalDate.ofEpochDay(longs[row]);
      default:
        return microsToInstant(longs[row]);
    }
  }

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
   * @return a new column
   */
  public Column select(int[] rows) {
    Builder b = new Builder(name, type, rows.length);
    for (int r : rows) {
      b.copyFrom(this, r);
    }
    return b.build();
  }

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
    boolean allUtf8 = true;
    for (Column c : parts) {
      allUtf8 &= c.utf8 != null;
    }
    long[] ls = first.longs == null ? null : new long[total];
    double[] ds = first.doubles == null ? null : new double[total];
    String[] ss = first.type != ColumnType.STRING || allUtf8 ? null : new String[total];
    boolean[] bs = first.booleans == null ? null : new boolean[total];
    long[] ns = anyNull ? new long[(total + 63) >>> 6] : null;
    int at = 0;
    for (Column c : parts) {
      if (ls != null) {
        System.arraycopy(c.longs, 0, ls, at, c.size);
      }
      if (ds != null) {
        System.arraycopy(c.doubles, 0, ds, at, c.size);
      }
      if (ss != null) {
        if (c.strings != null) {
          System.arraycopy(c.strings, 0, ss, at, c.size);
        } else {
          for (int r = 0; r < c.size; r++) {
            ss[at + r] = c.getString(r);
          }
        }
      }
      if (bs != null) {
        System.arraycopy(c.booleans, 0, bs, at, c.size);
      }
      if (c.nulls != null) {
        for (int w = 0; w < c.nulls.length; w++) {
          long word = c.nulls[w];
          while (word != 0) {
            int row = at + (w << 6) + Long.numberOfTrailingZeros(word);
            ns[row >>> 6] |= 1L << row;
            word &= word - 1;
          }
        }
      }
      at += c.size;
    }
    Utf8Strings us = null;
    if (first.type == ColumnType.STRING && allUtf8) {
      List<Utf8Strings> u = new ArrayList<>(parts.size());
      for (Column c : parts) {
        u.add(c.utf8);
      }
      us = Utf8Strings.concat(u);
    }
    return new Column(first.name, first.type, total, ls, ds, ss, bs, ns, us);
  }

  /**
   * Returns the same values under another name.
   *
   * @param newName the new name
   * @return a column sharing this column's arrays
   */
  public Column rename(String newName) {
    return new Column(checkName(newName), type, size, longs, doubles, strings, booleans, nulls, utf8);
  }

  /**
   * Creates a one-row column whose value the {@link RowValidator} rewrites in place; such columns never leave
   * the validator's {@link RowValidator.Row}, so every column a user can reach stays immutable.
   */
  static Column mutableSingleRow(String name, ColumnType type) {
    return new Column(name, type, 1, type == ColumnType.DOUBLE || type == ColumnType.STRING
        || type == ColumnType.BOOLEAN ? null : new long[1], type == ColumnType.DOUBLE ? new double[1] : null,
        type == ColumnType.STRING ? new String[1] : null, type == ColumnType.BOOLEAN ? new boolean[1] : null,
        new long[] {1L});
  }

  /** Sets the null bit of row 0 of a {@link #mutableSingleRow} column. */
  void setNullFlag(boolean isNull) {
    nulls[0] = isNull ? 1L : 0L;
  }

  /** Writes row 0 of a {@link #mutableSingleRow} long-backed column. */
  void setLongValue(long value) {
    longs[0] = value;
    nulls[0] = 0L;
  }

  /** Writes row 0 of a {@link #mutableSingleRow} double column. */
  void setDoubleValue(double value) {
    doubles[0] = value;
    nulls[0] = 0L;
  }

  /** Writes row 0 of a {@link #mutableSingleRow} string column. */
  void setStringValue(String value) {
    strings[0] = value;
    nulls[0] = 0L;
  }

  /** Writes row 0 of a {@link #mutableSingleRow} boolean column. */
  void setBooleanValue(boolean value) {
    booleans[0] = value;
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

  @Override
  public String toString() {
    return "Column[" + name + ": " + type + ", " + size + " rows, " + nullCount + " nulls]";
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
      if (source.type != type) {
        throw new IllegalStateException("cannot copy " + source.type + " into " + type);
      }
      if (source.isNull(row)) {
        return addNull();
      }
      switch (type) {
        case DOUBLE:
          return addDouble(source.doubles[row]);
        case STRING:
          return addString(source.getString(row));
        case BOOLEAN:
          return addBoolean(source.booleans[row]);
        default:
          return addLong(source.longs[row]);
      }
    }

    /**
     * Builds the column; the builder must not be used afterwards.
     *
     * @return the column
     */
    public Column build() {
      int n = size;
      return new Column(name, type, n,
          longs == null ? null : (longs.length == n ? longs : Arrays.copyOf(longs, n)),
          doubles == null ? null : (doubles.length == n ? doubles : Arrays.copyOf(doubles, n)),
          strings == null ? null : (strings.length == n ? strings : Arrays.copyOf(strings, n)),
          booleans == null ? null : (booleans.length == n ? booleans : Arrays.copyOf(booleans, n)),
          hasNull ? nulls : null);
    }
  }
}
