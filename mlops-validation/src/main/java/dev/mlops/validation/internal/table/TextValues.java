package dev.mlops.validation.internal.table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parsers of typed values from character ranges, without allocating on the common paths.
 *
 * <p>Each {@code isX} method says whether a range parses; the matching {@code parseX} assumes it does.
 * Stateless and thread-safe.
 */
public final class TextValues {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22
  };

  private TextValues() {}

  /** Tells whether {@code [from, to)} is an optionally signed decimal integer that fits a long. */
  public static boolean isLong(char[] b, int from, int to) {
    int i = from;
    boolean neg = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    if (i >= to) {
      return false;
    }
    // accumulate negatively so that Long.MIN_VALUE fits
    long v = 0;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
        return false;
      }
      v = v * 10 - d;
    }
    return neg || v != Long.MIN_VALUE;
  }

  /** Parses a range accepted by {@link #isLong}. */
  public static long parseLong(char[] b, int from, int to) {
    int i = from;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
    }
    long v = 0;
    for (; i < to; i++) {
      v = v * 10 - (b[i] - '0');
    }
    return neg ? v : -v;
  }

  /**
   * Tells whether a range is a decimal number: {@code [+-]digits[.digits][(e|E)[+-]digits]}, a leading or
   * trailing dot allowed with digits on the other side, or {@code NaN}, {@code Inf}, {@code Infinity}
   * (case-insensitive, the infinities optionally signed).
   */
  public static boolean isDouble(char[] b, int from, int to) {
    int i = from;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      i++;
    }
    if (i >= to) {
      return false;
    }
    if (isWord(b, i, to, "infinity") || isWord(b, i, to, "inf")) {
      return true;
    }
    if (i == from && isWord(b, i, to, "nan")) {
      return true;
    }
    int intDigits = 0;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        i++;
      }
      int expDigits = 0;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == to;
  }

  private static boolean isWord(char[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (Character.toLowerCase(b[from + k]) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses a range accepted by {@link #isDouble}, correctly rounded: exact small mantissas and powers of ten
   * are combined directly (both exact doubles, one rounding), everything else goes to
   * {@link Double#parseDouble(String)}.
   */
  public static double parseDouble(char[] b, int from, int to) {
    int i = from;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean simple = true;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      mantissa = mantissa * 10 + (b[i++] - '0');
      digits++;
    }
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        mantissa = mantissa * 10 + (b[i++] - '0');
        digits++;
        scale++;
      }
    }
    if (i != to || digits > 15 || digits == 0) {
      simple = false;
    }
    if (simple && scale <= 22) {
      double v = mantissa / POW10[scale];
      return neg ? -v : v;
    }
    String s = new String(b, from, to - from);
    char last = b[to - 1];
    if (last >= '0' && last <= '9' || last == '.') {
      return Double.parseDouble(s);
    }
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith("nan")) {
      return Double.NaN;
    }
    if (lower.endsWith("inf") || lower.endsWith("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(s);
  }

  /** Tells whether a range is {@code true} or {@code false}, case-insensitive. */
  public static boolean isBoolean(char[] b, int from, int to) {
    return isWord(b, from, to, "true") || isWord(b, from, to, "false");
  }

  /** Parses a range accepted by {@link #isBoolean}. */
  public static boolean parseBoolean(char[] b, int from, int to) {
    return to - from == 4;
  }

  /** Tells whether a range is an ISO date {@code yyyy-MM-dd} naming a real calendar day. */
  public static boolean isDate(char[] b, int from, int to) {
    if (to - from != 10 || b[from + 4] != '-' || b[from + 7] != '-') {
      return false;
    }
    for (int k = 0; k < 10; k++) {
      char c = b[from + k];
      if (k != 4 && k != 7 && (c < '0' || c > '9')) {
        return false;
      }
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }

  /** Parses a range accepted by {@link #isDate} to its epoch day. */
  public static long parseDate(char[] b, int from, int to) {
    return epochDay(digits(b, from, 4), digits(b, from + 5, 2), digits(b, from + 8, 2));
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

  private static int digits(char[] b, int from, int n) {
    int v = 0;
    for (int k = 0; k < n; k++) {
      v = v * 10 + (b[from + k] - '0');
    }
    return v;
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
