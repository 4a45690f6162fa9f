package dev.mlops.validation.internal.table;

import java.util.Arrays;

/**
 * The fields of a run of tokenized CSV records: for field {@code k}, the byte range {@code [start, end)} of its
 * text in the tokenized buffer (inside the quotes for a quoted field, doubled quotes still doubled) and its
 * flags; for each record, the line it starts on. Fields of record {@code r} with {@code n} columns are
 * {@code r * n .. r * n + n - 1}. Mutable and not thread-safe: one tokenizer fills it.
 */
final class CsvFields {
  /** The field was quoted: it is never a null token. */
  static final byte QUOTED = 1;
  /** The quoted field holds doubled quotes that stand for one quote each. */
  static final byte ESCAPED = 2;

  int[] starts;
  int[] ends;
  byte[] flags;
  int count;
  long[] rowLines;
  int rows;

  CsvFields(int fieldCapacity, int rowCapacity) {
    int f = Math.max(fieldCapacity, 16);
    starts = new int[f];
    ends = new int[f];
    flags = new byte[f];
    rowLines = new long[Math.max(rowCapacity, 16)];
  }

  void add(int start, int end, byte flag) {
    if (count == starts.length) {
      int n = count * 2;
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      flags = Arrays.copyOf(flags, n);
    }
    starts[count] = start;
    ends[count] = end;
    flags[count] = flag;
    count++;
  }

  void addRow(long line) {
    if (rows == rowLines.length) {
      rowLines = Arrays.copyOf(rowLines, rows * 2);
    }
    rowLines[rows++] = line;
  }

  /** Forgets the fields from field {@code fieldCount} and the rows from {@code rowCount} on. */
  void truncate(int fieldCount, int rowCount) {
    count = fieldCount;
    rows = rowCount;
  }

  /** Moves every field's range by {@code delta} bytes, after the buffer they point into was compacted. */
  void shift(int delta) {
    for (int k = 0; k < count; k++) {
      starts[k] += delta;
      ends[k] += delta;
    }
  }
}
