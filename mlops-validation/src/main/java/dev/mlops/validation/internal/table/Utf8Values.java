package dev.mlops.validation.internal.table;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parsers of numbers and booleans straight from UTF-8 byte ranges, with the grammar of {@link TextValues} and
 * without creating strings on the common paths (dates and timestamps: {@link IsoDateTimes}).
 *
 * <p>Each {@code isX} method says whether a range parses; the matching {@code parseX} assumes it does. Doubles
 * are correctly rounded exactly like {@link Double#parseDouble(String)}, by FastDoubleParser (a maintained
 * Eisel-Lemire parser that reads byte ranges): JMH measured it as fast as our former hand-written one on
 * {@code Double.toString} output and faster on short decimals (docs/performance.md). Stateless and thread-safe.
 */
public final class Utf8Values {
  /**
   * What {@link #parseDoubleBits} returns for text that is not a number: a NaN bit pattern that parsing never
   * produces (parsed NaN is always the canonical one).
   */
  public static final long NOT_A_DOUBLE = 0x7FF8_0000_0000_0001L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  private Utf8Values() {}

  /**
   * Tells whether {@code [from, to)} is an optionally signed decimal integer that fits a long.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return whether the range is a long
   */
  public static boolean isLong(byte[] b, int from, int to) {
    return parseLongOrMin(b, from, to) != Long.MIN_VALUE
        || Arrays.equals(b, from, to, MIN_LONG, 0, MIN_LONG.length);
  }

  /**
   * Parses a range accepted by {@link #isLong}.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return the value
   */
  public static long parseLong(byte[] b, int from, int to) {
    return parseLongOrMin(b, from, to);
  }

