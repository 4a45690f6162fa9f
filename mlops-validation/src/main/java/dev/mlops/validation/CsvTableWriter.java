package dev.mlops.validation;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;

/** Formats a table as RFC 4180 CSV, the format {@link Table#writeCsv(java.nio.file.Path)} documents. */
final class CsvTableWriter {
  /** The unquoted texts the default {@link CsvOptions} read as null, which a string value must quote. */
  private static final Set<String> NULL_TOKENS = Set.of("NA", "N/A", "null", "NULL");

  private CsvTableWriter() {}

  static void write(Table table, Writer w) throws IOException {
    List<Column> columns = table.columns();
    String nullField = columns.size() == 1 ? "NA" : "";
    for (int c = 0; c < columns.size(); c++) {
      if (c > 0) {
        w.write(',');
      }
      writeString(w, columns.get(c).name());
    }
    w.write("\r\n");
    for (int r = 0; r < table.rowCount(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        if (c > 0) {
          w.write(',');
        }
        Column col = columns.get(c);
        if (col.isNull(r)) {
          w.write(nullField);
        } else if (col.type() == ColumnType.STRING) {
          writeString(w, col.getString(r));
        } else {
          w.write(col.format(r));
        }
      }
      w.write("\r\n");
    }
  }

  private static void writeString(Writer w, String s) throws IOException {
    if (!needsQuotes(s)) {
      w.write(s);
      return;
    }
    w.write('"');
    int from = 0;
    for (int i = s.indexOf('"'); i >= 0; i = s.indexOf('"', from)) {
      w.write(s, from, i + 1 - from);
      w.write('"');
      from = i + 1;
    }
    w.write(s, from, s.length() - from);
    w.write('"');
  }

  private static boolean needsQuotes(String s) {
    if (s.isEmpty() || NULL_TOKENS.contains(s) || Character.isWhitespace(s.charAt(0))
        || Character.isWhitespace(s.charAt(s.length() - 1)) || s.charAt(0) == '\uFEFF') {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
        return true;
      }
    }
    return false;
  }
}
