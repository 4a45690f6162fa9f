package dev.mlops.validation;

import dev.mlops.validation.internal.column.Utf8Storage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The values of a high-cardinality string column kept as UTF-8 bytes in one array with offsets, decoded to a
 * {@link String} only when read: millions of distinct values then cost two arrays instead of millions of
 * objects for the garbage collector to trace and copy. Row {@code r} is {@code bytes[offsets[r] ..
 * offsets[r + 1])}; a null row is an empty range (the column's null bitmap tells it from an empty string).
 * The bytes are valid UTF-8, checked when the column was made. Immutable and thread-safe.
 */
final class Utf8Strings {
  private final byte[] bytes;
  private final int[] offsets;
  private final int size;
  private final boolean ascii;

  /**
   * Wraps the arrays, which the caller must not change afterwards.
   *
   * @param bytes the values' UTF-8 bytes, back to back
   * @param offsets {@code size + 1} non-decreasing offsets into {@code bytes}
   * @param size the row count
   * @param ascii whether every byte is below 0x80 (then decoding is a plain copy)
   */
  Utf8Strings(byte[] bytes, int[] offsets, int size, boolean ascii) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.size = size;
    this.ascii = ascii;
  }

  /**
   * Returns the row count.
   *
   * @return the number of rows
   */
  int size() {
    return size;
  }

  /**
   * Decodes one row's value (a fresh string each call).
   *
   * @param row the row index
   * @return the value; the empty string for a null row
   */
  String get(int row) {
    int s = offsets[row];
    return new String(bytes, s, offsets[row + 1] - s, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /**
   * Lends the arrays, not copied, to rule kernels that judge values as bytes.
   *
   * @return a view of this storage
   */
  Utf8Storage storage() {
    return new Utf8Storage(bytes, offsets, ascii);
  }

  /**
   * Joins several columns' values in order.
   *
   * @param parts the parts
   * @return the joined values
   */
  static Utf8Strings concat(List<Utf8Strings> parts) {
    long totalBytes = 0;
    int rows = 0;
    boolean ascii = true;
    for (Utf8Strings p : parts) {
      totalBytes += p.offsets[p.size];
      rows += p.size;
      ascii &= p.ascii;
    }
    if (totalBytes > Integer.MAX_VALUE - 16) {
      throw new dev.mlops.core.InvalidInputException("a string column holds more than 2 GiB of text ("
          + totalBytes + " bytes); read the file in chunks with TableReader.readCsvChunks");
    }
    byte[] b = new byte[(int) totalBytes];
    int[] o = new int[rows + 1];
    int at = 0;
    int row = 0;
    for (Utf8Strings p : parts) {
      int n = p.offsets[p.size];
      System.arraycopy(p.bytes, 0, b, at, n);
      for (int r = 0; r < p.size; r++) {
        o[row + r] = p.offsets[r] + at;
      }
      row += p.size;
      at += n;
    }
    o[rows] = at;
    return new Utf8Strings(b, o, rows, ascii);
  }
}
