package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.StringColumn;
import dev.mlops.validation.internal.column.Utf8Storage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The whole byte DFA judges a block of a column's values side by side ({@link ByteDfa#matchRows}) exactly as value by
 * value, and as java.util.regex wherever it does not defer; null rows and values of every length mix in a block.
 */
class ByteDfaProperties {
  private static final List<String> PATTERNS = List.of(PatternKernel.EMAIL, "^[a-z0-9]+@[a-z]+\\.[a-z]{2,}$",
      "^a.*$", "b+", "é", "\\d{2}", "a|b@", "(ab|a)*c?", "x$", "^\\s*$", PatternKernel.UUID);

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of(PATTERNS);
  }

  @Provide
  Arbitrary<List<String>> values() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcx@.-19 \n\rAB_%").ofMaxLength(40),
        Arbitraries.strings().withChars("abé@.").ofMaxLength(6),
        Arbitraries.of("anna.meyer12@example.co.uk", "a b@c.de", "a@b.c", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        Arbitraries.just("\u0000null"));
    return value.list().ofMaxSize(70);
  }

  @Property(tries = 400)
  void aBlockIsJudgedAsValueByValueAndAsJavaUtilRegex(@ForAll("patterns") String regex,
      @ForAll("values") List<String> values, @ForAll boolean full) {
    SimpleRegex simple = SimpleRegex.compile(regex);
    assertThat(simple).isNotNull();
    ByteDfa dfa = simple.byteDfa(full);
    assertThat(dfa).as("%s has a byte DFA", regex).isNotNull();
    StringColumn.Utf8Builder builder = StringColumn.utf8Builder("s", values.size(), 16);
    builder.addUtf8(new byte[] {'z', 'z'}, 0, 2);
    for (String v : values) {
      if (v.equals("\u0000null")) {
        builder.addNull();
      } else {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        builder.addUtf8(b, 0, b.length);
      }
    }
    Utf8Storage u = Utf8Storage.of(builder.build());
    byte[] out = new byte[values.size()];
    dfa.matchRows(u, 1, values.size() + 1, out);
    Pattern p = Pattern.compile(regex);
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      int row = i + 1;
      assertThat(out[i]).as("row %d of a block", i).isEqualTo((byte) dfa.match(u.bytes(), u.start(row), u.end(row)));
      if (v.equals("\u0000null") || out[i] < 0) {
        continue;
      }
      boolean expected = full ? p.matcher(v).matches() : p.matcher(v).find();
      assertThat(out[i]).as("%s %s on '%s'", full ? "FULL" : "FIND", regex, v).isEqualTo((byte) (expected ? 1 : 0));
    }
  }

  @Example
  void aPatternWithTooManyStatesHasNoByteDfa() {
    // the ninth character from the end being an 'a' needs 2^9 states to remember the last nine
    SimpleRegex simple = SimpleRegex.compile("a[ab]{8}");
    assertThat(simple).isNotNull();
    assertThat(simple.byteDfa(false)).isNull();
    assertThat(simple.byteDfa(true)).isNotNull();
  }
}
