package dev.mlops.validation.internal.table;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The column names of a CSV file and the types declared for them. Immutable and thread-safe. */
final class CsvHeader {
  private final String source;
  private final List<String> names;
  private final ColumnType[] declared;

  /**
   * Reads the names from the first record in {@code fields} (or names the columns {@code c1, c2, ...}).
   *
   * @throws InvalidInputException if a name repeats or a declared column does not exist
   */
  CsvHeader(String source, byte[] data, CsvFields fields, CsvOptions options) {
    this.source = source;
    List<String> list = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < fields.count; k++) {
      String name = options.header() ? new String(data, fields.starts[k], fields.ends[k] - fields.starts[k],
          StandardCharsets.UTF_8) : "c" + (k + 1);
      if ((fields.flags[k] & CsvFields.ESCAPED) != 0) {
        name = name.replace(String.valueOf(options.quote()) + options.quote(), String.valueOf(options.quote()));
      }
      if (name.isEmpty()) {
        name = "c" + (k + 1);
      }
      if (!seen.add(name)) {
        throw new InvalidInputException(source + ": line 1 repeats the column name '" + name + "'");
      }
      list.add(name);
    }
    for (String d : options.columnTypes().keySet()) {
      if (!seen.contains(d)) {
        throw new InvalidInputException(source + ": a type was declared for column '" + d
            + "', which the header does not have; columns are " + list);
      }
    }
    this.names = List.copyOf(list);
    this.declared = new ColumnType[names.size()];
    for (int k = 0; k < declared.length; k++) {
      declared[k] = options.columnTypes().get(names.get(k));
    }
  }

  List<String> names() {
    return names;
  }

  /** Returns a fresh array of the declared types, {@code null} where a column's type is to be inferred. */
  ColumnType[] declaredTypes() {
    return declared.clone();
  }

  boolean isDeclared(int column) {
    return declared[column] != null;
  }

  /**
   * Checks that a record has as many fields as the header.
   *
   * @throws CsvLineError if it has not
   */
  void checkFieldCount(int found, long line) {
    if (found != names.size()) {
      throw new CsvLineError(source, line, " has " + found + " fields but the header has " + names.size() + " ("
          + names + ")");
    }
  }

  /** Returns the position after a UTF-8 byte-order mark at {@code from}, or {@code from}. */
  static int skipBom(byte[] b, int from, int limit) {
    if (limit - from >= 3 && b[from] == (byte) 0xEF && b[from + 1] == (byte) 0xBB && b[from + 2] == (byte) 0xBF) {
      return from + 3;
    }
    return from;
  }
}
