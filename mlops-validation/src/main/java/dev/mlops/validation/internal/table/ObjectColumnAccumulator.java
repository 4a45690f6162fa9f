package dev.mlops.validation.internal.table;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects boxed values of one column (from maps, records, beans or JSON) and picks the column type when
 * built: all integers give {@code LONG}; integers and fractional numbers give {@code DOUBLE}, except that an
 * integer beyond the 64-bit range, which a double would round, makes the column {@code STRING} holding every
 * value's exact text; all booleans
 * {@code BOOLEAN}; all {@link LocalDate} {@code DATE}; all {@link Instant} {@code TIMESTAMP}; anything else,
 * including numbers mixed with strings, gives {@code STRING} holding each value's text. An all-null column is
 * {@code STRING}. Not thread-safe.
 */
public final class ObjectColumnAccumulator {
  private final String name;
  private final List<@Nullable Object> values = new ArrayList<>();
  private final List<Long> positions = new ArrayList<>();

  /**
   * Creates an accumulator.
   *
   * @param name the column name
   */
  public ObjectColumnAccumulator(String name) {
    this.name = name;
  }

  /**
   * Pads with nulls up to {@code rows} rows (for keys missing from earlier objects).
   *
   * @param rows the row count to reach
   */
  public void padTo(int rows) {
    while (values.size() < rows) {
      values.add(null);
      positions.add(-1L);
    }
  }

  /**
   * Appends a value.
   *
   * @param value a {@link Number}, {@link String}, {@link Boolean}, {@link LocalDate}, {@link Instant},
   *     {@link Character}, {@link Enum}, or {@code null}
   * @param position where it came from (a line number), or {@code -1}
   */
  public void add(@Nullable Object value, long position) {
    values.add(value);
    positions.add(position);
  }

  /**
   * Returns the number of values added.
   *
   * @return the size
   */
  public int size() {
    return values.size();
  }

  /**
   * Infers the type from the values gathered so far.
   *
   * @return the inferred type
   */
  public ColumnType inferType() {
    boolean ints = true;
    boolean nums = true;
    boolean bools = true;
    boolean dates = true;
    boolean instants = true;
    boolean any = false;
    for (Object v : values) {
      if (v == null) {
        continue;
      }
      any = true;
      boolean isInt = v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
          || (v instanceof BigInteger && ((BigInteger) v).bitLength() < 64);
      ints &= isInt;
      nums &= isInt || v instanceof Double || v instanceof Float || v instanceof BigDecimal;
      bools &= v instanceof Boolean;
      dates &= v instanceof LocalDate;
      instants &= v instanceof Instant;
    }
    if (!any) {
      return ColumnType.STRING;
    }
    if (ints) {
      return ColumnType.LONG;
    }
    if (nums) {
      return ColumnType.DOUBLE;
    }
    if (bools) {
      return ColumnType.BOOLEAN;
    }
    if (dates) {
      return ColumnType.DATE;
    }
    return instants ? ColumnType.TIMESTAMP : ColumnType.STRING;
  }

  /**
   * Builds the column with the given type; values of another kind fail with their position.
   *
   * @param type the type (usually {@link #inferType()})
   * @param source the file or input name for error messages
   * @return the column
   * @throws InvalidInputException if a value does not fit the type
   */
  public Column build(ColumnType type, String source) {
    Column.Builder b = Column.builder(name, type, values.size());
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v != null && type == ColumnType.STRING) {
        v = v.toString();
      } else if (v instanceof Character || v instanceof Enum) {
        v = v.toString();
      } else if (v instanceof BigInteger && type == ColumnType.LONG) {
        v = ((BigInteger) v).longValueExact();
      }
      try {
        b.add(v);
      } catch (InvalidInputException e) {
        long pos = positions.get(i);
        throw new InvalidInputException(source + (pos >= 0 ? ": line " + pos : ": row " + i) + ", column '" + name
            + "': value '" + v + "' does not fit the column type " + type
            + " (inferred from the first chunk or declared)", e);
      }
    }
    return b.build();
  }
}
