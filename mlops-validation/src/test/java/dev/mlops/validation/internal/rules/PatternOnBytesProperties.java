package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Check;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.MatchMode;
import dev.mlops.validation.RuleResult;
import dev.mlops.validation.StringColumn;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationSuite;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Pattern rules judge a column that keeps its values as UTF-8 bytes (as the readers make them) exactly as the same
 * values held as strings, and as java.util.regex counts them: ASCII values are matched on the bytes, others decoded.
 */
class PatternOnBytesProperties {
  private static final List<String> PATTERNS = List.of(PatternKernel.EMAIL, "^[a-z0-9]+@[a-z]+\\.[a-z]{2,}$",
      "^a.*$", "b+", "é", "\\d{2}", "(?i)abc");

  @Provide
  Arbitrary<List<String>> values() {
    return Arbitraries.strings().withChars("abcxé@.-19 \nAB_%").ofMaxLength(12).list().ofMaxSize(60);
  }

  @Property(tries = 300)
  void bytesAndStringsGiveTheSameCounts(@ForAll("values") List<String> values,
      @ForAll("patterns") String regex, @ForAll MatchMode mode) {
    StringColumn.Utf8Builder bytes = StringColumn.utf8Builder("s", values.size(), 16);
    Column.Builder strings = Column.builder("s", ColumnType.STRING, values.size());
    long expected = 0;
    Pattern p = Pattern.compile(regex);
    for (String v : values) {
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      bytes.addUtf8(b, 0, b.length);
      strings.addString(v);
      boolean ok = mode == MatchMode.FULL ? p.matcher(v).matches() : p.matcher(v).find();
      expected += ok ? 0 : 1;
    }
    ValidationSuite suite = ValidationSuite.builder("s").addCheck(Check.error("c").hasPattern("s", regex, mode))
        .build();
    RuleResult onBytes = suite.run(Table.of(bytes.build())).results().get(0);
    RuleResult onStrings = suite.run(Table.of(strings.build())).results().get(0);
    assertThat(onBytes.unexpectedCount()).as("%s on bytes", regex).isEqualTo(expected);
    assertThat(onStrings.unexpectedCount()).as("%s on strings", regex).isEqualTo(expected);
    assertThat(onBytes.samples()).isEqualTo(onStrings.samples());
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of(PATTERNS);
  }
}
