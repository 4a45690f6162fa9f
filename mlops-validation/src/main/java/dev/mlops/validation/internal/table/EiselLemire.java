package dev.mlops.validation.internal.table;

import java.math.BigInteger;

/**
 * Converts a decimal {@code mantissa * 10^exponent} to the nearest double without big-number arithmetic, or
 * says it cannot decide: the Eisel-Lemire algorithm (Daniel Lemire, "Number Parsing at a Gigabyte per Second",
 * 2021). A 128-bit truncated approximation of the power of ten bounds the exact product from below; when the
 * bits that decide the rounding could still change (the approximation error reaches them) or the value sits
 * exactly half-way between two doubles, the method answers "undecided" and the caller falls back to
 * {@link Double#parseDouble(String)}. Every decided answer therefore equals Java's correctly rounded result.
 * Stateless and thread-safe.
 */
final class EiselLemire {
  /** The smallest decimal exponent with a table entry. */
  static final int MIN_EXPONENT = -342;
  /** The largest decimal exponent with a table entry. */
  static final int MAX_EXPONENT = 308;

  /**
   * High and low 64 bits of the 128-bit normalized (top bit set), truncated mantissa of {@code 10^e}, at index
   * {@code 2 * (e - MIN_EXPONENT)} and the next.
   */
  private static final long[] POWERS = powersOfTen();

  private EiselLemire() {}

  private static long[] powersOfTen() {
    long[] table = new long[2 * (MAX_EXPONENT - MIN_EXPONENT + 1)];
    BigInteger five = BigInteger.valueOf(5);
    BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    for (int e = MIN_EXPONENT; e <= MAX_EXPONENT; e++) {
      BigInteger m;
      if (e >= 0) {
        BigInteger p = five.pow(e);
        int shift = p.bitLength() - 128;
        m = shift > 0 ? p.shiftRight(shift) : p.shiftLeft(-shift);
      } else {
        BigInteger p = five.pow(-e);
        m = BigInteger.ONE.shiftLeft(p.bitLength() + 127).divide(p);
      }
      int i = 2 * (e - MIN_EXPONENT);
      table[i] = m.shiftRight(64).longValue();
      table[i + 1] = m.and(mask).longValue();
    }
    return table;
  }

  /**
   * Returns the raw bits of the double nearest to {@code mantissa * 10^exponent}, or {@code -1} when the fast
   * computation cannot guarantee the correctly rounded result (the caller must then parse exactly).
   *
   * @param mantissa the decimal significand, an unsigned 64-bit value that is not zero
   * @param exponent the power of ten
   * @param negative whether the value is negative
   * @return the double's bits, or {@code -1} if undecided
   */
  static long toDoubleBits(long mantissa, int exponent, boolean negative) {
    if (exponent < MIN_EXPONENT || exponent > MAX_EXPONENT || mantissa == 0) {
      return -1;
    }
    int lz = Long.numberOfLeadingZeros(mantissa);
    long man = mantissa << lz;
    long exp2 = ((217706L * exponent) >> 16) + 64 + 1023 - lz;
    int i = 2 * (exponent - MIN_EXPONENT);
    long hiPow = POWERS[i];
    long loPow = POWERS[i + 1];
    long xHi = unsignedMultiplyHigh(man, hiPow);
    long xLo = man * hiPow;
    // the truncated power may make the product's low bits too small: widen with the next 64 bits when the
    // 9 bits below the 55 kept ones are all ones and the low word could carry into them
    if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
      long yHi = unsignedMultiplyHigh(man, loPow);
      long yLo = man * loPow;
      long mergedHi = xHi;
      long mergedLo = xLo + yHi;
      if (Long.compareUnsigned(mergedLo, xLo) < 0) {
        mergedHi++;
      }
      if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0 && Long.compareUnsigned(yLo + man, man) < 0) {
        return -1;
      }
      xHi = mergedHi;
      xLo = mergedLo;
    }
    long msb = xHi >>> 63;
    long bits = xHi >>> (msb + 9);
    exp2 -= 1 ^ msb;
    if (xLo == 0 && (xHi & 0x1FF) == 0 && (bits & 3) == 1) {
      return -1; // exactly half-way as far as these bits tell: rounding to even needs the exact value
    }
    bits += bits & 1;
    bits >>>= 1;
    if ((bits >>> 53) > 0) {
      bits >>>= 1;
      exp2++;
    }
    if (exp2 <= 0 || exp2 >= 0x7FF) {
      return -1; // subnormal or overflowing: left to the exact parser
    }
    long result = (exp2 << 52) | (bits & 0x000F_FFFF_FFFF_FFFFL);
    return negative ? result | Long.MIN_VALUE : result;
  }

  /** The high 64 bits of the unsigned 128-bit product (Java 17 has only the signed one). */
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }
}
