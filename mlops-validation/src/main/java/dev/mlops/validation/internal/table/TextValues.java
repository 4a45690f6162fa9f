package dev.mlops.validation.internal.table;

import org.jspecify.annotations.Nullable;

/**
 * Parsers of typed values from character ranges, with the grammar and results of {@link Utf8Values} (every
 * grammar is ASCII, so a range holding any other character is none of these types; the
 * ASCII ones are narrowed to bytes and parsed there; dates and timestamps by {@link IsoDateTimes}).
 *
 * <p>Each {@code isX} method says whether a range parses; the matching {@code parseX} assumes it does.
 * Stateless and thread-safe.
 */
public final class TextValues {
  private TextValues() {}

  /** The range as bytes, or {@code null} when it holds a character outside ASCII. */
  private static byte @Nullable [] ascii(char[] c, int from, int to) {
    byte[] b = new byte[to - from];
    for (int k = from; k < to; k++) {
      char ch = c[k];
      if (ch > 0x7F) {
        return null;
      }
      b[k - from] = (byte) ch;
    }
    return b;
  }

  /** Tells whether {@code [from, to)} is an optionally signed decimal integer that fits a long. */
  public static boolean isLong(char[] b, int from, int to) {
    byte[] a = ascii(b, from, to);
    return a != null && Utf8Values.isLong(a, 0, a.length);
  }

  /** Parses a range accepted by {@link #isLong}. */
  public static long parseLong(char[] b, int from, int to) {
    byte[] a = ascii(b, from, to);
    return Utf8Values.parseLong(a, 0, a.length);
  }

  /**
   * Tells whether a range is a decimal number: {@code [+-]digits[.digits][(e|E)[+-]digits]}, a leading or
   * trailing dot allowed with digits on the other side, or {@code NaN}, {@code Inf}, {@code Infinity}
   * (case-insensitive, the infinities optionally signed).
   */
  public static boolean isDouble(char[] b, int from, int to) {
    byte[] a = ascii(b, from, to);
    return a != null && Utf8Values.isDouble(a, 0, a.length);
  }

  /** Parses a range accepted by {@link #isDouble}, with the result {@link Double#parseDouble(String)} gives. */
  public static double parseDouble(char[] b, int from, int to) {
    byte[] a = ascii(b, from, to);
    return Utf8Values.parseDouble(a, 0, a.length);
  }

  /** Tells whether a range is {@code true} or {@code false}, case-insensitive. */
  public static boolean isBoolean(char[] b, int from, int to) {
    byte[] a = ascii(b, from, to);
    return a != null && Utf8Values.isBoolean(a, 0, a.length);
  }

  /** Parses a range accepted by {@link #isBoolean}. */
  public static boolean parseBoolean(char[] b, int from, int to) {
    return to - from == 4;
  }

  /** Tells whether a range is an ISO date {@code yyyy-MM-dd} naming a real calendar day. */
  public static boolean isDate(char[] b, int from, int to) {
    return parseDateOrMin(b, from, to) != IsoDateTimes.NOT_A_DATE;
  }

  /** Parses a range accepted by {@link #isDate} to its epoch day. */
  public static long parseDate(char[] b, int from, int to) {
    return parseDateOrMin(b, from, to);
  }

  /** Parses a date as {@link IsoDateTimes#parseDateOrMin} does, or returns {@link IsoDateTimes#NOT_A_DATE}. */
  public static long parseDateOrMin(char[] b, int from, int to) {
    byte[] a = ascii(b, from, to);
    return a == null ? IsoDateTimes.NOT_A_DATE : IsoDateTimes.parseDateOrMin(a, 0, a.length);
  }

  /**
   * Tells whether a range is an ISO local or offset date-time of {@link IsoDateTimes}' grammar
   * ({@code yyyy-MM-ddTHH:mm[:ss[.f]]}, {@code T} or a space, optional {@code Z} or {@code +hh:mm}, {@code +hhmm},
   * {@code +hh}); a local date-time is taken as UTC.
   */
  public static boolean isTimestamp(char[] b, int from, int to) {
    return parseTimestampOrMin(b, from, to) != IsoDateTimes.NOT_A_TIMESTAMP;
  }

  /** Parses a range accepted by {@link #isTimestamp} to epoch microseconds. */
  public static long parseTimestamp(char[] b, int from, int to) {
    return parseTimestampOrMin(b, from, to);
  }

  /**
   * Parses a timestamp as {@link IsoDateTimes#parseTimestampOrMin} does, or returns
   * {@link IsoDateTimes#NOT_A_TIMESTAMP}; a character outside ASCII is in no timestamp.
   */
  public static long parseTimestampOrMin(char[] b, int from, int to) {
    byte[] a = ascii(b, from, to);
    return a == null ? IsoDateTimes.NOT_A_TIMESTAMP : IsoDateTimes.parseTimestampOrMin(a, 0, a.length);
  }
}
