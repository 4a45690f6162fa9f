package dev.mlops.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = CanonicalJsonTest.class.getResourceAsStream("rfc8785/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"numbers", "structures", "sorting"})
  void rfc8785SamplesCanonicalizeToTheRfcOutput(String sample) throws IOException {
    assertThat(CanonicalJson.canonicalize(resource(sample + ".json")))
        .isEqualTo(resource(sample + ".expected.json"));
  }

  @Test
  void rfcNumbersSampleIsSpelledOutToo() {
    String in = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
        + "\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
        + "\"literals\": [null, true, false]}";
    assertThat(CanonicalJson.canonicalize(in)).isEqualTo(
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1e30|1e+30",
      "4.5|4.5",
      "0.002|0.002",
      "-0.0|0",
      "1e21|1e+21",
      "1e20|100000000000000000000",
      "1e-7|1e-7",
      "1e-6|0.000001",
      "5e-324|5e-324",
      "1.7976931348623157e308|1.7976931348623157e+308",
      "333333333.3333333|333333333.3333333",
      "9007199254740992.0|9007199254740992",
      "123456789012345680000.0|123456789012345680000",
      "0.1|0.1",
      "-1.5e-9|-1.5e-9",
      "2e-323|2e-323",
      "1.0|1"})
  void doublesFollowEcmaScript(double value, String expected) {
    assertThat(CanonicalJson.write(value)).isEqualTo(expected);
  }

  @Test
  void rfcAppendixBNumberSamples() {
    String[][] samples = {
        {"0000000000000000", "0"}, {"8000000000000000", "0"}, {"0000000000000001", "5e-324"},
        {"8000000000000001", "-5e-324"}, {"7fefffffffffffff", "1.7976931348623157e+308"},
        {"ffefffffffffffff", "-1.7976931348623157e+308"}, {"4340000000000000", "9007199254740992"},
        {"c340000000000000", "-9007199254740992"}, {"4430000000000000", "295147905179352830000"},
        {"44b52d02c7e14af5", "9.999999999999997e+22"}, {"44b52d02c7e14af6", "1e+23"},
        {"44b52d02c7e14af7", "1.0000000000000001e+23"}, {"444b1ae4d6e2ef4e", "999999999999999700000"},
        {"444b1ae4d6e2ef4f", "999999999999999900000"}, {"444b1ae4d6e2ef50", "1e+21"},
        {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"}, {"3eb0c6f7a0b5ed8d", "0.000001"},
        {"41b3de4355555553", "333333333.3333332"}, {"41b3de4355555554", "333333333.33333325"},
        {"41b3de4355555555", "333333333.3333333"}, {"41b3de4355555556", "333333333.3333334"},
        {"41b3de4355555557", "333333333.33333343"}, {"becbf647612f3696", "-0.0000033333333333333333"},
        {"43143ff3c1cb0959", "1424953923781206.2"}};
    for (String[] s : samples) {
      double d = Double.longBitsToDouble(Long.parseUnsignedLong(s[0], 16));
      assertThat(CanonicalJson.write(d)).as(s[0]).isEqualTo(s[1]);
    }
  }

  @Test
  void javaDoubleToStringIsNotTheReference() {
    // Java 17 writes 2.0E-3 and 1.0E30 for these; a naive implementation would be wrong.
    assertThat(CanonicalJson.write(2e-3)).isEqualTo("0.002");
    assertThat(CanonicalJson.write(1e30)).isEqualTo("1e+30");
    // JDK 17 prints 2.0E23 with a non-shortest digit for some values; the shortest is required.
    assertThat(CanonicalJson.write(2e23)).isEqualTo("2e+23");
    assertThat(CanonicalJson.write(8.41e21)).isEqualTo("8.41e+21");
    assertThat(CanonicalJson.write(5.0e-324 * 3)).isEqualTo("1.5e-323");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
  void nonFiniteNumbersAreRefusedWithTheirPath(String which) {
    Map<String, Object> config = Map.of("config", Map.of("lr", Double.parseDouble(which)));
    assertThatThrownBy(() -> CanonicalJson.write(config))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("$.config.lr");
    assertThatThrownBy(() -> CanonicalJson.write(List.of(1, Float.parseFloat(which))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("$[1]");
  }

  @Test
  void numbersBeyondTheDoubleRangeInTextAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":[1e400]}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("$.a[0]");
  }

  @Test
  void integersBeyondTwoToThe53KeepTheirExactValue() {
    assertThat(CanonicalJson.write(9007199254740993L)).isEqualTo("9007199254740993");
    assertThat(CanonicalJson.write(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    BigInteger big = BigInteger.TWO.pow(100).add(BigInteger.ONE);
    assertThat(CanonicalJson.write(big)).isEqualTo(big.toString());
    assertThat(CanonicalJson.write(new BigDecimal("1E+30"))).isEqualTo("1000000000000000000000000000000");
    assertThat(CanonicalJson.canonicalize("[9007199254740993, -0, 12345678901234567890123]"))
        .isEqualTo("[9007199254740993,0,12345678901234567890123]");
    assertThat(CanonicalJson.write(9007199254740993L))
        .isNotEqualTo(CanonicalJson.write(9007199254740992L));
  }

  @Test
  void integralValuesWithinTwoToThe53AreWrittenAlikeWhateverTheirType() {
    List<Object> same = List.of(42, 42L, (short) 42, (byte) 42, 42.0, 42.0f, new BigDecimal("42.000"),
        BigInteger.valueOf(42));
    for (Object o : same) {
      assertThat(CanonicalJson.write(o)).as(o.getClass().getName()).isEqualTo("42");
    }
    assertThat(CanonicalJson.write(new BigDecimal("0.1"))).isEqualTo("0.1");
    assertThat(CanonicalJson.write(0.1f)).isEqualTo("0.10000000149011612");
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":{\"b\":1,\"b\":2}}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("duplicate")
        .hasMessageContaining("$.a.b");
  }

  @Test
  void loneSurrogatesAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":\"x\\ud800\"}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("$.a");
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"\\udc00\":1}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("surrogate");
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("k", "\ud83d")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("$.k");
    assertThatThrownBy(() -> CanonicalJson.write('\udfff'))
        .isInstanceOf(InvalidInputException.class);
    assertThat(CanonicalJson.write("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
  }

  @Test
  void malformedTextIsRefused() {
    for (String bad : new String[] {"", "  ", "{", "[1,]", "{\"a\":1} x", "'a'", "01", "NaN", "[1] [2]"}) {
      assertThatThrownBy(() -> CanonicalJson.canonicalize(bad)).as(bad)
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void stringsUseMinimalEscaping() {
    assertThat(CanonicalJson.write("a\"b\\c\b\f\n\r\t\u0001\u001f\u007f\u2028/é"))
        .isEqualTo("\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u2028/é\"");
  }

  @Test
  void mapKeysMustBeStrings() {
    Map<Object, Object> m = new HashMap<>();
    m.put(1, "one");
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("outer", m)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("$.outer").hasMessageContaining("java.lang.Integer");
  }

  @Test
  void keysSortByUtf16CodeUnitsNotCodePoints() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("\ufb33", 1);
    m.put("\ud83d\ude00", 2);
    m.put("b", 3);
    m.put("B", 4);
    assertThat(CanonicalJson.write(m)).isEqualTo("{\"B\":4,\"b\":3,\"\ud83d\ude00\":2,\"\ufb33\":1}");
  }

  /** A training configuration as users write it. */
  record Hyper(String optimizer, double lr, int epochs, List<Integer> layers, Optional<String> note) {}

  /** A bean with getters. */
  public static final class Bean {
    public int getSize() {
      return 3;
    }

    public boolean isEnabled() {
      return true;
    }

    public String getURL() {
      return "u";
    }
  }

  enum Mode { TRAIN, EVAL }

  @Test
  void javaValuesMapToJson() {
    assertThat(CanonicalJson.write(new Hyper("adam", 0.01, 10, List.of(64, 32), Optional.empty())))
        .isEqualTo("{\"epochs\":10,\"layers\":[64,32],\"lr\":0.01,\"note\":null,\"optimizer\":\"adam\"}");
    assertThat(CanonicalJson.write(new Bean())).isEqualTo("{\"URL\":\"u\",\"enabled\":true,\"size\":3}");
    assertThat(CanonicalJson.write(Mode.EVAL)).isEqualTo("\"EVAL\"");
    assertThat(CanonicalJson.write(new int[] {1, 2})).isEqualTo("[1,2]");
    assertThat(CanonicalJson.write(new double[] {0.5, -0.0})).isEqualTo("[0.5,0]");
    assertThat(CanonicalJson.write(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("\"2024-01-02T03:04:05Z\"");
    assertThat(CanonicalJson.write(LocalDate.of(2024, 2, 29))).isEqualTo("\"2024-02-29\"");
    assertThat(CanonicalJson.write(Duration.ofMinutes(90))).isEqualTo("\"PT1H30M\"");
    assertThat(CanonicalJson.write(Optional.of('x'))).isEqualTo("\"x\"");
    assertThat(CanonicalJson.write(null)).isEqualTo("null");
    assertThat(CanonicalJson.write(Digest.sha256("x"))).isEqualTo("\"" + Digest.sha256("x") + "\"");
  }

  @Test
  void setsAreSortedSoTheirIterationOrderDoesNotMatter() {
    assertThat(CanonicalJson.write(new LinkedHashSet<>(List.of("b", "a", "c"))))
        .isEqualTo(CanonicalJson.write(new LinkedHashSet<>(List.of("c", "b", "a"))))
        .isEqualTo("[\"a\",\"b\",\"c\"]");
  }

  @Test
  void unwritableValuesAreRefused() {
    List<Object> self = new ArrayList<>();
    self.add(self);
    assertThatThrownBy(() -> CanonicalJson.write(self))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cycle");
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("p", Path.of("a"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("$.p");
    assertThatThrownBy(() -> CanonicalJson.write(new Object()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("getters");
  }

  @Test
  void parseKeepsIntegersExactAndWriteOfParseIsCanonicalize() {
    String text = "{\"b\":[1.50,18446744073709551617,7],\"a\":\"x\"}";
    Object parsed = CanonicalJson.parse(text);
    assertThat(parsed).isInstanceOf(Map.class);
    List<Object> b = new ArrayList<>((List<?>) ((Map<?, ?>) parsed).get("b"));
    assertThat(b).containsExactly(1.5, new BigInteger("18446744073709551617"), 7L);
    assertThat(CanonicalJson.write(parsed)).isEqualTo(CanonicalJson.canonicalize(text));
  }

  @Test
  void digestFramesTheTagThenALineFeedThenTheCanonicalBytes() {
    Map<String, Object> value = new TreeMap<>(Map.of("b", 2, "a", 1));
    byte[] framed = "mlops.test.v1\n{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8);
    assertThat(CanonicalJson.digest("mlops.test.v1", value)).isEqualTo(Digest.sha256(framed));
    assertThat(CanonicalJson.digestJson("mlops.test.v1", "{ \"b\": 2.0, \"a\": 1 }"))
        .isEqualTo(Digest.sha256(framed));
    assertThat(CanonicalJson.digest("mlops.test.v2", value)).isNotEqualTo(Digest.sha256(framed));
    assertThat(CanonicalJson.toBytes(value)).isEqualTo(Arrays.copyOfRange(framed, 14, framed.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "mlops", "mlops.test", "Mlops.test.v1", "mlops.test.v0", "mlops\n.v1",
      "mlops..v1", "mlops.tést.v1"})
  void badDomainTagsAreRefused(String tag) {
    assertThatThrownBy(() -> CanonicalJson.digest(tag, 1)).isInstanceOf(InvalidInputException.class);
  }
}
