package dev.mlops.validation.internal.rules;

import java.util.stream.IntStream;

/**
 * A hash map from {@code long} keys to counts, without boxing: the exact state behind uniqueness and distinct-value
 * rules on long-backed, double and boolean columns.
 *
 * <p>Keys are spread over {@value #PARTS} open-addressing tables by the top bits of their hash, so a table grows a
 * part at a time and two maps merge part by part, in parallel when they are large (the merge of two workers' maps
 * of a multi-million-row key column is otherwise a long single-threaded tail). In each part a key and its count
 * share one array (slot {@code i} at {@code 2i} and {@code 2i + 1}), so a probe into a table larger than the caches
 * costs one cache miss, not two. Not thread-safe (a merge uses other threads only inside the call).
 */
final class LongCounts {
  private static final int PART_BITS = 6;
  private static final int PARTS = 1 << PART_BITS;
  /** Keys at which a merge is worth spreading over threads. */
  private static final int PARALLEL_MERGE = 1 << 18;

  private final Part[] parts = new Part[PARTS];

  LongCounts() {
    for (int p = 0; p < PARTS; p++) {
      parts[p] = new Part();
    }
  }

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
    long h = mix64(key);
    parts[(int) (h >>> (64 - PART_BITS))].add(key, (int) h, n);
  }

  /**
   * Returns the count of a key.
   *
   * @param key the key
   * @return its count, 0 if absent
   */
  long count(long key) {
    long h = mix64(key);
    return parts[(int) (h >>> (64 - PART_BITS))].count(key, (int) h);
  }

  /** Folds another map in, part by part; the other map is left unusable. */
  void merge(LongCounts other) {
    IntStream range = IntStream.range(0, PARTS);
    if (Math.min(size(), other.size()) >= PARALLEL_MERGE) {
      range = range.parallel();
    }
    range.forEach(p -> parts[p] = parts[p].merge(other.parts[p]));
  }

  int size() {
    int n = 0;
    for (Part p : parts) {
      n += p.size;
    }
    return n;
  }

  /** Calls the visitor for every key and count, in no particular order. */
  void forEach(Visitor visitor) {
    for (Part p : parts) {
      p.forEach(visitor, 1);
    }
  }

  /** Calls the visitor for every key counted more than once, in no particular order. */
  void forEachRepeated(Visitor visitor) {
    for (Part p : parts) {
      p.forEach(visitor, 2);
    }
  }

  /** Receives entries. */
  interface Visitor {
    void visit(long key, long count);
  }

  @Override
  public String toString() {
    return "LongCounts[" + size() + " keys]";
  }

  /** One open-addressing table; a zero count marks an empty slot. */
  private static final class Part {
    private long[] slots = new long[32];
    private int size;
    private int mask = 15;

    /** The most keys a capacity holds: a load of 0.6 keeps linear probes short (about 1.8 slots on a hit). */
    private static int maxSize(int capacity) {
      return (int) (capacity * 0.6);
    }

    void add(long key, int hash, long n) {
      long[] s = slots;
      int i = hash & mask;
      while (true) {
        int at = i << 1;
        long c = s[at + 1];
        if (c == 0) {
          s[at] = key;
          s[at + 1] = n;
          if (++size > maxSize(mask + 1)) {
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

    long count(long key, int hash) {
      long[] s = slots;
      int i = hash & mask;
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
          add(old[i], (int) mix64(old[i]), old[i + 1]);
        }
      }
    }

    void reserve(int expected) {
      int want = mask + 1;
      while (maxSize(want) < expected && want < (1 << 28)) {
        want <<= 1;
      }
      if (want > mask + 1) {
        resize(want);
      }
    }

    /** Folds another part in, into whichever of the two is larger; returns that one. */
    Part merge(Part other) {
      Part into = other.mask > mask ? other : this;
      Part from = into == this ? other : this;
      into.reserve(into.size + from.size);
      long[] o = from.slots;
      for (int i = 0; i < o.length; i += 2) {
        if (o[i + 1] != 0) {
          into.add(o[i], (int) mix64(o[i]), o[i + 1]);
        }
      }
      return into;
    }

    void forEach(Visitor visitor, long atLeast) {
      long[] s = slots;
      for (int i = 0; i < s.length; i += 2) {
        if (s[i + 1] >= atLeast) {
          visitor.visit(s[i], s[i + 1]);
        }
      }
    }
  }
}
