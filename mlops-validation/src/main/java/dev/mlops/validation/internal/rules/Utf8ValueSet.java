package dev.mlops.validation.internal.rules;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * A set of strings asked with UTF-8 byte ranges, so that a column kept as bytes is judged without decoding a
 * {@code String} per row (and hashing it anew, since a decoded string has no cached hash): an open-addressing table
 * of the values' UTF-8 encodings. Bytes equal an encoding exactly when the decoded text equals the value, for
 * well-formed UTF-8 (a column that is pure ASCII, say); a value with an unpaired surrogate, which no decoded text
 * can equal, is left out. Immutable and thread-safe.
 */
final class Utf8ValueSet {
  private final byte[][] slots;
  private final int mask;

  Utf8ValueSet(Set<String> values) {
    int size = Integer.highestOneBit(Math.max(4, values.size() * 4 - 1)) << 1;
    slots = new byte[size][];
    mask = size - 1;
    for (String v : values) {
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      if (!new String(b, StandardCharsets.UTF_8).equals(v)) {
        continue;
      }
      int i = hash(b, 0, b.length) & mask;
      while (slots[i] != null) {
        i = (i + 1) & mask;
      }
      slots[i] = b;
    }
  }

  private static int hash(byte[] b, int from, int to) {
    int h = to - from;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16);
  }

  /**
   * Tells whether the text encoded by {@code b[from, to)} is in the set.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to the end, exclusive
   * @return {@code true} if one of the values has exactly these bytes
   */
  boolean contains(byte[] b, int from, int to) {
    for (int i = hash(b, from, to) & mask; slots[i] != null; i = (i + 1) & mask) {
      byte[] s = slots[i];
      if (Arrays.equals(s, 0, s.length, b, from, to)) {
        return true;
      }
    }
    return false;
  }
}
