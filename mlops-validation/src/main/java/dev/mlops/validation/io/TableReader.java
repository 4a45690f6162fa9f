package dev.mlops.validation.io;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import dev.mlops.validation.TableChunks;
import dev.mlops.validation.internal.table.CsvTableReader;
import dev.mlops.validation.internal.table.JsonTableReader;
import dev.mlops.validation.internal.table.ParallelCsvReader;
import dev.mlops.validation.internal.table.Utf8InputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads {@link Table}s from CSV and JSON files or text; the counterpart of {@link Table#writeCsv(Path)} and
 * {@link Table#writeJson(Path)}.
 *
 * <p>Whole files become one table ({@link #readCsv(Path)}, {@link #readJson(Path)}); files larger than memory
 * are read as an iterator of chunks with one schema ({@link #readCsvChunks(Path, CsvOptions, int)},
 * {@link #readJsonChunks(Path, Map, int)}). The readers live here, beside the data model rather than in it,
 * so that {@link Table} and its columns depend on no parser. All methods are static and thread-safe.
 *
 * <p>Numbers never lose digits silently. An integer beyond the 64-bit range (a 20-digit id, say) is not read
 * as a {@code DOUBLE}, which would round it and could make distinct ids equal: a column where one appears is
 * inferred as {@code STRING} and keeps every value's exact text, in CSV and in JSON (declare the column
 * {@code DOUBLE} to accept the rounding). A finite number beyond the range of a double ({@code 1e400}) is
 * never turned into an infinity: an inferred CSV column holding one is {@code STRING}, a CSV column declared
 * {@code DOUBLE} and any JSON input fail with the line. In CSV the words {@code Inf} and {@code Infinity} are
 * the way to write an infinity. Malformed UTF-8 fails with its line (and, in JSON, column).
 */
public final class TableReader {
  private TableReader() {}

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
   * decode a value on each {@link dev.mlops.validation.Column#getString(int)}, so millions of distinct strings do not cost millions
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
    Objects.requireNonNull(options, "options");
    return openChunks(path, () -> openUtf8(path, options.charset()),
        in -> new CsvTableReader(in, path.toString(), options, chunkRows));
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
    Objects.requireNonNull(columnTypes, "columnTypes");
    return openChunks(path, () -> new BufferedInputStream(Files.newInputStream(path), 1 << 16),
        in -> new JsonTableReader(in, path.toString(), columnTypes, chunkRows));
  }

  /** Opens a file's bytes. */
  private interface Opener {
    InputStream open() throws IOException;
  }

  /** Opens a file and hands it to a chunk reader, closing it when the reader cannot start. */
  private static TableChunks openChunks(Path path, Opener opener, Function<InputStream, TableChunks> reader) {
    Objects.requireNonNull(path, "path");
    InputStream in;
    try {
      in = opener.open();
    } catch (IOException e) {
      throw new StorageException("cannot open " + path + ": " + e.getMessage(), e);
    }
    try {
      return reader.apply(in);
    } catch (RuntimeException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
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

  private static Table concat(TableChunks chunks, String source) {
    List<Table> parts = new ArrayList<>();
    while (chunks.hasNext()) {
      parts.add(chunks.next());
    }
    if (parts.isEmpty()) {
      throw new InvalidInputException(source + ": no rows and no columns could be read");
    }
    return Table.concat(parts);
  }

}
