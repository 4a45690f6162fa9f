package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.validation.internal.table.CsvTableReader;
import dev.mlops.validation.internal.table.JavaObjectColumns;
import dev.mlops.validation.internal.table.JsonTableReader;
import dev.mlops.validation.internal.table.ParallelCsvReader;
import dev.mlops.validation.internal.table.Utf8InputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 *   <li>{@link #readCsv(Path)} and {@link #readJson(Path)}; for files larger than memory
 *       {@link #readCsvChunks(Path, CsvOptions, int)} and {@link #readJsonChunks(Path, Map, int)} return an
 *       iterator of chunks with one schema.
 * </ul>
 *
 * <p>Column names are any non-empty text (spaces allowed) and unique within a table. Instances are immutable
 * and safe to share between threads.
 */
public final class Table {
  /** Rows per chunk used when a whole file is read into one table. */
  static final int READ_CHUNK_ROWS = 1 << 16;

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
   * Reads a whole CSV file with the {@link CsvOptions#defaults() default options}.
   *
   * @param path the file
   * @return the table
   * @throws InvalidInputException if the CSV is malformed (the message names line and column)
   * @throws StorageException if the file cannot be read
   */
  public static Table readCsv(Path path) {
    return readCsv(path, CsvOptions.defaults());
  }

  /**
   * Reads a whole CSV file (RFC 4180: quoted fields, doubled quotes, embedded newlines, CRLF, a byte-order mark).
   *
   * <p>The file is parsed straight from its bytes in blocks cut at record boundaries (a line break inside
   * quotes is never taken for one), on all cores. A column's inferred type is decided from all of its values,
   * not from a first chunk: when one part of the file reads as {@code LONG} and another as {@code DOUBLE} the
   * column is {@code DOUBLE}, and a number column with one text value is {@code STRING} (the file is then read
   * a second time with those types). String columns whose values do not repeat keep their UTF-8 bytes and
   * decode a value on each {@link Column#getString(int)}, so millions of distinct strings do not cost millions
   * of objects. A file in another charset is re-encoded to UTF-8 as it is read. Thread-safe; each call uses
   * its own worker threads, which end before it returns.
   *
   * @param path the file
   * @param options delimiter, header, null tokens and declared types
   * @return the table
   * @throws InvalidInputException if the CSV is malformed (the message names line and column)
   * @throws StorageException if the file cannot be read
   */
  public static Table readCsv(Path path, CsvOptions options) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    return ParallelCsvReader.read(() -> openUtf8(path, options.charset()), path.toString(), options);
  }

  /**
   * Reads CSV text held in memory, for tests and small inputs, the way {@link #readCsv(Path, CsvOptions)} reads
   * a file (the options' charset does not apply to text).
   *
   * @param text the CSV text
   * @param options the options
   * @return the table
   * @throws InvalidInputException if the CSV is malformed
   */
  public static Table parseCsv(String text, CsvOptions options) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ParallelCsvReader.read(() -> new ByteArrayInputStream(bytes), "<csv text>", options);
  }

  /**
   * Opens a CSV file as consecutive chunks of at most {@code chunkRows} rows, for files larger than memory.
   * The first chunk fixes the schema: declared types, else types inferred from that chunk alone; a later
   * field that does not fit fails {@link TableChunks#next()} with its line (declare the type to avoid it).
   *
   * @param path the file
   * @param options the options
   * @param chunkRows the maximum rows per chunk, at least 1
   * @return an iterator of chunks; close it
   * @throws InvalidInputException if the header is malformed
   * @throws StorageException if the file cannot be opened
   */
  public static TableChunks readCsvChunks(Path path, CsvOptions options, int chunkRows) {
    InputStream in;
    try {
      in = openUtf8(path, options.charset());
    } catch (IOException e) {
      throw new StorageException("cannot open " + path + ": " + e.getMessage(), e);
    }
    try {
      return new CsvTableReader(in, path.toString(), options, chunkRows);
    } catch (RuntimeException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Reads a whole JSON file: an array of objects, or JSON Lines (one object per line).
   *
   * @param path the file
   * @return the table
   * @throws InvalidInputException if the JSON is malformed or not objects (the message names the line)
   * @throws StorageException if the file cannot be read
   */
  public static Table readJson(Path path) {
    return readJson(path, Map.of());
  }

  /**
   * Reads a whole JSON file, converting string values of declared columns (to dates, say).
   *
   * @param path the file
   * @param columnTypes declared types by column name; others are inferred
   * @return the table
   * @throws InvalidInputException if the JSON is malformed or a value does not fit its type
   * @throws StorageException if the file cannot be read
   */
  public static Table readJson(Path path, Map<String, ColumnType> columnTypes) {
    try (TableChunks chunks = readJsonChunks(path, columnTypes, Integer.MAX_VALUE)) {
      return concat(chunks, path.toString());
    }
  }

  /**
   * Reads JSON text held in memory.
   *
   * @param text an array of objects or JSON Lines
   * @return the table
   * @throws InvalidInputException if the JSON is malformed
   */
  public static Table parseJson(String text) {
    try (TableChunks chunks = new JsonTableReader(new StringReader(text), "<json text>", Map.of(),
        Integer.MAX_VALUE)) {
      return concat(chunks, "<json text>");
    }
  }

  /**
   * Opens a JSON file as consecutive chunks of at most {@code chunkRows} objects.
   *
   * @param path the file
   * @param columnTypes declared types by column name
   * @param chunkRows the maximum rows per chunk, at least 1
   * @return an iterator of chunks; close it
   * @throws InvalidInputException if the input is not JSON objects
   * @throws StorageException if the file cannot be opened
   */
  public static TableChunks readJsonChunks(Path path, Map<String, ColumnType> columnTypes, int chunkRows) {
    Reader reader = open(path, StandardCharsets.UTF_8);
    try {
      return new JsonTableReader(reader, path.toString(), columnTypes, chunkRows);
    } catch (RuntimeException e) {
      closeQuietly(reader);
      throw e;
    }
  }

  /** Opens a file as UTF-8 bytes: as it is when it is UTF-8, re-encoded from its charset otherwise. */
  private static InputStream openUtf8(Path path, Charset charset) throws IOException {
    if (charset.equals(StandardCharsets.UTF_8)) {
      return Files.newInputStream(path);
    }
    return Utf8InputStream.of(Files.newBufferedReader(path, charset));
  }

  private static Reader open(Path path, java.nio.charset.Charset charset) {
    Objects.requireNonNull(path, "path");
    try {
      return new BufferedReader(Files.newBufferedReader(path, charset), 1 << 16);
    } catch (IOException e) {
      throw new StorageException("cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Reader reader) {
    try {
      reader.close();
    } catch (IOException e) {
      // nothing was written; a failed close of a reader loses nothing
    }
  }

  private static Table concat(TableChunks chunks, String source) {
    List<Table> parts = new ArrayList<>();
    while (chunks.hasNext()) {
      parts.add(chunks.next());
    }
    if (parts.isEmpty()) {
      throw new InvalidInputException(source + ": no rows and no columns could be read");
    }
    return concat(parts);
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
