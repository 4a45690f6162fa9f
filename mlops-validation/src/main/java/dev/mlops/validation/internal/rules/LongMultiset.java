package dev.mlops.validation.internal.rules;

import java.util.Arrays;

/**
 * Exact counts of {@code long} keys that adapt to the column: while there are few distinct keys they are counted in
 * a hash map ({@link LongCounts}); past {@link #DEFAULT_SWITCH} distinct keys (a key column, say) every key is
 * appended to a plain array instead, which is sorted by an LSD radix sort when the counts are read. Appending is a
 * sequential write, each worker sorts its own keys ({@link #seal()}) and merging two states is a linear merge of
 * sorted arrays (or a concatenation), so a column of millions of distinct keys costs
 * 8 bytes a row and a linear-time sort, instead of a random cache miss per row in a table of about 27 bytes a key.
 * Not thread-safe.
 */
final class LongMultiset {
  /** Distinct keys past which the hash map gives way to the array. */
  static final int DEFAULT_SWITCH = 1 << 16;
  private static final int DIGIT_BITS = 11;
  private static final int DIGITS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;
  private static final int RADIX = 1 << DIGIT_BITS;

  private final int switchAt;
  private LongCounts counts = new LongCounts();
  private long[] keys = new long[0];
  private int size;
  private boolean arrayMode;
  private boolean sorted;
  /** Rows this multiset may be given, to size the array once on switching (0 when unknown). */
  private int rowsHint;

  /** Creates an empty multiset that switches to the array at {@link #DEFAULT_SWITCH} distinct keys. */
  LongMultiset() {
    this(DEFAULT_SWITCH);
  }

  /**
   * Creates an empty multiset.
   *
   * @param switchAt the distinct keys past which keys go to the array (small in tests)
   */
  LongMultiset(int switchAt) {
    this.switchAt = switchAt;
  }

  /**
   * Says how many rows may come (the table's row count), so the array is allocated once when keys move to it.
   *
   * @param rows an upper bound on the rows to come
   */
  void expectRows(int rows) {
    rowsHint = Math.max(rowsHint, rows);
  }

  /** Adds one occurrence of a key. */
  void add(long key) {
    if (arrayMode) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, Math.max(16, keys.length * 2));
      }
      keys[size++] = key;
      sorted = false;
      return;
    }
    counts.add(key, 1);
    if (counts.size() > switchAt) {
      toArray(0);
    }
  }

  /** Moves the hash map's keys (each repeated by its count) into the array, with room for {@code more}. */
  private void toArray(long more) {
    long total = more;
    long[] rows = new long[1];
    counts.forEach((k, n) -> rows[0] += n);
    total += rows[0];
    long[] out = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(rowsHint, Math.max(16, total * 2)))];
    int[] at = new int[1];
    counts.forEach((k, n) -> {
      for (long i = 0; i < n; i++) {
        out[at[0]++] = k;
      }
    });
    keys = out;
    size = at[0];
    counts = new LongCounts();
    arrayMode = true;
    sorted = false;
  }

  /** Folds another multiset in; the other is left unusable. */
  void merge(LongMultiset other) {
    if (!arrayMode && !other.arrayMode) {
      counts.merge(other.counts);
      if (counts.size() > switchAt) {
        toArray(0);
      }
      return;
    }
    if (!arrayMode) {
      toArray(other.size);
    }
    if (!other.arrayMode) {
      other.toArray(0);
    }
    if (sorted && other.sorted) {
      // both sorted on their own workers (seal): one linear merge keeps the result sorted
      long[] out = new long[size + other.size];
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < size && j < other.size) {
        out[k++] = Long.compareUnsigned(keys[i], other.keys[j]) <= 0 ? keys[i++] : other.keys[j++];
      }
      System.arraycopy(keys, i, out, k, size - i);
      System.arraycopy(other.keys, j, out, k + size - i, other.size - j);
      keys = out;
      size = out.length;
      return;
    }
    if (size + other.size > keys.length) {
      keys = Arrays.copyOf(keys, Math.max(size + other.size, keys.length + keys.length / 2));
    }
    System.arraycopy(other.keys, 0, keys, size, other.size);
    size += other.size;
    sorted = false;
  }

  /** Sorts the array now, if keys are in it (so a worker sorts its own keys in parallel with the others). */
  void seal() {
    if (arrayMode) {
      sort();
    }
  }

  /**
   * Returns the number of distinct keys.
   *
   * @return the count
   */
  int distinct() {
    if (!arrayMode) {
      return counts.size();
    }
    sort();
    int d = 0;
    for (int i = 0; i < size; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        d++;
      }
    }
    return d;
  }

  /** Calls the visitor for every key and count. */
  void forEach(LongCounts.Visitor visitor) {
    visit(visitor, 1);
  }

  /** Calls the visitor for every key counted more than once. */
  void forEachRepeated(LongCounts.Visitor visitor) {
    visit(visitor, 2);
  }

  private void visit(LongCounts.Visitor visitor, long atLeast) {
    if (!arrayMode) {
      if (atLeast > 1) {
        counts.forEachRepeated(visitor);
      } else {
        counts.forEach(visitor);
      }
      return;
    }
    sort();
    int i = 0;
    while (i < size) {
      int j = i + 1;
      while (j < size && keys[j] == keys[i]) {
        j++;
      }
      if (j - i >= atLeast) {
        visitor.visit(keys[i], j - i);
      }
      i = j;
    }
  }

  /**
   * Sorts the array by an LSD radix sort over 11-bit digits, skipping digits that every key shares (found by one
   * pass that ORs every key's difference from the first, so that only the other digits are counted).
   */
  private void sort() {
    if (sorted || size < 2) {
      sorted = true;
      return;
    }
    // the bits in which some key differs from the first: digits without such bits are skipped, not counted
    long k0 = keys[0];
    long varying = 0;
    for (int i = 1; i < size; i++) {
      varying |= keys[i] ^ k0;
    }
    int[] used = new int[DIGITS];
    int digits = 0;
    for (int d = 0; d < DIGITS; d++) {
      if ((varying >>> (d * DIGIT_BITS) & (RADIX - 1)) != 0) {
        used[digits++] = d;
      }
    }
    int[][] histograms = new int[digits][RADIX];
    for (int i = 0; i < size; i++) {
      long k = keys[i];
      for (int j = 0; j < digits; j++) {
        histograms[j][(int) (k >>> (used[j] * DIGIT_BITS)) & (RADIX - 1)]++;
      }
    }
    long[] from = keys;
    long[] to = new long[size];
    for (int j = 0; j < digits; j++) {
      int[] h = histograms[j];
      int shift = used[j] * DIGIT_BITS;
      int sum = 0;
      for (int b = 0; b < RADIX; b++) {
        int c = h[b];
        h[b] = sum;
        sum += c;
      }
      for (int i = 0; i < size; i++) {
        long k = from[i];
        to[h[(int) (k >>> shift) & (RADIX - 1)]++] = k;
      }
      long[] t = from;
      from = to;
      to = t;
    }
    keys = from;
    sorted = true;
  }
}
