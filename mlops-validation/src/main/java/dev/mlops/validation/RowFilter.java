package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A serializable row condition for a rule's {@code where} filter: a rule judges only the rows it accepts.
 *
 * <p>Comparisons ({@link #eq}, {@link #ne}, {@link #lt}, {@link #le}, {@link #gt}, {@link #ge}) take a number
 * for numeric columns, a string for string columns (compared in {@link String#compareTo} order), a boolean for
 * boolean columns, or an ISO-8601 string for date and timestamp columns. A comparison is false on a null value
 * (SQL semantics); use {@link #isNull} to select nulls. Immutable and thread-safe.
 */
public final class RowFilter {
  /** The operator of a filter node. */
  public enum Op {
    /** Equal. */
    EQ,
    /** Not equal (false on null). */
    NE,
    /** Less than. */
    LT,
    /** Less than or equal. */
    LE,
    /** Greater than. */
    GT,
    /** Greater than or equal. */
    GE,
    /** The value is null. */
    IS_NULL,
    /** The value is not null. */
    IS_NOT_NULL,
    /** The value's text is one of a list. */
    IN,
    /** All children hold. */
    AND,
    /** Any child holds. */
    OR,
    /** The child does not hold. */
    NOT
  }

  private final Op op;
  private final @Nullable String column;
  private final @Nullable Object value;
  private final List<String> values;
  private final List<RowFilter> children;

  private RowFilter(Op op, @Nullable String column, @Nullable Object value, List<String> values,
      List<RowFilter> children) {
    this.op = op;
    this.column = column;
    this.value = value;
    this.values = List.copyOf(values);
    this.children = List.copyOf(children);
  }

  private static RowFilter compare(Op op, String column, Object value) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(value, "value");
    if (!(value instanceof Number || value instanceof String || value instanceof Boolean)) {
      throw new InvalidInputException("a filter compares with a number, string or boolean, not "
          + value.getClass().getSimpleName());
    }
    if (value instanceof Double && Double.isNaN((Double) value)) {
      throw new InvalidInputException("a filter cannot compare column '" + column + "' with NaN");
    }
    return new RowFilter(op, column, value, List.of(), List.of());
  }

  /**
   * Rows whose value equals {@code value}.
   *
   * @param column the column
   * @param value a number, string or boolean
   * @return the filter
   */
  public static RowFilter eq(String column, Object value) {
    return compare(Op.EQ, column, value);
  }

  /**
   * Rows whose value is not null and differs from {@code value}.
   *
   * @param column the column
   * @param value a number, string or boolean
   * @return the filter
   */
  public static RowFilter ne(String column, Object value) {
    return compare(Op.NE, column, value);
  }

  /**
   * Rows whose value is less than {@code value}.
   *
   * @param column the column
   * @param value the bound
   * @return the filter
   */
  public static RowFilter lt(String column, Object value) {
    return compare(Op.LT, column, value);
  }

  /**
   * Rows whose value is at most {@code value}.
   *
   * @param column the column
   * @param value the bound
   * @return the filter
   */
  public static RowFilter le(String column, Object value) {
    return compare(Op.LE, column, value);
  }

  /**
   * Rows whose value is greater than {@code value}.
   *
   * @param column the column
   * @param value the bound
   * @return the filter
   */
  public static RowFilter gt(String column, Object value) {
    return compare(Op.GT, column, value);
  }

  /**
   * Rows whose value is at least {@code value}.
   *
   * @param column the column
   * @param value the bound
   * @return the filter
   */
  public static RowFilter ge(String column, Object value) {
    return compare(Op.GE, column, value);
  }

  /**
   * Rows whose value is null.
   *
   * @param column the column
   * @return the filter
   */
  public static RowFilter isNull(String column) {
    return new RowFilter(Op.IS_NULL, Objects.requireNonNull(column, "column"), null, List.of(), List.of());
  }

  /**
   * Rows whose value is not null.
   *
   * @param column the column
   * @return the filter
   */
  public static RowFilter isNotNull(String column) {
    return new RowFilter(Op.IS_NOT_NULL, Objects.requireNonNull(column, "column"), null, List.of(), List.of());
  }

  /**
   * Rows whose value's text is one of {@code values}.
   *
   * @param column the column
   * @param values the accepted texts
   * @return the filter
   */
  public static RowFilter in(String column, List<String> values) {
    return new RowFilter(Op.IN, Objects.requireNonNull(column, "column"), null, values, List.of());
  }

  /**
   * Rows accepted by every filter.
   *
   * @param filters at least one filter
   * @return the filter
   */
  public static RowFilter and(RowFilter... filters) {
    return group(Op.AND, filters);
  }

  /**
   * Rows accepted by any filter.
   *
   * @param filters at least one filter
   * @return the filter
   */
  public static RowFilter or(RowFilter... filters) {
    return group(Op.OR, filters);
  }

  /**
   * Rows the filter rejects.
   *
   * @param filter the filter
   * @return the filter
   */
  public static RowFilter not(RowFilter filter) {
    return group(Op.NOT, filter);
  }

  private static RowFilter group(Op op, RowFilter... filters) {
    if (filters.length == 0) {
      throw new InvalidInputException(op + " needs at least one filter");
    }
    return new RowFilter(op, null, null, List.of(), List.of(filters));
  }

  /**
   * Rebuilds a filter from its parts (used when reading suites from JSON).
   *
   * @param op the operator
   * @param column the column for leaf operators
   * @param value the comparison value for comparisons
   * @param values the texts for {@link Op#IN}
   * @param children the children for {@link Op#AND}, {@link Op#OR}, {@link Op#NOT}
   * @return the filter
   * @throws InvalidInputException if a part required by the operator is missing
   */
  public static RowFilter of(Op op, @Nullable String column, @Nullable Object value, List<String> values,
      List<RowFilter> children) {
    switch (op) {
      case AND:
      case OR:
      case NOT:
        return group(op, children.toArray(new RowFilter[0]));
      case IS_NULL:
        return isNull(require(column, op));
      case IS_NOT_NULL:
        return isNotNull(require(column, op));
      case IN:
        return in(require(column, op), values);
      default:
        if (value == null) {
          throw new InvalidInputException("filter " + op + " on '" + column + "' needs a value");
        }
        return compare(op, require(column, op), value);
    }
  }

  private static String require(@Nullable String column, Op op) {
    if (column == null) {
      throw new InvalidInputException("filter " + op + " needs a column");
    }
    return column;
  }

  /**
   * Returns the operator.
   *
   * @return the operator
   */
  public Op op() {
    return op;
  }

  /**
   * Returns the column of a leaf filter.
   *
   * @return the column, or {@code null} for AND/OR/NOT
   */
  public @Nullable String column() {
    return column;
  }

  /**
   * Returns the comparison value.
   *
   * @return the value, or {@code null} for non-comparisons
   */
  public @Nullable Object value() {
    return value;
  }

  /**
   * Returns the texts of an {@link Op#IN} filter.
   *
   * @return an immutable list
   */
  public List<String> values() {
    return values;
  }

  /**
   * Returns the children of AND/OR/NOT.
   *
   * @return an immutable list
   */
  public List<RowFilter> children() {
    return children;
  }

  @Override
  public String toString() {
    switch (op) {
      case AND:
      case OR:
        return children.stream().map(RowFilter::toString).collect(Collectors.joining(" " + op + " ", "(", ")"));
      case NOT:
        return "NOT " + children.get(0);
      case IS_NULL:
        return column + " IS NULL";
      case IS_NOT_NULL:
        return column + " IS NOT NULL";
      case IN:
        return column + " IN " + values;
      default:
        String sym = op == Op.EQ ? "=" : op == Op.NE ? "!=" : op == Op.LT ? "<" : op == Op.LE ? "<=" : op == Op.GT
            ? ">" : ">=";
        return column + " " + sym + " " + (value instanceof String ? "'" + value + "'" : value);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RowFilter)) {
      return false;
    }
    RowFilter f = (RowFilter) o;
    return op == f.op && Objects.equals(column, f.column) && Objects.equals(value, f.value)
        && values.equals(f.values) && children.equals(f.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(op, column, value, values, children);
  }
}