  /**
   * Parses a decimal long in one pass, or returns {@link Long#MIN_VALUE} when the range is not one; that value
   * is also a real long, so on {@code MIN_VALUE} ask {@link #isLong} which it was. Eight digits at a time are
   * checked and converted together.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return the value, or {@code Long.MIN_VALUE}
   */
  public static long parseLongOrMin(byte[] b, int from, int to) {
    int i = from;
    boolean neg = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    if (i >= to) {
      return Long.MIN_VALUE;
    }
    // up to 18 digits cannot overflow: accumulate them positively without bound checks
    int unchecked = i + Math.min(to - i, 18);
    long v = 0;
    for (; i + 8 <= unchecked; i += 8) {
      long w = (long) LONGS.get(b, i);
      if (!eightDigits(w)) {
        return Long.MIN_VALUE;
      }
      v = v * 100_000_000L + eightDigitsValue(w);
    }
    for (; i < unchecked; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + d;
    }
    if (i == to) {
      return neg ? -v : v;
    }
    // further digits: accumulate negatively, so that Long.MIN_VALUE fits, with a bound check each
    long acc = -v;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || acc < (Long.MIN_VALUE + d) / 10) {
        return Long.MIN_VALUE;
      }
      acc = acc * 10 - d;
    }
    return neg ? acc : acc == Long.MIN_VALUE ? Long.MIN_VALUE : -acc;
  }

  /** Tells whether the eight bytes of a little-endian word are all ASCII digits. */
  private static boolean eightDigits(long w) {
    return (((w + 0x4646464646464646L) | (w - 0x3030303030303030L)) & 0x8080808080808080L) == 0;
  }

  /** The value of eight ASCII digits read as a little-endian word (first digit in the lowest byte). */
  private static long eightDigitsValue(long w) {
    long v = w - 0x3030303030303030L;
    v = v * 10 + (v >>> 8);
    return (((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
        + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))) >>> 32;
  }

  /**
   * Tells whether a range is a decimal number: {@code [+-]digits[.digits][(e|E)[+-]digits]}, a leading or
   * trailing dot allowed with digits on the other side, or {@code NaN}, {@code Inf}, {@code Infinity}
   * (case-insensitive, the infinities optionally signed). A finite literal beyond the range of a double
   * ({@code 1e400}) is not one: it would silently become an infinity.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return whether the range is a double
   */
  public static boolean isDouble(byte[] b, int from, int to) {
    return parseDoubleBits(b, from, to) != NOT_A_DOUBLE;
  }

  private static boolean isWord(byte[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if ((b[from + k] | 0x20) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses a range accepted by {@link #isDouble}, with the result {@link Double#parseDouble(String)} gives.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return the value
   */
  public static double parseDouble(byte[] b, int from, int to) {
    return Double.longBitsToDouble(parseDoubleBits(b, from, to));
  }

  /**
   * Checks and parses a decimal number: the raw bits of the double {@link #parseDouble} gives, or
   * {@link #NOT_A_DOUBLE} when {@link #isDouble} would say no.
   *
   * <p>The words ({@code NaN}, {@code Inf}, {@code Infinity}, any case) are read here; a number goes to
   * FastDoubleParser, whose results are those of {@link Double#parseDouble(String)} bit for bit, once the range
   * starts (after a sign) with a digit or a dot, ends with a digit or a dot and is not hexadecimal. Java's grammar
   * is then ours: what it would still take beyond ours (surrounding blanks, {@code 0x}, the {@code d}/{@code f}
   * suffixes, the case-sensitive words) never gets that far.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return the double's raw bits, or {@code NOT_A_DOUBLE}
   */
  public static long parseDoubleBits(byte[] b, int from, int to) {
    int i = from;
    boolean neg = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    if (i == to || !digitOrDot(b[i])) {
      return word(b, from, to, neg);
    }
    if (!digitOrDot(b[to - 1]) || (b[i] == '0' && i + 1 < to && (b[i + 1] | 0x20) == 'x')) {
      return NOT_A_DOUBLE;
    }
    try {
      return finite(Double.doubleToRawLongBits(JavaDoubleParser.parseDouble(b, from, to - from)));
    } catch (NumberFormatException e) {
      return NOT_A_DOUBLE;
    }
  }

  private static boolean digitOrDot(byte c) {
    return (c >= '0' && c <= '9') || c == '.';
  }

  /**
   * Refuses a finite literal too large for a double ({@code 1e400}): it would read as an infinity, a value the
   * text never said; the words {@code Inf} and {@code Infinity} are the only way to write one.
   */
  private static long finite(long bits) {
    return (bits & 0x7FFF_FFFF_FFFF_FFFFL) == 0x7FF0_0000_0000_0000L ? NOT_A_DOUBLE : bits;
  }

  /**
   * Tells whether the bytes are an optionally signed run of decimal digits (an integer literal of any size).
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return {@code true} for an integer literal
   */
  public static boolean isIntegerLiteral(byte[] b, int from, int to) {
    int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
    if (i == to) {
      return false;
    }
    for (; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** The bits of {@code NaN}, a signed {@code Inf} or {@code Infinity}, or {@link #NOT_A_DOUBLE}. */
  private static long word(byte[] b, int from, int to, boolean neg) {
    if (from == to) {
      return NOT_A_DOUBLE;
    }
    int start = from + ((b[from] == '-' || b[from] == '+') ? 1 : 0);
    if (start == from && isWord(b, from, to, "nan")) {
      return Double.doubleToRawLongBits(Double.NaN);
    }
    if (isWord(b, start, to, "inf") || isWord(b, start, to, "infinity")) {
      return Double.doubleToRawLongBits(neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    return NOT_A_DOUBLE;
  }


  /**
   * Tells whether a range is {@code true} or {@code false}, case-insensitive.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return whether the range is a boolean
   */
  public static boolean isBoolean(byte[] b, int from, int to) {
    return isWord(b, from, to, "true") || isWord(b, from, to, "false");
  }

  /**
   * Parses a range accepted by {@link #isBoolean}.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return the value
   */
  public static boolean parseBoolean(byte[] b, int from, int to) {
    return to - from == 4;
  }
}
