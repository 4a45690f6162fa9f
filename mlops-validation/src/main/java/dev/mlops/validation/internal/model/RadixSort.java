package dev.mlops.validation.internal.model;

/**
 * LSD radix sorts of doubles through order-preserving 64-bit keys, 11 bits per pass, skipping passes whose
 * digit is the same for every key. {@code -0.0} is folded into {@code 0.0} so that the two compare equal,
 * as they do in NumPy; NaN must be rejected before. Stateless and thread-safe.
 */
public final class RadixSort {
  private static final int BITS = 11;
  private static final int RADIX = 1 << BITS;
  private static final int MASK = RADIX - 1;
  private static final int PASSES = (64 + BITS - 1) / BITS;

  private RadixSort() {}

  /**
   * The key whose unsigned order is the numeric order of {@code value}.
   *
   * @param value a non-NaN double
   * @return its key
   */
  public static long key(double value) {
    long bits = Double.doubleToRawLongBits(value + 0.0);
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /**
   * The double of a key made by {@link #key(double)}.
   *
   * @param key the key
   * @return the value
   */
  public static double value(long key) {
    long bits = key < 0 ? key ^ Long.MIN_VALUE : ~key;
    return Double.longBitsToDouble(bits);
  }

  /**
   * Sorts keys ascending (unsigned), carrying an optional payload along.
   *
   * @param keys the keys, sorted in place
   * @param payload values moved with their keys, or {@code null}
   */
  public static void sort(long[] keys, int @org.jspecify.annotations.Nullable [] payload) {
    int n = keys.length;
    if (n < 2) {
      return;
    }
    int[][] counts = new int[PASSES][RADIX];
    for (long k : keys) {
      for (int p = 0; p < PASSES; p++) {
        counts[p][(int) ((k >>> (p * BITS)) & MASK)]++;
      }
    }
    long[] src = keys;
    long[] dst = new long[n];
    int[] srcPay = payload;
    int[] dstPay = payload == null ? null : new int[n];
    for (int p = 0; p < PASSES; p++) {
      int[] c = counts[p];
      if (c[(int) ((src[0] >>> (p * BITS)) & MASK)] == n) {
        continue;
      }
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int t = c[d];
        c[d] = sum;
        sum += t;
      }
      int shift = p * BITS;
      if (srcPay == null) {
        for (int i = 0; i < n; i++) {
          long k = src[i];
          dst[c[(int) ((k >>> shift) & MASK)]++] = k;
        }
      } else {
        for (int i = 0; i < n; i++) {
          long k = src[i];
          int at = c[(int) ((k >>> shift) & MASK)]++;
          dst[at] = k;
          dstPay[at] = srcPay[i];
        }
        int[] tp = srcPay;
        srcPay = dstPay;
        dstPay = tp;
      }
      long[] t = src;
      src = dst;
      dst = t;
    }
    if (src != keys) {
      System.arraycopy(src, 0, keys, 0, n);
      if (payload != null) {
        System.arraycopy(srcPay, 0, payload, 0, n);
      }
    }
  }
}
