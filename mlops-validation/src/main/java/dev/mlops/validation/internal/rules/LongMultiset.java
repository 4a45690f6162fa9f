package dev.mlops.validation.internal.rules;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Exact counts of {@code long} keys that adapt to the column: while there are few distinct keys they are counted in
 * a hash map ({@link LongCounts}); past {@link #DEFAULT_SWITCH} distinct keys (a key column, say) every key is
 * appended to a plain array instead, which is sorted by an LSD radix sort when the counts are read. Appending is a
 * sequential write, each worker sorts its own keys ({@link #seal()}) and merging two states is a linear merge of
 * sorted arrays (or a concatenation), so a column of millions of distinct keys costs
 * 8 bytes a row and a linear-time sort, instead of a random cache miss per row in a table of about 27 bytes a key.
 *
 * <p>Keys that fill much of their range (row numbers, ids from a sequence, epoch days: when the hash map gives way,
 * its keys span fewer than {@value #DENSE_BITS_PER_KEY} values per row expected) go to a bitmap over the range
 * instead of the array: a bit a value (at most 4 bytes a row, small enough to stay in cache), the repeats counted in
 * a hash map, the range widened as keys fall outside it. Nothing is sorted, and merging two bitmaps is a
 * word-by-word OR that finds the keys both hold. Every mode visits keys in the same order: ascending as unsigned
 * numbers.
 * Not thread-safe.
 */
final class LongMultiset {
  /** Distinct keys past which the hash map gives way to the array. */
  static final int DEFAULT_SWITCH = 1 << 16;
  private static final int DIGIT_BITS = 11;
  private static final int DIGITS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;
  private static final int RADIX = 1 << DIGIT_BITS;
  /** The most values of their range per key for which keys are kept in a bitmap rather than sorted. */
  static final int DENSE_BITS_PER_KEY = 32;

  private final int switchAt;
  private LongCounts counts = new LongCounts();
  private long[] keys = new long[0];
  private int size;
  private boolean arrayMode;
  private boolean sorted;
  /** Rows this multiset may be given, to size the array once on switching (0 when unknown). */
  private int rowsHint;
  /**
   * The bitmap of dense keys: bit {@code i % 64} of word {@code i / 64} marks key {@code base + i}; {@code null}
   * unless keys are held this way, when {@link #size} counts every occurrence.
   */
  private long @Nullable [] words;
  /** The key of the bitmap's first bit, a multiple of 64. */
  private long base;
  /** With the bitmap: the occurrences of each key past its first. */
  private LongCounts extra = new LongCounts();

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
   * Says how many rows may come (the table's row count), so the array is allocated once when keys move to it, and
   * keys spanning fewer than {@value #DENSE_BITS_PER_KEY} values per row go to the bitmap.
   *
   * @param rows an upper bound on the rows to come
   */
  void expectRows(int rows) {
    rowsHint = Math.max(rowsHint, rows);
  }

  /**
   * Tells whether the keys are held in a bitmap now.
   *
   * @return {@code true} in the bitmap mode
   */
  boolean inBitmap() {
    return words != null;
  }

  /** Adds one occurrence of a key. */
  void add(long key) {
    long[] w = words;
    if (w != null) {
      long at = key - base;
      if (at >= 0 && at < (long) w.length << 6) {
        int word = (int) (at >>> 6);
        long bit = 1L << at;
        long old = w[word];
        if ((old & bit) != 0) {
          extra.add(key, 1);
        } else {
          w[word] = old | bit;
        }
        size++;
        return;
      }
      if (widen(key)) {
        add(key);
        return;
      }
      undense();
    }
    if (arrayMode) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, Math.max(16, keys.length * 2));
      }
      keys[size++] = key;
      sorted = false;
      return;
    }
    counts.add(key, 1);
    if (counts.size() > switchAt && !toBitmap()) {
      toArray(0);
    }
  }

  /** The widest range, in values, a bitmap may cover for keys of which {@code keys} are known. */
  private long denseLimit(long keys) {
    return (long) DENSE_BITS_PER_KEY * Math.max(keys, rowsHint);
  }

  /** Moves the hash map's keys into a bitmap if they are dense for the rows expected; tells whether it did. */
  private boolean toBitmap() {
    long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
    long[] total = new long[1];
    counts.forEach((k, n) -> {
      range[0] = Math.min(range[0], k);
      range[1] = Math.max(range[1], k);
      total[0] += n;
    });
    long b = range[0] & -64L;
    long span = range[1] - b;
    if (span < 0 || span >= denseLimit(total[0])) {
      return false;
    }
    words = new long[(int) (span >>> 6) + 1];
    base = b;
    extra = new LongCounts();
    LongCounts map = counts;
    counts = new LongCounts();
    arrayMode = true;
    size = 0;
    addAll(map);
    return true;
  }

  /**
   * Widens the bitmap to hold a key outside it, by a quarter of its range more on that side, unless that would pass
   * the dense limit; tells whether it did.
   */
  private boolean widen(long key) {
    long[] w = words;
    long slack = 16L * w.length;
    long newBase = base;
    long newLast = base + 64L * (w.length - 1);
    if (key < base) {
      newBase = (key >= Long.MIN_VALUE + slack ? key - slack : Long.MIN_VALUE) & -64L;
    } else {
      newLast = key <= Long.MAX_VALUE - slack ? key + slack : Long.MAX_VALUE;
    }
    long span = newLast - newBase;
    if (span < 0 || span >= denseLimit(size + 1L)) {
      return false;
    }
    long[] grown = new long[(int) (span >>> 6) + 1];
    System.arraycopy(w, 0, grown, (int) ((base - newBase) >>> 6), w.length);
    words = grown;
    base = newBase;
    return true;
  }

  /** Adds every key of a map, as often as it counts it. */
  private void addAll(LongCounts map) {
    map.forEach((k, n) -> {
      for (long i = 0; i < n; i++) {
        add(k);
      }
    });
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
    if (words != null && other.words != null && mergeDense(other)) {
      return;
    }
    if (words != null && !other.arrayMode) {
      // a worker that saw few keys: they join the bitmap (which widens, or turns into an array, as they need)
      addAll(other.counts);
      return;
    }
    if (!arrayMode && other.words != null) {
      LongCounts mine = counts;
      counts = new LongCounts();
      words = other.words;
      base = other.base;
      extra = other.extra;
      size = other.size;
      arrayMode = true;
      rowsHint = Math.max(rowsHint, other.rowsHint);
      addAll(mine);
      return;
    }
    if (words != null) {
      undense();
    }
    if (other.words != null) {
      other.undense();
    }
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
    if (arrayMode && words == null) {
      sort();
    }
  }

  /**
   * Merges another bitmap into this one, over the union of their ranges, unless that union is not dense for the keys
   * of both; tells whether it did.
   */
  private boolean mergeDense(LongMultiset other) {
    long[] a = words;
    long[] o = other.words;
    long b = Math.min(base, other.base);
    long lastWord = Math.max(base + 64L * (a.length - 1), other.base + 64L * (o.length - 1));
    long span = lastWord - b;
    if (span < 0 || span >= Math.max(denseLimit(size + (long) other.size), other.denseLimit(0))) {
      return false;
    }
    int length = (int) (span >>> 6) + 1;
    long[] w = a;
    if (b != base || length != a.length) {
      w = new long[length];
      System.arraycopy(a, 0, w, (int) ((base - b) >>> 6), a.length);
    }
    int offset = (int) ((other.base - b) >>> 6);
    for (int i = 0; i < o.length; i++) {
      long x = o[i];
      if (x == 0) {
        continue;
      }
      long both = w[offset + i] & x;
      // a key both hold occurs once more than their repeats say
      for (long m = both; m != 0; m &= m - 1) {
        extra.add(b + 64L * (offset + i) + Long.numberOfTrailingZeros(m), 1);
      }
      w[offset + i] |= x;
    }
    extra.merge(other.extra);
    words = w;
    base = b;
    size += other.size;
    return true;
  }

  /** Moves the bitmap's keys back into a sorted array (to add a key, or to merge with keys held otherwise). */
  private void undense() {
    long[] out = new long[size];
    int[] at = new int[1];
    visitDense((k, n) -> {
      for (long i = 0; i < n; i++) {
        out[at[0]++] = k;
      }
    }, 1);
    keys = out;
    words = null;
    extra = new LongCounts();
    arrayMode = true;
    sorted = true;
  }

  /**
   * Visits the keys of a hash map in ascending unsigned order (sorted here, by flipping the sign bit), each with its
   * count plus {@code plus}, those counted at least {@code atLeast} times. The map holds at most
   * {@link #DEFAULT_SWITCH} keys (more go to the array), so the sort is small beside the rows counted; without it a
   * multiset of few keys would visit them in hash order while one of many visits them sorted.
   */
  private static void visitSorted(LongCounts map, long plus, LongCounts.Visitor visitor, long atLeast) {
    long[] flipped = new long[map.size()];
    int[] at = new int[1];
    map.forEach((k, n) -> flipped[at[0]++] = k ^ Long.MIN_VALUE);
    Arrays.sort(flipped);
    for (long f : flipped) {
      long k = f ^ Long.MIN_VALUE;
      long n = plus + map.count(k);
      if (n >= atLeast) {
        visitor.visit(k, n);
      }
    }
  }

  /** Visits the bitmap's keys with their counts (those counted at least {@code atLeast} times), unsigned order. */
  private void visitDense(LongCounts.Visitor visitor, long atLeast) {
    if (atLeast > 1) {
      visitSorted(extra, 1, visitor, atLeast); // only the repeats: few, each counted once more than extra says
      return;
    }
    long[] w = words;
    // unsigned order: the non-negative keys, then the negative ones (word 'zero' holds key 0 when the range has it)
    int zero = base >= 0 ? 0 : (int) Math.min(w.length, (-base) >>> 6);
    visitWords(visitor, zero, w.length);
    visitWords(visitor, 0, zero);
  }

  private void visitWords(LongCounts.Visitor visitor, int from, int to) {
    long[] w = words;
    boolean repeats = extra.size() > 0;
    for (int i = from; i < to; i++) {
      long first = base + 64L * i;
      for (long m = w[i]; m != 0; m &= m - 1) {
        long k = first + Long.numberOfTrailingZeros(m);
        visitor.visit(k, repeats ? 1 + extra.count(k) : 1);
      }
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
    if (words != null) {
      int d = 0;
      for (long x : words) {
        d += Long.bitCount(x);
      }
      return d;
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

  /** Calls the visitor for every key and count, in ascending unsigned order whichever way the keys are held. */
  void forEach(LongCounts.Visitor visitor) {
    visit(visitor, 1);
  }

  /** Calls the visitor for every key counted more than once, in ascending unsigned order. */
  void forEachRepeated(LongCounts.Visitor visitor) {
    visit(visitor, 2);
  }

  private void visit(LongCounts.Visitor visitor, long atLeast) {
    if (words != null) {
      visitDense(visitor, atLeast);
      return;
    }
    if (!arrayMode) {
      visitSorted(counts, 0, visitor, atLeast);
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
