package dev.mlops.validation.internal.table;

/**
 * Parses ISO-8601 dates and date-times straight from ASCII bytes in one pass, with exactly the answers
 * {@code java.time} gives on the same text and without creating a string or a parser context.
 *
 * <p>The grammar: a date is {@code yyyy-MM-dd} (four-digit year) naming a real day of the proleptic Gregorian
 * calendar, as {@link java.time.LocalDate#parse} accepts it. A timestamp is such a date, then {@code T} or a space,
 * then {@link java.time.format.DateTimeFormatter#ISO_LOCAL_TIME}'s {@code HH:mm[:ss[.fraction]]} (the fraction zero to
 * nine digits, kept to the microsecond by truncation), then an optional offset: {@code Z} (any case), or a sign and
 * two hour digits followed by nothing, by {@code :mm} or {@code :mm:ss}, or by {@code mm} or {@code mmss}, within
 * {@code ±18:00}. A timestamp without an offset is taken as UTC. This is what {@link java.time.OffsetDateTime#parse}
 * accepts (and {@code java.time}'s lenient {@code +HHMMss} offset for the forms without colons), else
 * {@link java.time.LocalDateTime#parse} read in UTC, on the text with a space separator made {@code T};
 * {@code IsoDateTimesProperties} checks the agreement on random valid, near-valid and invalid text.
 *
 * <p>Kept hand-written: the maintained RFC 3339 parser measured (ethlo ITU) reads strings, so a field costs a
 * string first, and it was 1.7 to 13 times slower on the benchmark's {@code ts} fields in the same JMH runs
 * ({@code ParseBenchmark}, figures in docs/performance.md); it also accepts another grammar (seconds and an offset
 * required). Stateless and thread-safe.
 */
public final class IsoDateTimes {
  /**
   * What {@link #parseDateOrMin} returns for text that is not a date; no date of the grammar has this epoch day.
   */
  public static final long NOT_A_DATE = Long.MIN_VALUE;
  /**
   * What {@link #parseTimestampOrMin} returns for text that is not a timestamp; no timestamp of the grammar (years
   * 0000 to 9999) is this many microseconds from the epoch.
   */
  public static final long NOT_A_TIMESTAMP = Long.MIN_VALUE;
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private IsoDateTimes() {}

  /**
   * Parses a date {@code yyyy-MM-dd} to its epoch day.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return the epoch day, or {@link #NOT_A_DATE}
   */
  public static long parseDateOrMin(byte[] b, int from, int to) {
    return to - from == 10 ? dateAt(b, from) : NOT_A_DATE;
  }

  /**
   * Parses a timestamp of the class's grammar to microseconds since 1970-01-01T00:00:00Z.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to one past the last byte
   * @return the epoch microseconds, or {@link #NOT_A_TIMESTAMP}
   */
  public static long parseTimestampOrMin(byte[] b, int from, int to) {
    if (to - from < 16 || (b[from + 10] != 'T' && b[from + 10] != ' ')) {
      return NOT_A_TIMESTAMP;
    }
    long day = dateAt(b, from);
    int i = from + 11;
    int hour = twoDigits(b, i);
    int minute = twoDigits(b, i + 3);
    if (day == NOT_A_DATE || hour < 0 || hour > 23 || b[i + 2] != ':' || minute < 0 || minute > 59) {
      return NOT_A_TIMESTAMP;
    }
    i += 5;
    int second = 0;
    long micros = 0;
    if (i < to && b[i] == ':') {
      second = i + 3 <= to ? twoDigits(b, i + 1) : -1;
      if (second < 0 || second > 59) {
        return NOT_A_TIMESTAMP;
      }
      i += 3;
      if (i < to && b[i] == '.') {
        i++;
        int end = Math.min(to, i + 9);
        int n = 0;
        for (int d; i < end && (d = b[i] - '0') >= 0 && d <= 9; i++, n++) {
          if (n < 6) {
            micros = micros * 10 + d;
          }
        }
        for (; n < 6; n++) {
          micros *= 10;
        }
      }
    }
    int offset = 0;
    if (i < to) {
      offset = offsetSeconds(b, i, to);
      if (offset == Integer.MIN_VALUE) {
        return NOT_A_TIMESTAMP;
      }
    }
    long seconds = day * 86_400 + hour * 3600 + minute * 60 + second - offset;
    return seconds * 1_000_000 + micros;
  }

  /**
   * The signed seconds of an offset filling {@code [i, to)}: {@code Z} or {@code z}; or a sign, two hour digits and
   * optionally minutes and seconds, all with colons or all without; or {@link Integer#MIN_VALUE}.
   */
  private static int offsetSeconds(byte[] b, int i, int to) {
    byte c = b[i];
    if (c == 'Z' || c == 'z') {
      return i + 1 == to ? 0 : Integer.MIN_VALUE;
    }
    if ((c != '+' && c != '-') || i + 3 > to) {
      return Integer.MIN_VALUE;
    }
    int hours = twoDigits(b, i + 1);
    int j = i + 3;
    int minutes = 0;
    int seconds = 0;
    boolean colon = j < to && b[j] == ':';
    int step = colon ? 3 : 2;
    int at = colon ? 1 : 0;
    if (j + step <= to && (!colon || b[j] == ':')) {
      int m = twoDigits(b, j + at);
      if (m >= 0 && m <= 59) {
        minutes = m;
        j += step;
        if (j + step <= to && (!colon || b[j] == ':')) {
          int s = twoDigits(b, j + at);
          if (s >= 0 && s <= 59) {
            seconds = s;
            j += step;
          }
        }
      }
    }
    int total = hours * 3600 + minutes * 60 + seconds;
    if (hours < 0 || hours > 23 || j != to || total > MAX_OFFSET_SECONDS) {
      return Integer.MIN_VALUE;
    }
    return c == '-' ? -total : total;
  }

  /** The epoch day of a date {@code yyyy-MM-dd} at {@code b[i, i + 10)}, or {@link #NOT_A_DATE}. */
  private static long dateAt(byte[] b, int i) {
    int century = twoDigits(b, i);
    int yy = twoDigits(b, i + 2);
    int month = twoDigits(b, i + 5);
    int day = twoDigits(b, i + 8);
    if (century < 0 || yy < 0 || b[i + 4] != '-' || b[i + 7] != '-' || month < 1 || month > 12 || day < 1) {
      return NOT_A_DATE;
    }
    int year = century * 100 + yy;
    return day <= daysInMonth(year, month) ? epochDay(year, month, day) : NOT_A_DATE;
  }

  /** The value of two ASCII digits at {@code b[i, i + 2)}, or -1. */
  private static int twoDigits(byte[] b, int i) {
    int hi = b[i] - '0';
    int lo = b[i + 1] - '0';
    return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : -1;
  }

  /**
   * The number of days of a month of the proleptic Gregorian calendar.
   *
   * @param year the year
   * @param month the month, 1 to 12
   * @return 28 to 31
   */
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
