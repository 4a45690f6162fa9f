package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.column.Utf8Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A column of text ({@link ColumnType#STRING}) with a null bitmap; the empty string is a value, not a null.
 *
 * <p>The values are held either as {@link String}s (repeating values share one object) or, for a column
 * made by a {@link #utf8Builder(String, int, int) UTF-8 builder}, as UTF-8 bytes in one array decoded on each
 * {@link #getString(int)} call, so that millions of distinct strings do not cost millions of objects; then
 * equal strings are returned, not always the same object. Immutable and safe to share between threads.
 */
public final class StringColumn extends Column {
  static {
    Utf8Storage.install(new StorageSource());
  }

  private final @Nullable String @Nullable [] strings;
  private final @Nullable Utf8Strings utf8;

  StringColumn(String name, int size, @Nullable String[] strings, long @Nullable [] nulls) {
    super(name, size, nulls);
    this.strings = strings;
    this.utf8 = null;
  }

  private StringColumn(String name, Utf8Strings utf8, long @Nullable [] nulls) {
    super(name, utf8.size(), nulls);
    this.strings = null;
    this.utf8 = utf8;
  }

  StringColumn(String name, @Nullable String[] strings, long[] mutableNulls, boolean mutable) {
    super(name, mutableNulls);
    this.strings = strings;
    this.utf8 = null;
  }

  /**
   * Starts a builder that keeps the values as UTF-8 bytes, for columns of many distinct strings (readers use it).
   *
   * @param name the column name
   * @param rows the expected row count
   * @param bytes the expected total number of UTF-8 bytes
   * @return a new builder, not thread-safe
   * @throws InvalidInputException if the name is empty
   */
  public static Utf8Builder utf8Builder(String name, int rows, int bytes) {
    return new Utf8Builder(checkName(name), rows, bytes);
  }

  @Override
  public ColumnType type() {
    return ColumnType.STRING;
  }

  @Override
  public @Nullable String getString(int row) {
    String[] s = strings;
    if (s != null) {
      return s[row];
    }
    return isNull(row) ? null : utf8.get(row);
  }

  @Override
  public @Nullable Object get(int row) {
    return getString(row);
  }

  @Override
  public StringColumn rename(String newName) {
    return utf8 != null ? new StringColumn(checkName(newName), utf8, nulls)
        : new StringColumn(checkName(newName), size(), strings, nulls);
  }

  @Override
  void copyValuesInto(Concat into, int at) {
    throw new AssertionError("string columns concatenate through concatStrings");
  }

  void setSingleValue(String value) {
    strings[0] = value;
  }

  /** Concatenates string columns: UTF-8 bytes stay bytes when every part holds bytes. */
  static StringColumn concatStrings(List<Column> parts, int total, long @Nullable [] nulls) {
    boolean allUtf8 = true;
    for (Column c : parts) {
      allUtf8 &= ((StringColumn) c).utf8 != null;
    }
    String name = parts.get(0).name();
    if (allUtf8) {
      List<Utf8Strings> u = new ArrayList<>(parts.size());
      for (Column c : parts) {
        u.add(((StringColumn) c).utf8);
      }
      return new StringColumn(name, Utf8Strings.concat(u), nulls);
    }
    String[] ss = new String[total];
    int at = 0;
    for (Column c : parts) {
      StringColumn s = (StringColumn) c;
      if (s.strings != null) {
        System.arraycopy(s.strings, 0, ss, at, s.size());
      } else {
        for (int r = 0; r < s.size(); r++) {
          ss[at + r] = s.getString(r);
        }
      }
      at += s.size();
    }
    return new StringColumn(name, total, ss, nulls);
  }

  /** Lends a UTF-8 column's bytes to the rule kernels (see {@link Utf8Storage}). */
  private static final class StorageSource implements Utf8Storage.Source {
    @Override
    public @Nullable Utf8Storage of(Object column) {
      return column instanceof StringColumn && ((StringColumn) column).utf8 != null
          ? ((StringColumn) column).utf8.storage() : null;
    }
  }

  /**
   * Accumulates a string column as UTF-8 bytes; used by one thread at a time and spent by {@link #build()}.
   * The bytes are taken as they are: a malformed sequence reads back as U+FFFD, so a caller that must refuse
   * malformed text checks it before adding.
   */
  public static final class Utf8Builder {
    private final String name;
    private byte[] bytes;
    private int[] offsets;
    private long[] nulls;
    private int size;
    private int at;
    private boolean hasNull;
    private boolean ascii = true;

    private Utf8Builder(String name, int rows, int bytes) {
      this.name = name;
      this.bytes = new byte[Math.max(bytes, 16)];
      this.offsets = new int[Math.max(rows, 4) + 1];
      this.nulls = new long[(offsets.length + 63) >>> 6];
    }

    private void ensure(int extraBytes) {
      if (size + 1 >= offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
        nulls = Arrays.copyOf(nulls, (offsets.length + 63) >>> 6);
      }
      long need = (long) at + extraBytes;
      if (need > bytes.length) {
        if (need > Integer.MAX_VALUE - 16) {
          throw new InvalidInputException("string column '" + name + "' would hold more than 2 GiB of text; "
              + "read the file in chunks");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * bytes.length)));
      }
    }

    /**
     * Appends one value given as UTF-8 bytes {@code src[from, to)}, copied.
     *
     * @param src the bytes
     * @param from the first byte, inclusive
     * @param to the end, exclusive
     * @return this builder
     */
    public Utf8Builder addUtf8(byte[] src, int from, int to) {
      int len = to - from;
      ensure(len);
      System.arraycopy(src, from, bytes, at, len);
      if (ascii) {
        int high = 0;
        for (int k = from; k < to; k++) {
          high |= src[k];
        }
        ascii = high >= 0;
      }
      offsets[size++] = at;
      at += len;
      return this;
    }

    /**
     * Appends a null row.
     *
     * @return this builder
     */
    public Utf8Builder addNull() {
      ensure(0);
      nulls[size >>> 6] |= 1L << size;
      hasNull = true;
      offsets[size++] = at;
      return this;
    }

    /**
     * Builds the column; the builder must not be used afterwards.
     *
     * @return the column
     */
    public StringColumn build() {
      offsets[size] = at;
      byte[] b = bytes.length == at ? bytes : Arrays.copyOf(bytes, at);
      int[] o = offsets.length == size + 1 ? offsets : Arrays.copyOf(offsets, size + 1);
      return new StringColumn(name, new Utf8Strings(b, o, size, ascii), hasNull ? nulls : null);
    }
  }
}
