package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The regex-free matcher answers exactly as java.util.regex on generated patterns of its subset. */
class SimpleRegexProperties {
  /** How many character reads java.util.regex may make on one value before a try is discarded. */
  private static final long ORACLE_READS = 2_000_000;
  private static final List<String> ATOMS = List.of("a", "b", "x", "@", "\\.", ".", "-", "[a-c]", "[^a]", "[a-z0-9._%+-]",
      "\\d", "\\w", "\\s", "\\S", "[\\d.]", "[^\\s]", "é", "[à-ö]", " ");
  private static final List<String> QUANTIFIERS = List.of("", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "*?", "{0,2}");
  private static final List<String> GROUP_QUANTIFIERS = List.of("", "", "?", "*", "+", "*?", "{0,2}", "{2}");

  @Provide
  Arbitrary<String> patterns() {
    Arbitrary<String> atom = Combinators.combine(Arbitraries.of(ATOMS), Arbitraries.of(QUANTIFIERS)).as((a, q) -> a + q);
    return Combinators.combine(Arbitraries.of("", "^"), atom.list().ofMinSize(0).ofMaxSize(5),
        Arbitraries.of("", "$")).as((s, atoms, e) -> s + String.join("", atoms) + e);
  }

  /** Groups (capturing or not) and alternation around sequences of quantified atoms, nested up to two levels. */
  @Provide
  Arbitrary<String> groupedPatterns() {
    Arbitrary<String> atom = Combinators.combine(Arbitraries.of(ATOMS), Arbitraries.of(QUANTIFIERS)).as((a, q) -> a + q);
    Arbitrary<String> seq = atom.list().ofMinSize(0).ofMaxSize(3).map(l -> String.join("", l));
    Arbitrary<String> group = Combinators.combine(Arbitraries.of("(", "(?:"), seq.list().ofMinSize(1).ofMaxSize(3),
        Arbitraries.of(GROUP_QUANTIFIERS)).as((open, alts, q) -> open + String.join("|", alts) + ")" + q);
    Arbitrary<String> nested = Combinators.combine(Arbitraries.of("(", "(?:"),
        Arbitraries.oneOf(atom, group).list().ofMinSize(1).ofMaxSize(3), Arbitraries.of("", "|"),
        Arbitraries.of(GROUP_QUANTIFIERS)).as((open, parts, sep, q) -> open + String.join(sep, parts) + ")" + q);
    Arbitrary<String> body = Arbitraries.oneOf(atom, group, nested).list().ofMinSize(0).ofMaxSize(4)
        .map(l -> String.join("", l));
    Arbitrary<String> anchored = Combinators.combine(Arbitraries.of("", "^"), body, Arbitraries.of("", "$"))
        .as((s, b, e) -> s + b + e);
    Arbitrary<String> alternatives = body.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join("|", l));
    return Arbitraries.oneOf(anchored, alternatives);
  }

  /** As {@link #answersAsJavaUtilRegex}; a pattern past the subset's 62 positions (counted repeats) is skipped. */
  @Property(tries = 3000)
  void answersAsJavaUtilRegexWithGroupsAndAlternation(@ForAll("groupedPatterns") String regex,
      @ForAll("values") String value) {
    SimpleRegex simple = SimpleRegex.compile(regex);
    Statistics.collect(simple == null ? "more than 62 positions" : "compiled");
    Assume.that(simple != null);
    answersAsJavaUtilRegex(regex, value);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withChars("abx@.-1 9_é\n\r\u2028Z%").withCharRange('\ud83d', '\ud83d')
        .ofMaxLength(9).map(s -> s.replace("\ud83d", "\ud83d\ude00"));
  }

  @Property(tries = 3000)
  void answersAsJavaUtilRegex(@ForAll("patterns") String regex, @ForAll("values") String value) {
    SimpleRegex simple = SimpleRegex.compile(regex);
    assertThat(simple).as("%s is in the subset", regex).isNotNull();
    Pattern p = Pattern.compile(regex);
    assertThat(simple.newMatcher(true).match(value)).as("FULL %s on '%s'", regex, value)
        .isEqualTo(oracle(p, value, true) ? 1 : 0);
    assertThat(simple.newMatcher(false).match(value)).as("FIND %s on '%s'", regex, value)
        .isEqualTo(oracle(p, value, false) ? 1 : 0);
    answersOnBytesAsOnStrings(simple, regex, value);
  }

  /**
   * The byte matcher, given the value's UTF-8 bytes inside a larger array, either answers as java.util.regex or
   * (a non-ASCII byte, a FIND with a trailing {@code $}) defers to the string matcher; an ASCII value in FULL mode
   * is always answered on the bytes.
   */
  private static void answersOnBytesAsOnStrings(SimpleRegex simple, String regex, String value) {
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[v.length + 4];
    Arrays.fill(padded, (byte) 'a');
    System.arraycopy(v, 0, padded, 2, v.length);
    Pattern p = Pattern.compile(regex);
    int full = simple.newMatcher(true).match(padded, 2, 2 + v.length);
    int find = simple.newMatcher(false).match(padded, 2, 2 + v.length);
    if (full >= 0 || value.chars().allMatch(c -> c < 128)) {
      assertThat(full).as("FULL %s on the bytes of '%s'", regex, value).isEqualTo(oracle(p, value, true) ? 1 : 0);
    }
    if (find >= 0) {
      assertThat(find).as("FIND %s on the bytes of '%s'", regex, value).isEqualTo(oracle(p, value, false) ? 1 : 0);
    }
    answersOnBytesByTheWholeDfa(simple, regex, value, padded, 2, 2 + v.length);
  }

  /**
   * The whole byte DFA answers as java.util.regex, and defers (-1) only on a non-ASCII value or, in FIND, a value
   * ending in a line terminator (where a trailing {@code $} may match before it).
   */
  private static void answersOnBytesByTheWholeDfa(SimpleRegex simple, String regex, String value, byte[] b, int from,
      int to) {
    Pattern p = Pattern.compile(regex);
    boolean ascii = value.chars().allMatch(c -> c < 128);
    boolean endsInTerminator = value.endsWith("\n") || value.endsWith("\r");
    for (boolean full : new boolean[] {true, false}) {
      ByteDfa dfa = simple.byteDfa(full);
      Statistics.label("byte DFA").collect(dfa == null ? "more than " + ByteDfa.MAX_STATES + " states" : "built");
      if (dfa == null) {
        continue;
      }
      int answer = dfa.match(b, from, to);
      String what = (full ? "FULL " : "FIND ") + regex + " on the bytes of '" + value + "' by the whole DFA";
      if (ascii && (full || !endsInTerminator)) {
        assertThat(answer).as(what).isNotNegative();
      }
      if (answer >= 0) {
        boolean expected = full ? oracle(p, value, true) : oracle(p, value, false);
        assertThat(answer).as(what).isEqualTo(expected ? 1 : 0);
      }
    }
  }

  @Example
  void patternsOutsideTheSubsetAreLeftToJavaUtilRegex() {
    for (String r : List.of("(?i)abc", "a++", "\\bword", "[a-z&&[^x]]", "\\p{L}", "a^b", "\\1", "x{1,100}",
        "^a|b", "a|b$", "(?<n>a)", "(?=a)b", "(a)\\1", "(a$)", "(ab){1,40}")) {
      assertThat(SimpleRegex.compile(r)).as(r).isNull();
    }
  }

  @Example
  void theEmailFormatIsInTheSubset() {
    SimpleRegex r = SimpleRegex.compile(PatternKernel.EMAIL);
    assertThat(r).isNotNull();
    SimpleRegex.Matcher full = r.newMatcher(true);
    Pattern p = Pattern.compile(PatternKernel.EMAIL);
    for (String v : List.of("anna.meyer12@example.co.uk", "a@b.cd", "a@b.c", "a@b..cd", "a@.b.cd", "a b@c.de",
        "a@b@c.de", "a@b-c.d-e.fg", "a@b.c1", "@b.cd", "a@bcd", "ä@b.cd", "a@b.cd\n")) {
      assertThat(full.match(v)).as(v).isEqualTo(p.matcher(v).matches() ? 1 : 0);
    }
  }

  @Example
  void theBenchmarkEmailPatternIsInTheSubsetAndTrailingDollarSeesLineTerminators() {
    SimpleRegex r = SimpleRegex.compile("^[a-z0-9]+@[a-z]+\\.[a-z]{2,}$");
    assertThat(r).isNotNull();
    SimpleRegex.Matcher find = r.newMatcher(false);
    assertThat(find.match("user7@example.com")).isEqualTo(1);
    assertThat(find.match("user7@example.com\n")).isEqualTo(1);
    assertThat(find.match("user7@example.com\r\n")).isEqualTo(1);
    assertThat(find.match("user7@example.com\n\n")).isEqualTo(0);
    assertThat(find.match("User7@example.com")).isEqualTo(0);
    assertThat(r.newMatcher(true).match("user7@example.com\n")).isEqualTo(0);
  }

  /**
   * java.util.regex's answer, the oracle. A generated pattern with nested quantified groups can make its
   * backtracking take exponential time even on a 9-character value; such a try is discarded (reading the value
   * more than {@value #ORACLE_READS} times) instead of hanging the build.
   */
  private static boolean oracle(Pattern p, String value, boolean full) {
    CharSequence counted = new CharSequence() {
      private long reads;

      @Override
      public int length() {
        return value.length();
      }

      @Override
      public char charAt(int index) {
        if (++reads > ORACLE_READS) {
          throw new OracleTooSlow();
        }
        return value.charAt(index);
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        return value.subSequence(start, end);
      }

      @Override
      public String toString() {
        return value;
      }
    };
    try {
      Matcher m = p.matcher(counted);
      return full ? m.matches() : m.find();
    } catch (OracleTooSlow e) {
      Assume.that(false);
      throw new AssertionError("unreachable");
    }
  }

  private static final class OracleTooSlow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OracleTooSlow() {
      super(null, null, false, false);
    }
  }
}
