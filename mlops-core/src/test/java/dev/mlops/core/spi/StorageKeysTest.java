package dev.mlops.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The key syntax and the reversible escaping of user names into key segments. */
class StorageKeysTest {
  @Property(tries = 200)
  void escapingRoundTripsAndAlwaysGivesAValidSegment(@ForAll("names") String name) {
    String segment;
    try {
      segment = StorageKeys.escapeSegment(name);
    } catch (InvalidInputException refused) {
      assertThat(refused).hasMessageContaining(wellFormed(name) ? "too long" : "lone surrogate");
      return;
    }
    assertThat(StorageKeys.isValid(segment)).as(segment).isTrue();
    assertThat(segment).doesNotContain("/");
    assertThat(StorageKeys.unescapeSegment(segment)).isEqualTo(name);
  }

  @Property(tries = 150)
  void differentNamesNeverShareASegment(@ForAll("names") String a, @ForAll("names") String b) {
    if (!a.equals(b) && a.length() <= 28 && b.length() <= 28 && wellFormed(a) && wellFormed(b)) {
      assertThat(StorageKeys.escapeSegment(a)).isNotEqualTo(StorageKeys.escapeSegment(b));
    }
  }

  @Property(tries = 150)
  void validKeysAreValidPrefixesAndSoAreTheirLeadingParts(@ForAll("keys") String key) {
    assertThat(StorageKeys.requireValid(key)).isEqualTo(key);
    for (int i = 0; i <= key.length(); i++) {
      String prefix = key.substring(0, i);
      assertThat(StorageKeys.requireValidPrefix(prefix)).isEqualTo(prefix);
    }
    assertThat(StorageKeys.requireValidPrefix(key + "/")).isEqualTo(key + "/");
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withChars("aZ9. /%-_~\\:\u0000é€😀").ofMinLength(1).ofMaxLength(30),
        Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(300));
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> segment = Arbitraries.strings().withChars("azAZ09._~%+=@-").ofMinLength(1).ofMaxLength(12)
        .filter(s -> !s.equals(".") && !s.equals(".."));
    return segment.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("/", l));
  }

  @Example
  void escapingExamples() {
    assertThat(StorageKeys.escapeSegment("Penguins raw/v1")).isEqualTo("Penguins%20raw%2Fv1");
    assertThat(StorageKeys.escapeSegment(".hidden")).isEqualTo("%2Ehidden");
    assertThat(StorageKeys.escapeSegment("..")).isEqualTo("%2E.");
    assertThat(StorageKeys.escapeSegment("a.b")).isEqualTo("a.b");
    assertThat(StorageKeys.escapeSegment("é")).isEqualTo("%C3%A9");
    assertThat(StorageKeys.escapeSegment("100%")).isEqualTo("100%25");
    assertThat(StorageKeys.escapeSegment("C:\\x")).isEqualTo("C%3A%5Cx");
    assertThat(StorageKeys.escapeSegment("\u0000")).isEqualTo("%00");
  }

  @Example
  void escapingRefusesWhatCannotBeASegment() {
    assertThatThrownBy(() -> StorageKeys.escapeSegment("")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> StorageKeys.escapeSegment(" ".repeat(100))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("300 characters escaped");
    assertThat(StorageKeys.escapeSegment("x".repeat(StorageKeys.MAX_SEGMENT))).hasSize(StorageKeys.MAX_SEGMENT);
    assertThatThrownBy(() -> StorageKeys.escapeSegment("a\uD800b")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("surrogate");
    assertThat(StorageKeys.escapeSegment("?")).isEqualTo("%3F");
  }

  @Example
  void unescapingRefusesMalformedSegments() {
    for (String bad : new String[] {"%", "%4", "%G1", "a%", "%4x", "é", "a b", "%\u0663\u0661", "%FF", "%C3"}) {
      assertThatThrownBy(() -> StorageKeys.unescapeSegment(bad)).as(bad).isInstanceOf(InvalidInputException.class);
    }
    assertThat(StorageKeys.unescapeSegment("%2f")).isEqualTo("/");
    assertThat(StorageKeys.unescapeSegment("plain")).isEqualTo("plain");
  }

  @Example
  void keyRules() {
    assertThat(StorageKeys.isValid("a")).isTrue();
    assertThat(StorageKeys.isValid("x".repeat(StorageKeys.MAX_SEGMENT))).isTrue();
    assertThat(StorageKeys.isValid("x".repeat(StorageKeys.MAX_SEGMENT + 1))).isFalse();
    String longest = ("y".repeat(200) + "/").repeat(5) + "z".repeat(StorageKeys.MAX_KEY - 1005);
    assertThat(longest).hasSize(StorageKeys.MAX_KEY);
    assertThat(StorageKeys.isValid(longest)).isTrue();
    assertThat(StorageKeys.isValid(longest + "z")).isFalse();
    for (String bad : new String[] {"", ".", "..", "a/.", "a/..", "./a", "../a", "/a", "a/", "a//b", "a b", "a\\b",
        "a:b", "\u0000", "a\u0001", "é", "a\u2028b"}) {
      assertThat(StorageKeys.isValid(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> StorageKeys.requireValid(bad)).isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("invalid storage key '");
    }
  }

  @Example
  void prefixRules() {
    for (String ok : new String[] {"", "a", "a/", "a/b", ".", "..", "a/.", "a/..", "runs/ab", "~"}) {
      assertThat(StorageKeys.requireValidPrefix(ok)).isEqualTo(ok);
    }
    for (String bad : new String[] {"/", "/a", "../", "../b", "a/../b", "a/./", "./x", "a//", "a b", "x\u0000",
        "x".repeat(2000), "x".repeat(StorageKeys.MAX_SEGMENT + 1)}) {
      assertThatThrownBy(() -> StorageKeys.requireValidPrefix(bad)).as(bad).isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("invalid storage key prefix");
    }
  }

  @Example
  void messagesShowHostileInputSafely() {
    assertThatThrownBy(() -> StorageKeys.requireValid("x\u0000" + "y".repeat(500)))
        .hasMessageContaining("'x\\0yyy").hasMessageContaining("...'").hasMessageContaining("NUL at index 1");
    assertThat(StorageKeys.describe('\n')).isEqualTo("U+000A");
    assertThat(StorageKeys.describe('a')).isEqualTo("'a'");
  }
}
