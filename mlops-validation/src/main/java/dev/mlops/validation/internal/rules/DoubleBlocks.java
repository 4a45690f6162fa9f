package dev.mlops.validation.internal.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Doubles kept in fixed-size blocks (appending never copies what is already held, merging two holders moves their
 * blocks), with an exact selection of the value at a rank. Selection is a radix select on the values' order-keeping
 * bit patterns, 16 bits at a time: one counting pass over every value, one pass keeping the values of the bucket that
 * holds the rank, then passes over those only; linear time whatever the values, with no sort. The counting pass can be
 * done ahead ({@link #countTopDigits()}), by each worker over its own values, and the counts merge with the values.
 * Not thread-safe.
 */
final class DoubleBlocks {
  private static final int BLOCK = 1 << 16;
  private static final int DIGIT = 16;

  private final List<double[]> blocks = new ArrayList<>();
  /** The number of values in each block but the last. */
  private int[] lengths = new int[8];
  /** The last block, which values are added to ({@code blocks}' last, or an empty array when there is none). */
  private double[] tail = new double[0];
  /** The number of values in the last block. */
  private int used;
  private long size;
  /** The values counted by the top {@value #DIGIT} bits of their keys, or {@code null} if not counted since added. */
  private int @Nullable [] topCounts;

  /** Adds a value. */
  void add(double v) {
    if (used == tail.length) {
      newBlock();
    }
    tail[used++] = v;
    size++;
    topCounts = null;
  }

  /** Adds values {@code v[from, to)}. */
  void add(double[] v, int from, int to) {
    int i = from;
    while (i < to) {
      if (used == tail.length) {
        newBlock();
      }
      int n = Math.min(to - i, tail.length - used);
      System.arraycopy(v, i, tail, used, n);
      used += n;
      i += n;
    }
    size += to - from;
    topCounts = null;
  }

  private void newBlock() {
    closeLast();
    tail = new double[BLOCK];
    blocks.add(tail);
    used = 0;
  }

  /** Records the last block's length, before another block follows it. */
  private void closeLast() {
    int last = blocks.size() - 1;
    if (last >= 0) {
      if (last >= lengths.length) {
        lengths = Arrays.copyOf(lengths, Math.max(last + 1, lengths.length * 2));
      }
      lengths[last] = used;
    }
  }

  /** Moves another holder's values into this one (its blocks, not copied); the other is left empty. */
  void addAll(DoubleBlocks other) {
    if (other.size == 0) {
      return;
    }
    if (size == 0) {
      topCounts = other.topCounts;
    } else if (topCounts != null && other.topCounts != null) {
      for (int d = 0; d < topCounts.length; d++) {
        topCounts[d] += other.topCounts[d];
      }
    } else {
      topCounts = null;
    }
    other.topCounts = null;
    other.closeLast();
    for (int k = 0; k < other.blocks.size(); k++) {
      closeLast();
      tail = other.blocks.get(k);
      blocks.add(tail);
      used = k == other.blocks.size() - 1 ? other.used : other.lengths[k];
    }
    size += other.size;
    other.blocks.clear();
    other.tail = new double[0];
    other.used = 0;
    other.size = 0;
  }

  private int length(int index) {
    return index == blocks.size() - 1 ? used : lengths[index];
  }

  /**
   * Returns the number of values held.
   *
   * @return the count
   */
  long size() {
    return size;
  }

  /** Receives a run of values. */
  interface RunVisitor {
    /** Receives values {@code values[0, length)}. */
    void visit(double[] values, int length);
  }

  /** Hands every value to the visitor, block by block. */
  void forEachRun(RunVisitor visitor) {
    for (int k = 0; k < blocks.size(); k++) {
      visitor.visit(blocks.get(k), length(k));
    }
  }

  /** The unsigned-ordered key of a value: unsigned comparison of keys is {@link Double#compare} order. */
  private static long key(double v) {
    long b = Double.doubleToRawLongBits(v);
    return b < 0 ? ~b : b | Long.MIN_VALUE;
  }

  private static double value(long key) {
    return Double.longBitsToDouble(key < 0 ? key & Long.MAX_VALUE : ~key);
  }

  /**
   * Returns the value at a 0-based rank in {@link Double#compare} order (the value a sort would put there).
   *
   * @param rank the rank, in {@code [0, size())}
   * @return the value
   */
  double select(long rank) {
    if (rank < 0 || rank >= size) {
      throw new IllegalArgumentException("rank " + rank + " outside [0, " + size + ")");
    }
    if (topCounts == null) {
      countTopDigits();
    }
    int[] top = topCounts;
    int shift = 64 - DIGIT;
    int bucket = bucketOf(top, rank);
    long before = 0;
    for (int d = 0; d < bucket; d++) {
      before += top[d];
    }
    int[] counts = new int[1 << DIGIT];
    long[] keys = new long[top[bucket]];
    int at = 0;
    for (int k = 0; k < blocks.size(); k++) {
      double[] b = blocks.get(k);
      for (int i = 0, n = length(k); i < n; i++) {
        long key = key(b[i]);
        if ((int) (key >>> shift) == bucket) {
          keys[at++] = key;
        }
      }
    }
    long r = rank - before;
    int n = at;
    while (shift > 0) {
      shift -= DIGIT;
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) (keys[i] >>> shift) & ((1 << DIGIT) - 1)]++;
      }
      bucket = bucketOf(counts, r);
      for (int d = 0; d < bucket; d++) {
        r -= counts[d];
      }
      int kept = 0;
      for (int i = 0; i < n; i++) {
        if (((int) (keys[i] >>> shift) & ((1 << DIGIT) - 1)) == bucket) {
          keys[kept++] = keys[i];
        }
      }
      n = kept;
    }
    return value(keys[0]);
  }

  /**
   * Counts the values by the top {@value #DIGIT} bits of their keys now, the first pass of {@link #select}, so that a
   * worker does it for its own values in parallel with the others; adding a value drops the counts.
   */
  void countTopDigits() {
    int[] counts = new int[1 << DIGIT];
    int shift = 64 - DIGIT;
    for (int k = 0; k < blocks.size(); k++) {
      double[] b = blocks.get(k);
      for (int i = 0, n = length(k); i < n; i++) {
        counts[(int) (key(b[i]) >>> shift)]++;
      }
    }
    topCounts = counts;
  }

  /** The bucket holding the value of a rank, given the buckets' counts. */
  private static int bucketOf(int[] counts, long rank) {
    long seen = 0;
    for (int d = 0; d < counts.length; d++) {
      seen += counts[d];
      if (seen > rank) {
        return d;
      }
    }
    throw new IllegalStateException("rank " + rank + " beyond the counted values");
  }
}
