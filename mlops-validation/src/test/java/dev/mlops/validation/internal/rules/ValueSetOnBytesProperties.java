package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Check;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RuleResult;
import dev.mlops.validation.StringColumn;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationSuite;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * isContainedIn and isNotContainedIn judge a column kept as UTF-8 bytes (ASCII ones on the bytes, others decoded)
 * exactly as the same values held as strings, with sets holding empty, non-ASCII and unpaired-surrogate values; and a
 * column of strings, whose tester remembers answers by string object, counts as the set says whatever objects repeat.
 */
class ValueSetOnBytesProperties {
  @Provide
  Arbitrary<List<String>> values() {
    return text().list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<Set<String>> sets() {
    return Arbitraries.oneOf(text(), Arbitraries.of("\ud800", "?", "é", "")).set().ofMaxSize(12);
  }

  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("ab?").ofMaxLength(3),
        Arbitraries.strings().withChars("abcé").ofMaxLength(2));
  }

  @Property(tries = 400)
  void bytesAndStringsGiveTheSameCounts(@ForAll("values") List<String> values, @ForAll("sets") Set<String> set,
      @ForAll boolean contained, @ForAll boolean nulls, @ForAll boolean asciiOnly) {
    StringColumn.Utf8Builder bytes = StringColumn.utf8Builder("s", values.size(), 16);
    Column.Builder strings = Column.builder("s", ColumnType.STRING, values.size());
    long expected = 0;
    for (String raw : values) {
      // an ASCII column is judged on its bytes, another one on decoded strings
      String v = asciiOnly ? raw.replace('é', 'c') : raw;
      if (nulls && v.equals("b")) {
        bytes.addNull();
        strings.addNull();
        continue;
      }
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      bytes.addUtf8(b, 0, b.length);
      strings.addString(v);
      expected += set.contains(v) == contained ? 0 : 1;
    }
    Check check = contained ? Check.error("c").isContainedIn("s", set) : Check.error("c").isNotContainedIn("s", set);
    ValidationSuite suite = ValidationSuite.builder("s").addCheck(check).build();
    RuleResult onBytes = suite.run(Table.of(bytes.build())).results().get(0);
    RuleResult onStrings = suite.run(Table.of(strings.build())).results().get(0);
    assertThat(onBytes.unexpectedCount()).isEqualTo(expected);
    assertThat(onStrings.unexpectedCount()).isEqualTo(expected);
    assertThat(onBytes.elementCount()).isEqualTo(onStrings.elementCount());
    assertThat(onBytes.samples()).isEqualTo(onStrings.samples());
  }

  /**
   * Values from a small pool, each row the pool's object or a new copy of it, so that rows share objects, equal
   * values come in several objects, and different values share a slot of the tester's memory ("Aa" and "BB" have one
   * hash): the counts are those of the set.
   */
  @Property(tries = 300)
  void sharedAndCopiedStringsCountAsTheSetSays(@ForAll List<@net.jqwik.api.constraints.IntRange(min = 0, max = 9)
      Integer> picks, @ForAll List<Boolean> copies, @ForAll boolean contained) {
    String[] pool = {"Aa", "BB", "C#", "b", "", "é", "AaAa", "BBBB", "AaBB", "x"};
    Set<String> set = Set.of("Aa", "AaBB", "", "é");
    Column.Builder strings = Column.builder("s", ColumnType.STRING, picks.size());
    long expected = 0;
    for (int i = 0; i < picks.size(); i++) {
      String v = pool[picks.get(i)];
      if (v.equals("x")) {
        strings.addNull();
        continue;
      }
      boolean copy = i < copies.size() && copies.get(i);
      strings.addString(copy ? new String(v.toCharArray()) : v);
      expected += set.contains(v) == contained ? 0 : 1;
    }
    Check check = contained ? Check.error("c").isContainedIn("s", set) : Check.error("c").isNotContainedIn("s", set);
    RuleResult r = ValidationSuite.builder("s").addCheck(check).build().run(Table.of(strings.build())).results()
        .get(0);
    assertThat(r.unexpectedCount()).isEqualTo(expected);
  }
}
