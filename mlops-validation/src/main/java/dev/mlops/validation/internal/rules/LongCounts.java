package dev.mlops.validation.internal.rules;


/**
 * An open-addressing hash map from {@code long} keys to counts, without boxing: the exact state behind
 * uniqueness and distinct-value rules on long-backed, double and boolean columns. Not thread-safe.
 */
final class LongCounts {
  private long[] keys = new long[16];
  private long[] counts = new long[16];
  private int size;
  private int mask = 15;

  /** Adds {@code n} occurrences of a key. */
  void add(long key, long n) {
    int i = mix(key) & mask;
    while (true) {
      long c = counts[i];
      if (c == 0) {
        keys[i] = key;
        counts[i] = n;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      if (keys[i] == key) {
        counts[i] = c + n;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** MurmurHash3's 64-bit finalizer: keys that are multiples or shifts of each other still spread evenly. */
  private static int mix(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldCounts[i] != 0) {
        add(oldKeys[i], oldCounts[i]);
      }
    }
  }

  /**
   * Makes room for {@code expected} keys without rehashing.
   *
   * @param expected the number of keys expected
   */
  void reserve(int expected) {
    int want = Integer.highestOneBit(Math.max(16, Math.min(expected, 1 << 29)) * 2 - 1) << 1;
    if (want > keys.length) {
      long[] oldKeys = keys;
      long[] oldCounts = counts;
      keys = new long[want];
      counts = new long[want];
      mask = want - 1;
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldCounts[i] != 0) {
          add(oldKeys[i], oldCounts[i]);
        }
      }
    }
  }

  /** Folds another map in. */
  void merge(LongCounts other) {
    reserve(size + other.size);
    for (int i = 0; i < other.keys.length; i++) {
      if (other.counts[i] != 0) {
        add(other.keys[i], other.counts[i]);
      }
    }
  }

  int size() {
    return size;
  }

  /** Calls the visitor for every key and count, in no particular order. */
  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (counts[i] != 0) {
        visitor.visit(keys[i], counts[i]);
      }
    }
  }

  /** Receives entries. */
  interface Visitor {
    void visit(long key, long count);
  }

  @Override
  public String toString() {
    return "LongCounts[" + size + " keys, capacity " + keys.length + "]";
  }
}
