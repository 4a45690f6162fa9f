package dev.mlops.validation.internal.table;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 CSV into {@link Table} chunks: a hand-written tokenizer copies each record's fields (quotes
 * removed, doubled quotes unescaped, embedded newlines kept) into one buffer per chunk, then every column is
 * typed and parsed straight from that buffer. Blank lines are skipped. Not thread-safe.
 */
public final class CsvTableReader extends PrefetchingChunks {
  private static final ColumnType[] INFERENCE_ORDER = {
    ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TIMESTAMP
  };

  private final Reader in;
  private final String source;
  private final int chunkRows;
  private final char delimiter;
  private final char quote;
  private final char[][] nullTokens;
  private final Map<String, ColumnType> declared;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private long line = 1;

  private final List<String> names;
  private ColumnType @Nullable [] schema;
  private char[] data = new char[1 << 16];
  private int dataLen;
  private int[] starts = new int[1024];
  private int[] ends = new int[1024];
  private boolean[] quoted = new boolean[1024];
  private int fieldCount;
  private long[] rowLines = new long[64];
  private boolean finished;
  private boolean started;

  /**
   * Opens a reader; the header (if any) is read immediately.
   *
   * @param in the character source, closed by {@link #close()}
   * @param source a name for error messages (the file path)
   * @param options the CSV options
   * @param chunkRows rows per chunk, at least 1
   * @throws InvalidInputException if the header is malformed or the file is empty
   */
  public CsvTableReader(Reader in, String source, CsvOptions options, int chunkRows) {
    if (chunkRows < 1) {
      throw new InvalidInputException("chunk size must be at least 1 row, got " + chunkRows);
    }
    this.in = in;
    this.source = source;
    this.chunkRows = chunkRows;
    this.delimiter = options.delimiter();
    this.quote = options.quote();
    this.nullTokens = options.nullTokens().stream().map(String::toCharArray).toArray(char[][]::new);
    this.declared = options.columnTypes();
    skipBom();
    this.names = new ArrayList<>();
    int before = fieldCount;
    if (!readRecord()) {
      throw new InvalidInputException(source + ": the CSV file is empty (no header and no rows)");
    }
    int n = fieldCount - before;
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < n; k++) {
      String name = options.header() ? new String(data, starts[k], ends[k] - starts[k]) : "c" + (k + 1);
      if (name.isEmpty()) {
        name = "c" + (k + 1);
      }
      if (!seen.add(name)) {
        throw new InvalidInputException(source + ": line 1 repeats the column name '" + name + "'");
      }
      names.add(name);
    }
    for (String d : declared.keySet()) {
      if (!seen.contains(d)) {
        throw new InvalidInputException(source + ": a type was declared for column '" + d
            + "', which the header does not have; columns are " + names);
      }
    }
    if (options.header()) {
      fieldCount = 0;
      dataLen = 0;
    } else {
      rowLines[0] = 1;
    }
    started = !options.header();
  }

  private void skipBom() {
    if (fill() && buf[pos] == '\uFEFF') {
      pos++;
    }
  }

  private boolean fill() {
    if (pos < limit) {
      return true;
    }
    if (eof) {
      return false;
    }
    try {
      int n;
      do {
        n = in.read(buf, 0, buf.length);
      } while (n == 0);
      if (n < 0) {
        eof = true;
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    } catch (IOException e) {
      throw new StorageException("cannot read CSV " + source + " near line " + line, e);
    }
  }

  private int read() {
    if (pos < limit || fill()) {
      return buf[pos++];
    }
    return -1;
  }

  private int peek() {
    if (pos < limit || fill()) {
      return buf[pos];
    }
    return -1;
  }

  private void append(char c) {
    if (dataLen == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[dataLen++] = c;
  }

  private void addField(int start, int end, boolean q) {
    if (fieldCount == starts.length) {
      int n = starts.length * 2;
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      quoted = Arrays.copyOf(quoted, n);
    }
    starts[fieldCount] = start;
    ends[fieldCount] = end;
    quoted[fieldCount] = q;
    fieldCount++;
  }

  /** Reads one record's fields into the chunk buffers; returns false at end of input. */
  private boolean readRecord() {
    int c;
    do {
      c = read();
      if (c == '\r' && peek() == '\n') {
        c = read();
      }
      if (c == '\n' || c == '\r') {
        line++;
      }
    } while (c == '\n' || c == '\r');
    if (c == -1) {
      return false;
    }
    long startLine = line;
    int field = 1;
    while (true) {
      int start = dataLen;
      boolean q = false;
      if (c == quote) {
        q = true;
        while (true) {
          c = read();
          if (c == -1) {
            throw new InvalidInputException(source + ": line " + startLine + ", field " + field
                + ": a quoted field is not closed before the end of the file");
          }
          if (c == quote) {
            c = read();
            if (c == quote) {
              append(quote);
              continue;
            }
            break;
          }
          if (c == '\n') {
            line++;
          }
          append((char) c);
        }
        if (c != delimiter && c != '\n' && c != '\r' && c != -1) {
          throw new InvalidInputException(source + ": line " + line + ", field " + field
              + ": unexpected character '" + (char) c + "' after a closing quote");
        }
      } else {
        char[] d = data;
        int len = dataLen;
        while (c != delimiter && c != '\n' && c != '\r' && c != -1) {
          if (len == d.length) {
            dataLen = len;
            data = Arrays.copyOf(d, d.length * 2);
            d = data;
          }
          d[len++] = (char) c;
          if (pos < limit) {
            c = buf[pos++];
          } else {
            dataLen = len;
            c = read();
          }
        }
        dataLen = len;
      }
      addField(start, dataLen, q);
      if (c == delimiter) {
        c = read();
        field++;
        continue;
      }
      if (c == '\r' && peek() == '\n') {
        read();
      }
      if (c != -1) {
        line++;
      }
      return true;
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
    int ncol = names.size();
    int rows = 0;
    if (started) {
      if (fieldCount != ncol) {
        throw fieldCountError(1, fieldCount, ncol);
      }
      rows = 1;
      started = false;
    }
    while (rows < chunkRows) {
      int before = fieldCount;
      long lineBefore = line;
      if (!readRecord()) {
        finished = true;
        break;
      }
      int n = fieldCount - before;
      if (n != ncol) {
        throw fieldCountError(lineBefore, n, ncol);
      }
      if (rows == rowLines.length) {
        rowLines = Arrays.copyOf(rowLines, rows * 2);
      }
      rowLines[rows++] = lineBefore;
    }
    if (rows == 0) {
      return null;
    }
    Table table = buildChunk(rows, ncol);
    fieldCount = 0;
    dataLen = 0;
    return table;
  }

  private InvalidInputException fieldCountError(long atLine, int found, int expected) {
    return new InvalidInputException(source + ": line " + atLine + " has " + found + " fields but the header has "
        + expected + " (" + names + ")");
  }

  private Table buildChunk(int rows, int ncol) {
    boolean firstChunk = schema == null;
    ColumnType[] types = firstChunk ? new ColumnType[ncol] : schema;
    List<Column> columns = new ArrayList<>(ncol);
    boolean[] nul = new boolean[rows];
    for (int j = 0; j < ncol; j++) {
      String name = names.get(j);
      for (int r = 0; r < rows; r++) {
        int idx = r * ncol + j;
        nul[r] = !quoted[idx] && isNullToken(starts[idx], ends[idx]);
      }
      ColumnType type = types[j];
      boolean checked = !firstChunk || declared.containsKey(name);
      if (type == null) {
        ColumnType d = declared.get(name);
        type = d != null ? d : infer(rows, ncol, j, nul);
        types[j] = type;
      }
      columns.add(materialize(name, type, rows, ncol, j, nul, checked));
    }
    schema = types;
    return Table.of(columns);
  }

  private boolean isNullToken(int s, int e) {
    int len = e - s;
    outer:
    for (char[] t : nullTokens) {
      if (t.length != len) {
        continue;
      }
      for (int k = 0; k < len; k++) {
        if (data[s + k] != t[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private ColumnType infer(int rows, int ncol, int j, boolean[] nul) {
    boolean[] possible = {true, true, true, true, true};
    int alive = possible.length;
    boolean any = false;
    for (int r = 0; r < rows && alive > 0; r++) {
      if (nul[r]) {
        continue;
      }
      any = true;
      int idx = r * ncol + j;
      for (int k = 0; k < possible.length; k++) {
        if (possible[k] && !parses(INFERENCE_ORDER[k], starts[idx], ends[idx])) {
          possible[k] = false;
          alive--;
        }
      }
    }
    if (any) {
      for (int k = 0; k < possible.length; k++) {
        if (possible[k]) {
          return INFERENCE_ORDER[k];
        }
      }
    }
    return ColumnType.STRING;
  }

  private boolean parses(ColumnType type, int s, int e) {
    switch (type) {
      case LONG:
        return TextValues.isLong(data, s, e);
      case DOUBLE:
        return TextValues.isDouble(data, s, e);
      case BOOLEAN:
        return TextValues.isBoolean(data, s, e);
      case DATE:
        return TextValues.isDate(data, s, e);
      case TIMESTAMP:
        return TextValues.isTimestamp(data, s, e);
      default:
        return true;
    }
  }

  private Column materialize(String name, ColumnType type, int rows, int ncol, int j, boolean[] nul,
      boolean checked) {
    Column.Builder b = Column.builder(name, type, rows);
    char[] d = data;
    for (int r = 0; r < rows; r++) {
      if (nul[r]) {
        b.addNull();
        continue;
      }
      int idx = r * ncol + j;
      int s = starts[idx];
      int e = ends[idx];
      if (checked && type != ColumnType.STRING && !parses(type, s, e)) {
        throw new InvalidInputException(source + ": line " + rowLines[r] + ", column '" + name + "' (field "
            + (j + 1) + "): '" + shorten(new String(d, s, e - s)) + "' is not a valid " + type
            + (declared.containsKey(name) ? " as declared" : " as inferred from the first chunk; declare the"
            + " column type in CsvOptions"));
      }
      switch (type) {
        case LONG:
          b.addLong(TextValues.parseLong(d, s, e));
          break;
        case DOUBLE:
          b.addDouble(TextValues.parseDouble(d, s, e));
          break;
        case BOOLEAN:
          b.addBoolean(TextValues.parseBoolean(d, s, e));
          break;
        case DATE:
          b.addLong(TextValues.parseDate(d, s, e));
          break;
        case TIMESTAMP:
          b.addLong(TextValues.parseTimestamp(d, s, e));
          break;
        default:
          b.addString(new String(d, s, e - s));
      }
    }
    return b.build();
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // closing a read-only file cannot lose data; nothing to report
    }
  }
}
