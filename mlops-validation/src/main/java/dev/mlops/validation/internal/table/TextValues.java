package dev.mlops.validation.internal.table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Parsers of typed values from character ranges, with the grammar and results of {@link Utf8Values} (every
 * grammar but the timestamp's is ASCII, so a range holding any other character is none of these types; the
 * ASCII ones are narrowed to bytes and parsed there). Timestamps are parsed here, with {@code java.time}.
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
    byte[] a = ascii(b, from, to);
    return a != null && Utf8Values.isDate(a, 0, a.length);
  }

  /** Parses a range accepted by {@link #isDate} to its epoch day. */
  public static long parseDate(char[] b, int from, int to) {
    byte[] a = ascii(b, from, to);
    return Utf8Values.parseDate(a, 0, a.length);
  }

  /**
   * Tells whether a range is an ISO local or offset date-time ({@code yyyy-MM-ddTHH:mm[:ss[.f]]}, {@code T}
   * or a space, optional {@code Z} or {@code +hh:mm}); a local date-time is taken as UTC.
   */
  public static boolean isTimestamp(char[] b, int from, int to) {
    if (to - from < 16 || !isDate(b, from, from + 10) || (b[from + 10] != 'T' && b[from + 10] != ' ')) {
      return false;
    }
    return parseTimestampOrMin(new String(b, from, to - from)) != Long.MIN_VALUE;
  }

  /** Parses a range accepted by {@link #isTimestamp} to epoch microseconds. */
  public static long parseTimestamp(char[] b, int from, int to) {
    return parseTimestampOrMin(new String(b, from, to - from));
  }

  private static long parseTimestampOrMin(String text) {
    String s = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    Instant instant;
    try {
      instant = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        instant = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return Long.MIN_VALUE;
      }
    }
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
  }

  static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
