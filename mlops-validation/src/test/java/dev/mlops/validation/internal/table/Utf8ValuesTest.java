package dev.mlops.validation.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-level value parsers: every double must equal {@link Double#parseDouble(String)} bit for bit (our grammar
 * in front of FastDoubleParser); longs must agree with {@link Long#parseLong(String)} and
 * dates with {@link LocalDate}, through the byte parsers and the char-level {@link TextValues} that narrows to them.
 */
class Utf8ValuesTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Java's parse, except that a finite literal beyond double's range is refused rather than made infinite. */
  private static void assertSameDouble(String text) {
    byte[] b = bytes(text);
    double expected = Double.parseDouble(text);
    if (Double.isInfinite(expected)) {
      assertThat(Utf8Values.isDouble(b, 0, b.length)).as(text).isFalse();
      assertThat(Utf8Values.parseDoubleBits(b, 0, b.length)).as(text).isEqualTo(Utf8Values.NOT_A_DOUBLE);
      return;
    }
    assertThat(Utf8Values.isDouble(b, 0, b.length)).as(text).isTrue();
    assertThat(Double.doubleToRawLongBits(Utf8Values.parseDouble(b, 0, b.length))).as(text)
        .isEqualTo(Double.doubleToRawLongBits(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "0", "-0", "-0.0", "+0.0", "0e10", "-0e-10", "1", "-1", "0.1", "0.3", ".5", "5.", "-.5", "1e5", "1E5",
    "1e+5", "1e-5", "103.45678901234567", "99.99999999999999", "9007199254740992", "9007199254740993",
    "9007199254740995", "18446744073709551615", "18446744073709551616", "9999999999999999999",
    "12345678901234567890", "123456789012345678901234567890", "0.000000000000000000000000000001",
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
    "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "2.2250738585072011e-308",
    "2.2250738585072014e-308", "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
    "1e99999999999", "1e-99999999999", "0.0000001e7", "123e-2", "8.98846567431158e307", "5e-324", "1e23",
    "8.41e21", "1.448997445238699", "7.3177701707893310e+15", "2.2250738585072012e-308"
  })
  void doublesEqualJavasParse(String text) {
    assertSameDouble(text);
  }

  @Test
  void specialWordsAreNanAndInfinities() {
    for (String s : new String[] {"NaN", "nan", "NAN"}) {
      byte[] b = bytes(s);
      assertThat(Utf8Values.isDouble(b, 0, b.length)).isTrue();
      assertThat(Utf8Values.parseDouble(b, 0, b.length)).isNaN();
    }
    for (String s : new String[] {"Infinity", "inf", "+INF", "+infinity"}) {
      byte[] b = bytes(s);
      assertThat(Utf8Values.isDouble(b, 0, b.length)).isTrue();
      assertThat(Utf8Values.parseDouble(b, 0, b.length)).isEqualTo(Double.POSITIVE_INFINITY);
    }
    for (String s : new String[] {"-Infinity", "-inf"}) {
      byte[] b = bytes(s);
      assertThat(Utf8Values.parseDouble(b, 0, b.length)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
    for (String s : new String[] {"-nan", "+nan", "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1d", " 1",
        "1 ", "infinit", "1_0", "١", "1e5x", "1.5f", "--1", "-+1", "1e-+5", "inf1"}) {
      byte[] b = bytes(s);
      assertThat(Utf8Values.isDouble(b, 0, b.length)).as(s).isFalse();
    }
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final java.util.regex.Pattern NAN = java.util.regex.Pattern.compile("(?i)nan");
  private static final java.util.regex.Pattern INFINITY = java.util.regex.Pattern.compile("[+-]?(?i:inf|infinity)");

  /** The grammar written as regular expressions, Java's parse for the value: the reference the parser must equal. */
  private static long reference(String s) {
    if (NUMBER.matcher(s).matches()) {
      double d = Double.parseDouble(s);
      return Double.isInfinite(d) ? Utf8Values.NOT_A_DOUBLE : Double.doubleToRawLongBits(d);
    }
    if (NAN.matcher(s).matches()) {
      return Double.doubleToRawLongBits(Double.NaN);
    }
    if (INFINITY.matcher(s).matches()) {
      return Double.doubleToRawLongBits(s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    return Utf8Values.NOT_A_DOUBLE;
  }

  @Property(tries = 5000)
  void nearNumbersAreReadAsTheGrammarSays(
      @ForAll @StringLength(max = 12) @net.jqwik.api.constraints.Chars({'0', '1', '5', '9', '.', 'e', 'E', '+', '-',
          'x', 'd', 'f', 'n', 'a', 'i', 'N', 'F', 'y', ' ', '_'}) String text) {
    byte[] b = bytes(text);
    assertThat(Utf8Values.parseDoubleBits(b, 0, b.length)).as(text).isEqualTo(reference(text));
  }

  @Property(tries = 3000)
  void everyDoubleRoundTripsThroughItsShortestText(@ForAll double d) {
    assertSameDouble(Double.toString(d).replace("Infinity", "inf"));
  }

  @Property(tries = 3000)
  void decimalsWithManyDigitsAndAnyExponentEqualJavasParse(
      @ForAll @StringLength(min = 1, max = 24) @net.jqwik.api.constraints.NumericChars String digits,
      @ForAll @IntRange(min = 0, max = 24) int point, @ForAll @IntRange(min = -360, max = 330) int exponent,
      @ForAll boolean negative) {
    int p = Math.min(point, digits.length());
    String text = (negative ? "-" : "") + digits.substring(0, p) + "." + digits.substring(p) + "e" + exponent;
    assertSameDouble(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "+5", "9223372036854775807", "-9223372036854775808", "123456789012345678",
      "1234567890123456789", "-1234567890123456789"})
  void longsParseAsJavaDoes(String text) {
    byte[] b = bytes(text);
    assertThat(Utf8Values.isLong(b, 0, b.length)).isTrue();
    assertThat(Utf8Values.parseLong(b, 0, b.length)).isEqualTo(Long.parseLong(text));
    assertThat(Utf8Values.parseLongOrMin(b, 0, b.length)).isEqualTo(Long.parseLong(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "+", "9223372036854775808", "-9223372036854775809", "99999999999999999999",
      "1.0", "1e3", "12a", " 1", "--1", "1234567/", "1234567:", "/2345678", ":2345678", "12345678/1234567",
      "123456789012345:78", "1234567890123456789:", "12345678\u00001"})
  void nonLongsAreRejected(String text) {
    byte[] b = bytes(text);
    assertThat(Utf8Values.isLong(b, 0, b.length)).isFalse();
    assertThat(Utf8Values.parseLongOrMin(b, 0, b.length)).isEqualTo(Long.MIN_VALUE);
  }

  @Property(tries = 1000)
  void longsAgreeWithJavasParser(@ForAll @StringLength(max = 21) String text) {
    byte[] b = bytes(text);
    Long expected;
    try {
      expected = text.chars().allMatch(ch -> ch < 0x80) ? Long.parseLong(text) : null;
    } catch (NumberFormatException e) {
      expected = null;
    }
    assertThat(Utf8Values.isLong(b, 0, b.length)).isEqualTo(expected != null);
    char[] c = text.toCharArray();
    assertThat(TextValues.isLong(c, 0, c.length)).isEqualTo(expected != null);
    if (expected != null) {
      assertThat(Utf8Values.parseLongOrMin(b, 0, b.length)).isEqualTo(expected);
      assertThat(TextValues.parseLong(c, 0, c.length)).isEqualTo(expected);
    }
  }

  @Property(tries = 1000)
  void anyLongRoundTrips(@ForAll long v) {
    byte[] b = bytes(Long.toString(v));
    assertThat(Utf8Values.parseLongOrMin(b, 0, b.length)).isEqualTo(v);
    assertThat(Utf8Values.isLong(b, 0, b.length)).isTrue();
  }

  @Property(tries = 1000)
  void datesMatchLocalDate(@ForAll @LongRange(min = -200_000, max = 2_900_000) long epochDay) {
    String text = LocalDate.ofEpochDay(epochDay).toString();
    byte[] b = bytes(text);
    if (text.length() == 10) {
      assertThat(IsoDateTimes.parseDateOrMin(b, 0, b.length)).isEqualTo(epochDay);
    }
  }

  @Test
  void impossibleDatesAndOtherWordsAreRejected() {
    for (String s : new String[] {"2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024/01/01", "24-01-01"}) {
      byte[] b = bytes(s);
      assertThat(IsoDateTimes.parseDateOrMin(b, 0, b.length)).as(s).isEqualTo(IsoDateTimes.NOT_A_DATE);
    }
    byte[] t = bytes("TRUE");
    assertThat(Utf8Values.isBoolean(t, 0, 4)).isTrue();
    assertThat(Utf8Values.parseBoolean(t, 0, 4)).isTrue();
    byte[] ts = bytes("2024-01-01 00:00:01+02:00");
    assertThat(IsoDateTimes.parseTimestampOrMin(ts, 0, ts.length)).isEqualTo((1704067201L - 7200) * 1_000_000L);
    byte[] bad = bytes("2024-01-01Té0:00");
    assertThat(IsoDateTimes.parseTimestampOrMin(bad, 0, bad.length)).isEqualTo(IsoDateTimes.NOT_A_TIMESTAMP);
  }
}
