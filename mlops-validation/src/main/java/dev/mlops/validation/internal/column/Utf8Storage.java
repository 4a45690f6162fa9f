package dev.mlops.validation.internal.column;

import org.jspecify.annotations.Nullable;

/**
 * The UTF-8 bytes behind a string column that keeps its values as bytes (a {@code StringColumn} made by a UTF-8
 * builder, as the readers make them), lent to rule kernels so that they can judge a value without decoding it into
 * a {@code String}. Row {@code r} is {@code bytes()[start(r) .. end(r))}; a null row is an empty range (the column's
 * null bitmap tells it from an empty string). The arrays are the column's own, not copies: a caller must never
 * change them. Immutable and thread-safe.
 *
 * <p>The public column type hands out its storage through {@link #install(Source)} at class initialization, so
 * the bytes stay out of the public API: {@link #of(Object)} is the only way in.
 */
public final class Utf8Storage {
  private static volatile @Nullable Source source;

  private final byte[] bytes;
  private final int[] offsets;
  private final boolean ascii;

  /**
   * Wraps a column's arrays without copying them.
   *
   * @param bytes the values' UTF-8 bytes, back to back
   * @param offsets one more offset than rows, non-decreasing
   * @param ascii whether every byte is below 0x80
   */
  public Utf8Storage(byte[] bytes, int[] offsets, boolean ascii) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.ascii = ascii;
  }

  /**
   * Returns the bytes of all values, back to back; the caller must not change them.
   *
   * @return the column's own array
   */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * Returns where a row's bytes start.
   *
   * @param row the row
   * @return the first byte's index
   */
  public int start(int row) {
    return offsets[row];
  }

  /**
   * Returns where a row's bytes end.
   *
   * @param row the row
   * @return the index after the last byte
   */
  public int end(int row) {
    return offsets[row + 1];
  }

  /**
   * Tells whether every byte is below 0x80 (so byte {@code i} is the character {@code i}).
   *
   * @return {@code true} if the column is pure ASCII
   */
  public boolean ascii() {
    return ascii;
  }

  /** How the public column type lends its storage; implemented privately by that type. */
  public interface Source {
    /**
     * Returns a column's UTF-8 storage.
     *
     * @param column any column
     * @return the storage, or {@code null} if the column does not keep its values as UTF-8 bytes
     */
    @Nullable Utf8Storage of(Object column);
  }

  /**
   * Installs the source; called once by the string column type when its class is initialized.
   *
   * @param s the source
   * @throws IllegalStateException if a source is installed already
   */
  public static synchronized void install(Source s) {
    if (source != null) {
      throw new IllegalStateException("the UTF-8 storage source is installed already");
    }
    source = s;
  }

  /**
   * Returns a column's UTF-8 storage, if it keeps its values as bytes.
   *
   * @param column any column (a string column is initialized, and its source installed, before it exists)
   * @return the storage, or {@code null}
   */
  public static @Nullable Utf8Storage of(Object column) {
    Source s = source;
    return s == null ? null : s.of(column);
  }
}
