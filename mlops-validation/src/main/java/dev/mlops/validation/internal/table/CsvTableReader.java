package dev.mlops.validation.internal.table;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 CSV from UTF-8 bytes into {@link Table} chunks of at most a given number of rows, for files
 * larger than memory: the {@link CsvTokenizer} records each field as a byte range of one growing buffer that
 * holds the chunk, and the {@link CsvColumnParser} parses every column straight from those bytes. The first
 * chunk fixes the schema (declared types, else inferred from that chunk); later chunks must fit it. Not
 * thread-safe.
 */
public final class CsvTableReader extends PrefetchingChunks {
  /** Chunks with at least this many fields are parsed one column per core. */
  private static final long PARALLEL_FIELDS = 1 << 15;

  private final InputStream in;
  private final String source;
  private final int chunkRows;
  private final CsvTokenizer tokenizer;
  private final CsvColumnParser parser;
  private final CsvHeader header;
  private byte[] buf;
  /** Where the unread bytes start. */
  private int pos;
  /** Where the current chunk's bytes start; bytes before it may be dropped. */
  private int chunkStart;
  private int filled;
  private boolean eof;
  private final CsvFields fields = new CsvFields(1024, 64);
  private ColumnType @Nullable [] schema;
  private boolean finished;

  /**
   * Opens a reader; the header (if any) is read immediately.
   *
   * @param in the UTF-8 bytes, closed by {@link #close()}
   * @param source a name for error messages (the file path)
   * @param options the CSV options
   * @param chunkRows rows per chunk, at least 1
   * @throws InvalidInputException if the header is malformed or the file is empty
   * @throws StorageException if the input cannot be read
   */
  public CsvTableReader(InputStream in, String source, CsvOptions options, int chunkRows) {
    this(in, source, options, chunkRows, 1 << 16);
  }

  /** The same, with the buffer's initial size in bytes (tests use tiny ones to exercise compaction). */
  CsvTableReader(InputStream in, String source, CsvOptions options, int chunkRows, int bufferBytes) {
    if (chunkRows < 1) {
      throw new InvalidInputException("chunk size must be at least 1 row, got " + chunkRows);
    }
    this.in = in;
    this.source = source;
    this.chunkRows = chunkRows;
    this.buf = new byte[Math.max(bufferBytes, 4)];
    this.tokenizer = new CsvTokenizer(options.delimiter(), options.quote(), source, 1);
    while (filled < 3 && !eof) {
      readMore();
    }
    pos = CsvHeader.skipBom(buf, 0, filled);
    chunkStart = pos;
    int next;
    while ((next = tokenizer.record(buf, pos, filled, eof, fields)) == CsvTokenizer.INCOMPLETE) {
      readMore();
    }
    if (next == CsvTokenizer.NO_RECORD) {
      throw new InvalidInputException(source + ": the CSV file is empty (no header and no rows)");
    }
    this.header = new CsvHeader(source, buf, fields, options);
    this.parser = new CsvColumnParser(source, header.names(), options);
    if (options.header()) {
      fields.truncate(0, 0);
      chunkStart = next;
    }
    pos = next;
  }

  private void readMore() {
    if (filled == buf.length) {
      if (chunkStart > 0) {
        System.arraycopy(buf, chunkStart, buf, 0, filled - chunkStart);
        fields.shift(-chunkStart);
        filled -= chunkStart;
        pos -= chunkStart;
        chunkStart = 0;
      } else {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
    try {
      int n = in.read(buf, filled, buf.length - filled);
      if (n < 0) {
        eof = true;
      } else {
        filled += n;
      }
    } catch (IOException e) {
      throw new StorageException("cannot read CSV " + source + " near line " + tokenizer.line, e);
    }
  }

  @Override
  String source() {
    return source;
  }

  @Override
  @Nullable Table readChunk() {
    if (finished) {
      return null;
    }
    int ncol = header.names().size();
    while (fields.rows < chunkRows) {
      int before = fields.count;
      int next = tokenizer.record(buf, pos, filled, eof, fields);
      if (next == CsvTokenizer.INCOMPLETE) {
        readMore();
        continue;
      }
      if (next == CsvTokenizer.NO_RECORD) {
        finished = true;
        break;
      }
      header.checkFieldCount(fields.count - before, fields.rowLines[fields.rows - 1]);
      pos = next;
    }
    if (fields.rows == 0) {
      return null;
    }
    Table table = buildChunk(ncol);
    fields.truncate(0, 0);
    chunkStart = pos;
    return table;
  }

  private Table buildChunk(int ncol) {
    boolean firstChunk = schema == null;
    ColumnType[] types = firstChunk ? header.declaredTypes() : schema;
    ColumnType[] fixed = types.clone();
    Column[] columns = new Column[ncol];
    IntStream indexes = IntStream.range(0, ncol);
    if ((long) fields.count >= PARALLEL_FIELDS) {
      indexes = indexes.parallel();
    }
    byte[] data = buf;
    indexes.forEach(j -> {
      String mismatch = header.isDeclared(j) ? " as declared"
          : " as inferred from the first chunk; declare the column type in CsvOptions";
      CsvColumnParser.Parsed p = parser.parse(data, fields, j, fixed[j], mismatch);
      types[j] = p.type == null ? ColumnType.STRING : p.type;
      columns[j] = p.column;
    });
    schema = types;
    return Table.of(columns);
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // closing a read-only input cannot lose data; nothing to report
    }
  }
}
