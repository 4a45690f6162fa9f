package dev.mlops.validation.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link IsoDateTimes} against {@code java.time} on random valid, near-valid (one character inserted, deleted or
 * replaced, or cut short) and random text: the same verdict and the same instant, through the byte parser (at an
 * offset inside a larger array) and the char-level {@link TextValues}.
 */
class IsoDateTimesProperties {
  /** The grammar's shape before {@code java.time} is asked: a four-digit year and {@code T} or a space. */
  private static final Pattern TIMESTAMP_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[T ].*", Pattern.DOTALL);
  private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  /** {@code java.time}'s lenient offset without colons ({@code +HH}, {@code +HHMM}, {@code +HHMMss}). */
  private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).parseLenient().appendOffset("+HHMMss", "Z").parseStrict()
      .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
  private static final String NOISE = "0123456789:-+.TtZz _é";

  /** The oracle: what {@code java.time} makes of the text, in epoch microseconds, or {@code Long.MIN_VALUE}. */
  static long javaTime(String text) {
    if (!TIMESTAMP_SHAPE.matcher(text).matches()) {
      return Long.MIN_VALUE;
    }
    String s = text.substring(0, 10) + 'T' + text.substring(11);
    Instant instant;
    try {
      instant = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        instant = OffsetDateTime.parse(s, COMPACT_OFFSET).toInstant();
      } catch (DateTimeParseException e2) {
        try {
          instant = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          return Long.MIN_VALUE;
        }
      }
    }
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
  }

  static long javaDate(String text) {
    if (!DATE_SHAPE.matcher(text).matches()) {
      return Long.MIN_VALUE;
    }
    try {
      return LocalDate.parse(text).toEpochDay();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  private static long bytesTimestamp(String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[t.length + 6];
    b[0] = '2';
    b[1] = '0';
    b[2] = ' ';
    System.arraycopy(t, 0, b, 3, t.length);
    b[t.length + 3] = ':';
    b[t.length + 4] = '0';
    b[t.length + 5] = 'Z';
    return IsoDateTimes.parseTimestampOrMin(b, 3, 3 + t.length);
  }

  @Property(tries = 4000)
  void timestampsAgreeWithJavaTime(@ForAll("timestampText") String text) {
    long expected = javaTime(text);
    Statistics.collect(expected == Long.MIN_VALUE ? "refused" : "accepted");
    assertThat(bytesTimestamp(text)).as(text).isEqualTo(expected);
    assertThat(TextValues.parseTimestampOrMin(text.toCharArray(), 0, text.length())).as(text).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void datesAgreeWithJavaTime(@ForAll("dateText") String text) {
    long expected = javaDate(text);
    Statistics.collect(expected == Long.MIN_VALUE ? "refused" : "accepted");
    byte[] b = ("x" + text + "1").getBytes(StandardCharsets.UTF_8);
    assertThat(IsoDateTimes.parseDateOrMin(b, 1, b.length - 1)).as(text).isEqualTo(expected);
    assertThat(TextValues.parseDateOrMin(text.toCharArray(), 0, text.length())).as(text).isEqualTo(expected);
  }

  @Example
  void theGrammarsCornersAreJavaTimes() {
    String[] cases = {
      "2024-09-22T08:52:26Z", "2024-02-29 23:59:59.999999999+18:00", "2023-02-29T00:00", "2024-02-30T00:00Z",
      "1900-02-29T00:00", "2000-02-29T00:00", "0000-01-01T00:00-18:00", "9999-12-31T23:59:59.9+0530",
      "2024-01-01T10:00:00.", "2024-01-01T10:00:00.Z", "2024-01-01T10:00+05", "2024-01-01T10:00z",
      "2024-01-01T10:00+18:01", "2024-01-01T10:00+053015", "2024-01-01T10:00+05:30:15", "2024-01-01T10:00+05:3015",
      "2024-01-01T10:00+0530:15", "2024-01-01T10:00+24:00", "2024-01-01T10:00+19", "2024-01-01T24:00",
      "2024-01-01T10:00:60", "2024-01-01T10:00:00.1234567891", "2024-01-01t10:00", "2024-01-01T10:00:5",
      "2024-01-01T10:00:00,5", "2024-01-01T10:00Z ", "1969-12-31T23:59:59.999999Z", "2024-01-01T1:00"
    };
    for (String s : cases) {
      assertThat(bytesTimestamp(s)).as(s).isEqualTo(javaTime(s));
    }
    assertThat(javaTime("2024-01-01T10:00+0530")).isEqualTo(javaTime("2024-01-01T10:00+05:30"))
        .isNotEqualTo(Long.MIN_VALUE);
    assertThat(javaTime("2023-02-29T00:00")).isEqualTo(Long.MIN_VALUE);
  }

  @Provide
  Arbitrary<String> timestampText() {
    Arbitrary<String> valid = Combinators.combine(date(), Arbitraries.of("T", " ", "T", " ", "T", " ", "t", "_"), time(),
        fraction(), offset()).as((d, sep, t, f, o) -> d + sep + t + f + o);
    return Arbitraries.frequencyOf(
        Tuple.of(5, valid),
        Tuple.of(4, mutated(valid)),
        Tuple.of(1, Arbitraries.strings().withChars(NOISE).ofMinLength(10).ofMaxLength(36)));
  }

  @Provide
  Arbitrary<String> dateText() {
    return Arbitraries.oneOf(date(), mutated(date()), Arbitraries.strings().withChars(NOISE).ofMaxLength(12));
  }

  private static Arbitrary<String> date() {
    return Combinators.combine(Arbitraries.integers().between(0, 9999), mostly(1, 12, 0, 13), mostly(1, 28, 0, 32))
        .as((y, m, d) -> String.format("%04d-%02d-%02d", y, m, d));
  }

  private static Arbitrary<String> time() {
    return Combinators.combine(mostly(0, 23, 0, 25), mostly(0, 59, 0, 61), mostly(-1, 59, -1, 61)).as((h, m, s) -> String.format("%02d:%02d", h, m)
            + (s < 0 ? "" : String.format(":%02d", s)));
  }

  private static Arbitrary<String> fraction() {
    return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().numeric().ofMaxLength(11).map(d -> "." + d));
  }

  private static Arbitrary<String> offset() {
    Arbitrary<String> hh = mostly(0, 18, 0, 25).map(h -> String.format("%02d", h));
    Arbitrary<String> mm = mostly(0, 59, 0, 61).map(m -> String.format("%02d", m));
    Arbitrary<String> sign = Arbitraries.of("+", "-");
    return Arbitraries.oneOf(Arbitraries.of("", "Z", "z", "+00:00", "-00:00", "+18:00", "-18:00"),
        Combinators.combine(sign, hh).as((s, h) -> s + h),
        Combinators.combine(sign, hh, mm).as((s, h, m) -> s + h + ":" + m),
        Combinators.combine(sign, hh, mm).as((s, h, m) -> s + h + m),
        Combinators.combine(sign, hh, mm, mm).as((s, h, m, x) -> s + h + ":" + m + ":" + x),
        Combinators.combine(sign, hh, mm, mm).as((s, h, m, x) -> s + h + m + x));
  }

  /** Mostly in {@code [lo, hi]}, sometimes in the wider {@code [wideLo, wideHi]}. */
  private static Arbitrary<Integer> mostly(int lo, int hi, int wideLo, int wideHi) {
    return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(lo, hi)),
        Tuple.of(1, Arbitraries.integers().between(wideLo, wideHi)));
  }

  /** The text with one character inserted, deleted or replaced, or cut short. */
  private static Arbitrary<String> mutated(Arbitrary<String> text) {
    return Combinators.combine(text, Arbitraries.integers().between(0, 40), Arbitraries.of(NOISE.toCharArray()),
        Arbitraries.integers().between(0, 3)).as((s, at, c, kind) -> {
          int i = Math.min(at, s.length());
          switch (kind) {
            case 0:
              return s.substring(0, i) + c + s.substring(i);
            case 1:
              return i < s.length() ? s.substring(0, i) + s.substring(i + 1) : s;
            case 2:
              return i < s.length() ? s.substring(0, i) + c + s.substring(i + 1) : s + c;
            default:
              return s.substring(0, i);
          }
        });
  }
}
