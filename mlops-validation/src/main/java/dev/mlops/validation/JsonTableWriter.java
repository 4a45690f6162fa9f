package dev.mlops.validation;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Formats a table as a JSON array of objects, the format {@link Table#writeJson(java.nio.file.Path)} documents. */
final class JsonTableWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonTableWriter() {}

  static void write(Table table, Writer w) throws IOException {
    List<Column> columns = table.columns();
    w.write('[');
    for (int r = 0; r < table.rowCount(); r++) {
      w.write(r == 0 ? "\n{" : ",\n{");
      for (int c = 0; c < columns.size(); c++) {
        Column col = columns.get(c);
        if (c > 0) {
          w.write(',');
        }
        writeString(w, col.name());
        w.write(':');
        if (col.isNull(r)) {
          w.write("null");
          continue;
        }
        switch (col.type()) {
          case LONG:
            w.write(Long.toString(col.getLong(r)));
            break;
          case DOUBLE:
            double d = col.getDouble(r);
            if (Double.isFinite(d)) {
              w.write(Double.toString(d));
            } else {
              writeString(w, Double.toString(d));
            }
            break;
          case BOOLEAN:
            w.write(col.getBoolean(r) ? "true" : "false");
            break;
          default:
            writeString(w, col.format(r));
        }
      }
      w.write('}');
    }
    w.write("\n]\n");
  }

  private static void writeString(Writer w, String s) throws IOException {
    w.write('"');
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\' || ch < 0x20) {
        w.write(s, from, i - from);
        w.write('\\');
        switch (ch) {
          case '"':
          case '\\':
            w.write(ch);
            break;
          case '\n':
            w.write('n');
            break;
          case '\r':
            w.write('r');
            break;
          case '\t':
            w.write('t');
            break;
          default:
            w.write("u00");
            w.write(HEX[ch >> 4]);
            w.write(HEX[ch & 15]);
        }
        from = i + 1;
      }
    }
    w.write(s, from, s.length() - from);
    w.write('"');
  }
}
