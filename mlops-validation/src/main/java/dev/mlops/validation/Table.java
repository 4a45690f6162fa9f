package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.validation.internal.engine.RowPredicate;
import dev.mlops.validation.internal.table.JavaObjectColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, columnar, typed table: named {@link Column}s of equal length.
 *
 * <p>Column types are {@link ColumnType#LONG}, {@link ColumnType#DOUBLE}, {@link ColumnType#STRING},
 * {@link ColumnType#BOOLEAN}, {@link ColumnType#DATE} and {@link ColumnType#TIMESTAMP}, each held in a
 * primitive array with a separate null bitmap, so a null is never a {@code NaN} and never an empty string.
 *
 * <p>Ways to make one:
 * <ul>
 *   <li>{@link #of(Column...)} or {@link #builder()} (row by row);
 *   <li>{@link #fromRecords(List, Class)}, {@link #fromBeans(List, Class)}, {@link #fromMaps(List)};
 *   <li>{@link dev.mlops.validation.io.TableReader} reads CSV and JSON files, whole or in chunks.
 * </ul>
 *
 * <p>Derived tables: {@link #filter(RowFilter)}, {@link #select(String...)}, {@link #dropNulls(String...)},
 * {@link #head(int)}, {@link #slice(int, int)}, {@link #select(int[])}. Writing: {@link #writeCsv(Path)} and
 * {@link #writeJson(Path)}, which {@code TableReader} reads back.
 *
 * <p>Column names are any non-empty text (spaces allowed) and unique within a table. Instances are immutable
 * and safe to share between threads.
 */
public final class Table {
  private final List<Column> columns;
  private final Map<String, Integer> index;
  private final int rowCount;

  private Table(List<Column> columns) {
    this.columns = List.copyOf(columns);
    Map<String, Integer> idx = new HashMap<>();
    int rows = columns.isEmpty() ? 0 : columns.get(0).size();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (idx.put(c.name(), i) != null) {
        throw new InvalidInputException("column name '" + c.name() + "' appears twice in the table");
      }
      if (c.size() != rows) {
        throw new InvalidInputException("column '" + c.name() + "' has " + c.size() + " rows but column '"
            + columns.get(0).name() + "' has " + rows);
      }
    }
    this.index = Collections.unmodifiableMap(idx);
    this.rowCount = rows;
  }

  /**
   * Creates a table from columns of equal length.
   *
   * @param columns the columns, in order
   * @return the table
   * @throws InvalidInputException if names repeat or lengths differ
   */
  public static Table of(Column... columns) {
    return new Table(List.of(columns));
  }

  /**
   * Creates a table from columns of equal length.
   *
   * @param columns the columns, in order
   * @return the table
   * @throws InvalidInputException if names repeat or lengths differ
   */
  public static Table of(List<Column> columns) {
    return new Table(columns);
  }

  /**
   * Starts a row-by-row builder: declare columns with {@link Builder#column(String, ColumnType)}, then add
   * rows with {@link Builder#row(Object...)}.
   *
   * @return a new builder, not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a table from Java records; each record component becomes a column in declaration order, its
   * type inferred as in {@link #fromMaps(List)}.
   *
   * @param rows the records
   * @param type the record class
   * @param <R> the record type
   * @return the table
   * @throws InvalidInputException if {@code type} is not a record or a row is null
   */
  public static <R extends Record> Table fromRecords(List<R> rows, Class<R> type) {
    return new Table(JavaObjectColumns.fromRecords(rows, type));
  }

  /**
   * Creates a table from JavaBeans; each public getter ({@code getX()}, or {@code isX()} for booleans)
   * becomes column {@code x}, columns sorted by name.
   *
   * @param rows the beans
   * @param type the bean class
   * @param <T> the bean type
   * @return the table
   * @throws InvalidInputException if the class has no getter, a row is null or a getter throws
   */
  public static <T> Table fromBeans(List<T> rows, Class<T> type) {
    return new Table(JavaObjectColumns.fromBeans(rows, type));
  }

  /**
   * Creates a table from maps; keys become columns in order of first appearance and a missing key is null.
   * Types are inferred: integers give {@code LONG}, integers mixed with fractions {@code DOUBLE}, booleans
   * {@code BOOLEAN}, {@link java.time.LocalDate} {@code DATE}, {@link java.time.Instant} {@code TIMESTAMP};
   * any other mix (numbers with strings, say) gives a {@code STRING} column of the values' text.
   *
   * @param rows the maps
   * @return the table
   * @throws InvalidInputException if a map is null
   */
  public static Table fromMaps(List<? extends Map<String, ?>> rows) {
    return new Table(JavaObjectColumns.fromMaps(rows));
  }

  /**
   * Concatenates tables with the same column names and types, in order.
   *
   * @param parts the tables, at least one
   * @return a new table
   * @throws InvalidInputException if the schemas differ or the list is empty
   */
  public static Table concat(List<Table> parts) {
    if (parts.isEmpty()) {
      throw new InvalidInputException("cannot concatenate zero tables");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Table first = parts.get(0);
    long total = 0;
    for (Table t : parts) {
      if (!t.schemaEquals(first)) {
        throw new InvalidInputException("cannot concatenate tables with different schemas: " + first.schema()
            + " and " + t.schema());
      }
      total += t.rowCount;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("a table holds at most " + (Integer.MAX_VALUE - 8) + " rows; read " + total
          + " rows in chunks instead");
    }
    List<Column> out = new ArrayList<>();
    for (int c = 0; c < first.columns.size(); c++) {
      List<Column> pieces = new ArrayList<>(parts.size());
      for (Table t : parts) {
        pieces.add(t.columns.get(c));
      }
      out.add(Column.concat(pieces));
    }
    return new Table(out);
  }

  private boolean schemaEquals(Table other) {
    return schema().equals(other.schema());
  }

  /**
   * Returns the column names with their types, in order.
   *
   * @return an immutable, ordered map
   */
  public Map<String, ColumnType> schema() {
    Map<String, ColumnType> m = new java.util.LinkedHashMap<>();
    for (Column c : columns) {
      m.put(c.name(), c.type());
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Returns the number of rows.
   *
   * @return the row count
   */
  public int rowCount() {
    return rowCount;
  }

  /**
   * Returns the columns in order.
   *
   * @return an immutable list
   */
  public List<Column> columns() {
    return columns;
  }

  /**
   * Returns the column names in order.
   *
   * @return an immutable list
   */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column c : columns) {
      names.add(c.name());
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * Tells whether a column exists.
   *
   * @param name the column name
   * @return {@code true} if it exists
   */
  public boolean hasColumn(String name) {
    return index.containsKey(name);
  }

  /**
   * Returns the position of a column, or {@code -1}.
   *
   * @param name the column name
   * @return the index or {@code -1}
   */
  public int columnIndex(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /**
   * Returns a column by name.
   *
   * @param name the column name
   * @return the column
   * @throws InvalidInputException if there is no such column (the message lists the columns)
   */
  public Column column(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new InvalidInputException("no column '" + name + "'; the table has " + columnNames());
    }
    return columns.get(i);
  }

  /**
   * Returns a column by name, or {@code null}.
   *
   * @param name the column name
   * @return the column or {@code null}
   */
  public @Nullable Column findColumn(String name) {
    Integer i = index.get(name);
    return i == null ? null : columns.get(i);
  }

  /**
   * Returns a table of the given rows, in that order (rows may repeat).
   *
   * @param rows row indexes
   * @return a new table
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public Table select(int[] rows) {
    for (int r : rows) {
      Objects.checkIndex(r, rowCount);
    }
    List<Column> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(c.select(rows));
    }
    return new Table(out);
  }

  /**
   * Returns the rows {@code [from, to)} as a new table.
   *
   * @param from the first row, inclusive
   * @param to the end row, exclusive
   * @return a new table
   * @throws IndexOutOfBoundsException if the range is invalid
   */
  public Table slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rowCount);
    int[] rows = new int[to - from];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = from + i;
    }
    return select(rows);
  }

  /**
   * Returns the rows a filter accepts, in order; a comparison is false on a null value, as in a rule's
   * {@code where} filter.
   *
   * @param filter the row condition
   * @return a new table with the same columns
   * @throws InvalidInputException if the filter reads a column the table lacks or compares it with a value of
   *     another type
   */
  public Table filter(RowFilter filter) {
    Objects.requireNonNull(filter, "filter");
    String problem = RowPredicate.schemaProblem(filter, schema());
    if (problem != null) {
      throw new InvalidInputException("cannot filter " + this + ": " + problem);
    }
    RowPredicate p = RowPredicate.bind(filter, this);
    int[] rows = new int[rowCount];
    int n = 0;
    for (int r = 0; r < rowCount; r++) {
      if (p.test(r)) {
        rows[n++] = r;
      }
    }
    return n == rowCount ? this : select(java.util.Arrays.copyOf(rows, n));
  }

  /**
   * Returns a table of the named columns, in the order given (the columns are shared, not copied).
   *
   * @param columnNames the columns to keep, each once
   * @return a new table
   * @throws InvalidInputException if a name is unknown (the message lists the columns) or repeats
   */
  public Table select(String... columnNames) {
    List<Column> out = new ArrayList<>(columnNames.length);
    for (String name : columnNames) {
      out.add(column(Objects.requireNonNull(name, "column name")));
    }
    return new Table(out);
  }

  /**
   * Returns the rows that have a value in every named column, or in every column when none is named. A
   * {@code NaN} in a {@code DOUBLE} column is a value, not a null, and is kept.
   *
   * @param columnNames the columns to check; none means all
   * @return a new table (this table when no row has a null there)
   * @throws InvalidInputException if a name is unknown
   */
  public Table dropNulls(String... columnNames) {
    List<Column> checked = new ArrayList<>();
    if (columnNames.length == 0) {
      checked.addAll(columns);
    } else {
      for (String name : columnNames) {
        checked.add(column(Objects.requireNonNull(name, "column name")));
      }
    }
    checked.removeIf(c -> c.nullCount() == 0);
    if (checked.isEmpty()) {
      return this;
    }
    int[] rows = new int[rowCount];
    int n = 0;
    for (int r = 0; r < rowCount; r++) {
      boolean keep = true;
      for (Column c : checked) {
        if (c.isNull(r)) {
          keep = false;
          break;
        }
      }
      if (keep) {
        rows[n++] = r;
      }
    }
    return select(java.util.Arrays.copyOf(rows, n));
  }

  /**
   * Returns the first {@code n} rows, or the whole table when it has fewer.
   *
   * @param n the number of rows, at least 0
   * @return a new table (this table when it has at most {@code n} rows)
   * @throws InvalidInputException if {@code n} is negative
   */
  public Table head(int n) {
    if (n < 0) {
      throw new InvalidInputException("head(" + n + "): the row count must be at least 0");
    }
    return n >= rowCount ? this : slice(0, n);
  }

  /**
   * Writes the table as CSV (RFC 4180): a header of column names, then one record per row, fields separated by
   * commas, records ended by CRLF, UTF-8 without a byte-order mark.
   *
   * <p>A field is quoted when it must be: a string that is empty, equals a default null token ({@code NA},
   * {@code N/A}, {@code null}, {@code NULL}), holds a comma, quote, CR or LF, or starts or ends with white space;
   * a quote inside is doubled. A null is an empty unquoted field ({@code NA} in a one-column table, where an
   * empty record would be a blank line). Doubles are written in the shortest form that reads back to the same
   * bits ({@code NaN}, {@code Infinity} and {@code -Infinity} included), dates as {@code yyyy-MM-dd},
   * timestamps in ISO-8601 UTC with up to microseconds. Reading the file with
   * {@link dev.mlops.validation.io.TableReader#readCsv(Path, CsvOptions)} and this table's {@link #schema()}
   * declared gives an equal table; without declared types, inference may read a string column whose values all
   * look like numbers as numbers.
   *
   * <p>The file is replaced atomically: the table is written to a temporary file beside it, which is then
   * moved over the target, so a failed write leaves an existing file as it was.
   *
   * @param path the file to create or replace
   * @throws InvalidInputException if a string cannot be encoded as UTF-8 (an unpaired surrogate)
   * @throws StorageException if the file cannot be written
   */
  public void writeCsv(Path path) {
    TableFiles.write(path, w -> CsvTableWriter.write(this, w));
  }

  /**
   * Writes the table as a JSON array of objects, one object per line, each with every column (a null as JSON
   * {@code null}), UTF-8.
   *
   * <p>Numbers are JSON numbers; {@code NaN} and the infinities, which JSON cannot hold, are the strings
   * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}; dates and timestamps are ISO-8601 strings. Reading
   * it with {@link dev.mlops.validation.io.TableReader#readJson(Path, java.util.Map)} and this table's
   * {@link #schema()} declared gives an equal table. The file is replaced atomically, as by
   * {@link #writeCsv(Path)}.
   *
   * @param path the file to create or replace
   * @throws InvalidInputException if a string cannot be encoded as UTF-8 (an unpaired surrogate)
   * @throws StorageException if the file cannot be written
   */
  public void writeJson(Path path) {
    TableFiles.write(path, w -> JsonTableWriter.write(this, w));
  }

  /**
   * Returns a row as a map of boxed values, for messages and tests.
   *
   * @param row the row index
   * @return an ordered map from column name to value (null values included)
   */
  public Map<String, @Nullable Object> row(int row) {
    Objects.checkIndex(row, rowCount);
    Map<String, @Nullable Object> m = new java.util.LinkedHashMap<>();
    for (Column c : columns) {
      m.put(c.name(), c.get(row));
    }
    return m;
  }

  @Override
  public String toString() {
    return "Table[" + rowCount + " rows, " + schema() + "]";
  }

  /** Builds a {@link Table} row by row; not thread-safe. */
  public static final class Builder {
    private final List<Column.Builder> builders = new ArrayList<>();
    private final List<Column> ready = new ArrayList<>();

    private Builder() {}

    /**
     * Declares the next column.
     *
     * @param name the name
     * @param type the type
     * @return this builder
     * @throws IllegalStateException if rows were added already
     */
    public Builder column(String name, ColumnType type) {
      if (!builders.isEmpty() && builders.get(0).size() > 0) {
        throw new IllegalStateException("declare every column before adding rows");
      }
      builders.add(Column.builder(name, type));
      return this;
    }

    /**
     * Adds a complete column (all columns must end with the same length).
     *
     * @param column the column
     * @return this builder
     */
    public Builder add(Column column) {
      ready.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    /**
     * Adds a row, one value per declared column, boxed as {@link Column.Builder#add(Object)} accepts.
     *
     * @param values the values ({@code null} for a null)
     * @return this builder
     * @throws InvalidInputException if the count or a type does not match
     */
    public Builder row(@Nullable Object... values) {
      if (values.length != builders.size()) {
        throw new InvalidInputException("row has " + values.length + " values but " + builders.size()
            + " columns are declared");
      }
      for (int i = 0; i < values.length; i++) {
        builders.get(i).add(values[i]);
      }
      return this;
    }

    /**
     * Builds the table: the row-built columns first, then the complete ones.
     *
     * @return the table
     * @throws InvalidInputException if lengths differ or names repeat
     */
    public Table build() {
      List<Column> cols = new ArrayList<>();
      for (Column.Builder b : builders) {
        cols.add(b.build());
      }
      cols.addAll(ready);
      return new Table(cols);
    }
  }
}
