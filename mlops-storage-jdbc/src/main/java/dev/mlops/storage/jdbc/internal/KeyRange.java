package dev.mlops.storage.jdbc.internal;

import dev.mlops.core.spi.StorageKeys;

/**
 * Turns a key prefix into the half-open range {@code [prefix, prefix + U+007F)} that an index can scan.
 *
 * <p>Keys hold only ASCII characters below U+007F ({@link StorageKeys}), and both schemas compare keys
 * byte by byte, so every key with the prefix sorts inside the range and no other key does. Unlike
 * {@code LIKE}, the range needs no escaping of the {@code %} and {@code _} that keys may contain.
 */
final class KeyRange {
  private KeyRange() {}

  /**
   * The exclusive upper bound of the keys starting with a prefix.
   *
   * @param prefix a valid, non-empty prefix
   * @return the bound
   */
  static String upperBound(String prefix) {
    return prefix + '\u007f';
  }
}
