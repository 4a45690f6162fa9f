package dev.mlops.validation.internal.rules;

/**
 * An open-addressing hash map from {@code long} keys to counts, without boxing: the exact counts of a column with
 * few distinct keys ({@link LongMultiset} moves many distinct keys to an array) and the repeated key hashes of
 * {@link KeyKernel}. A key and its count share one array (slot {@code i} at {@code 2i} and {@code 2i + 1}), so a
 * probe costs one cache miss, not two. Not thread-safe.
 */
final class LongCounts {
  /** Keys at even and counts at odd indexes; a zero count marks an empty slot. */
  private long[] slots = new long[32];
  private int size;
  private int mask = 15;

  /**
   * MurmurHash3's 64-bit finalizer: keys that are multiples or shifts of each other still spread evenly.
   *
   * @param key the key
   * @return its hash
   */
  static long mix64(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Adds {@code n} occurrences of a key. */
  void add(long key, long n) {
    long[] s = slots;
    int i = (int) mix64(key) & mask;
    while (true) {
      int at = i << 1;
      long c = s[at + 1];
      if (c == 0) {
        s[at] = key;
        s[at + 1] = n;
        // a load of 0.6 keeps linear probes short (about 1.8 slots on a hit)
        if (++size > (mask + 1) * 0.6) {
          resize((mask + 1) * 2);
        }
        return;
      }
      if (s[at] == key) {
        s[at + 1] = c + n;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Returns the count of a key.
   *
   * @param key the key
   * @return its count, 0 if absent
   */
  long count(long key) {
    long[] s = slots;
    int i = (int) mix64(key) & mask;
    while (true) {
      int at = i << 1;
      long c = s[at + 1];
      if (c == 0 || s[at] == key) {
        return c;
      }
      i = (i + 1) & mask;
    }
  }

  private void resize(int capacity) {
    long[] old = slots;
    slots = new long[capacity * 2];
    mask = capacity - 1;
    size = 0;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != 0) {
        add(old[i], old[i + 1]);
      }
    }
  }

  /** Folds another map in, into whichever of the two tables is larger (the other is left unusable). */
  void merge(LongCounts other) {
    if (other.mask > mask) {
      long[] s = slots;
      slots = other.slots;
      other.slots = s;
      int m = mask;
      mask = other.mask;
      other.mask = m;
      int n = size;
      size = other.size;
      other.size = n;
    }
    long[] o = other.slots;
    for (int i = 0; i < o.length; i += 2) {
      if (o[i + 1] != 0) {
        add(o[i], o[i + 1]);
      }
    }
  }

  int size() {
    return size;
  }

  /** Calls the visitor for every key and count, in no particular order. */
  void forEach(Visitor visitor) {
    visit(visitor, 1);
  }

  /** Calls the visitor for every key counted more than once, in no particular order. */
  void forEachRepeated(Visitor visitor) {
    visit(visitor, 2);
  }

  private void visit(Visitor visitor, long atLeast) {
    long[] s = slots;
    for (int i = 0; i < s.length; i += 2) {
      if (s[i + 1] >= atLeast) {
        visitor.visit(s[i], s[i + 1]);
      }
    }
  }

  /** Receives entries. */
  interface Visitor {
    void visit(long key, long count);
  }

  @Override
  public String toString() {
    return "LongCounts[" + size + " keys, capacity " + (mask + 1) + "]";
  }
}
