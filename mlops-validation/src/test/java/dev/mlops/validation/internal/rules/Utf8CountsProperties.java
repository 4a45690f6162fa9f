package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Check;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RuleResult;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.StringColumn;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationSuite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;

/**
 * String counts ({@link Utf8Counts}, and {@code isUnique} over it) against a plain {@code HashMap} count of the same
 * strings: with hashes cut to a few bits so that distinct values collide, values split into segments merged in
 * order (a duplicate's copies on both sides of a cut), nulls, empty strings, non-ASCII text, malformed UTF-8 bytes
 * (counted as the text they decode to) and unpaired surrogates (which no bytes encode).
 */
class Utf8CountsProperties {
  @Provide
  Arbitrary<List<String>> values() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("ab").ofMaxLength(3),
        Arbitraries.strings().withChars("aé\u20ac").ofMaxLength(2),
        Arbitraries.strings().withChars("xyz0123456789@.").ofMinLength(7).ofMaxLength(20),
        Arbitraries.of("", "\ud83d\ude00", "\ufffd", "a\ufffd")).list().ofMaxSize(80);
  }

  private static Map<String, Long> expected(List<String> values) {
    Map<String, Long> m = new HashMap<>();
    for (String v : values) {
      m.merge(v, 1L, Long::sum);
    }
    return m;
  }

  private static Map<String, Long> counted(Utf8Counts c, long minCount) {
    Map<String, Long> m = new HashMap<>();
    c.forEach(minCount, (v, n) -> assertThat(m.put(v, n)).isNull());
    return m;
  }

  @Property(tries = 500)
  void segmentsMergedInOrderCountAsAMap(@ForAll("values") List<String> values,
      @ForAll @IntRange(min = 1, max = 5) int segments, @ForAll("masks") long hashMask) {
    List<Utf8Counts> parts = new ArrayList<>();
    for (int s = 0; s < segments; s++) {
      Utf8Counts part = new Utf8Counts(hashMask);
      for (int i = s * values.size() / segments; i < (s + 1) * values.size() / segments; i++) {
        byte[] b = ("<" + values.get(i) + ">").getBytes(StandardCharsets.UTF_8);
        // the value sits inside a larger array, as a column's bytes do
        part.add(b, 1, b.length - 1);
      }
      parts.add(part);
    }
    Utf8Counts merged = parts.get(0);
    for (int s = 1; s < segments; s++) {
      merged.merge(parts.get(s));
    }
    Map<String, Long> expected = expected(values);
    assertThat(merged.distinct()).isEqualTo(expected.size());
    assertThat(counted(merged, 1)).isEqualTo(expected);
    expected.values().removeIf(n -> n < 2);
    assertThat(counted(merged, 2)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<Long> masks() {
    return Arbitraries.of(-1L, 0L, 1L, 3L);
  }

  /** Values long enough to take a page of their own, and enough to fill several pages and resize often. */
  @Property(tries = 30)
  void longAndManyValuesCountAsAMap(@ForAll @IntRange(min = 0, max = 3000) int n,
      @ForAll @IntRange(min = 0, max = 70_000) int longLength, @ForAll("masks") long hashMask) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add("user" + (i % 1700) + "@example.org");
    }
    values.add("x".repeat(longLength));
    values.add("x".repeat(longLength));
    Utf8Counts c = new Utf8Counts(hashMask == -1L ? -1L : 0xFFL);
    for (String v : values) {
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      c.add(b, 0, b.length);
    }
    assertThat(counted(c, 1)).isEqualTo(expected(values));
  }

  @Provide
  Arbitrary<List<@Nullable String>> rows() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("ab").ofMaxLength(2),
        Arbitraries.strings().withChars("é\u20ac").ofMaxLength(2), Arbitraries.of("", "\ufffd"),
        Arbitraries.just((String) null)).list().ofMaxSize(60);
  }

  /**
   * isUnique over a column held as UTF-8 bytes, some rows malformed, and over the same text held as strings, fed
   * as chunks cut anywhere: the duplicate and null counts, the fraction and the status are those of a map over the
   * decoded text, with and without emptyAsNull and nullsFail.
   */
  @Property(tries = 300)
  void isUniqueCountsAsAMap(@ForAll("rows") List<@Nullable String> rows, @ForAll boolean malformed,
      @ForAll boolean emptyAsNull, @ForAll boolean nullsFail, @ForAll @IntRange(min = 1, max = 4) int chunks,
      @ForAll boolean surrogates) {
    List<@Nullable String> text = new ArrayList<>();
    List<byte @Nullable []> bytes = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String v = rows.get(i);
      if (v != null && malformed && v.equals("\ufffd") && i % 2 == 0) {
        // a lone continuation byte, or a cut sequence, decodes as U+FFFD
        bytes.add(i % 4 == 0 ? new byte[] {(byte) 0x80} : new byte[] {(byte) 0xE2, (byte) 0x82});
      } else {
        bytes.add(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
      }
      text.add(v);
    }
    List<@Nullable String> strings = new ArrayList<>(text);
    if (surrogates) {
      strings.add("\ud800");
      strings.add("?");
      strings.add("\udc00");
      strings.add("\ud800");
    }
    Check check = Check.error("c").isUnique("s").mostly(0.5);
    check = emptyAsNull ? check.emptyAsNull() : check;
    check = nullsFail ? check.nullsFail() : check;
    ValidationSuite suite = ValidationSuite.builder("s").addCheck(check).parallelism(2).build();
    assertCounts(suite.run(chunks(bytes, chunks, true, strings)).results().get(0), text, emptyAsNull, nullsFail);
    assertCounts(suite.run(chunks(bytes, chunks, false, strings)).results().get(0), strings, emptyAsNull,
        nullsFail);
  }

  private static java.util.Iterator<Table> chunks(List<byte @Nullable []> bytes, int chunks, boolean utf8,
      List<@Nullable String> strings) {
    List<Table> tables = new ArrayList<>();
    int n = utf8 ? bytes.size() : strings.size();
    for (int k = 0; k < chunks; k++) {
      int from = k * n / chunks;
      int to = (k + 1) * n / chunks;
      if (utf8) {
        StringColumn.Utf8Builder b = StringColumn.utf8Builder("s", to - from, 16);
        for (int i = from; i < to; i++) {
          byte[] v = bytes.get(i);
          if (v == null) {
            b.addNull();
          } else {
            b.addUtf8(v, 0, v.length);
          }
        }
        tables.add(Table.of(b.build()));
      } else {
        Column.Builder b = Column.builder("s", ColumnType.STRING, to - from);
        for (int i = from; i < to; i++) {
          b.addString(strings.get(i));
        }
        tables.add(Table.of(b.build()));
      }
    }
    return tables.iterator();
  }

  private static void assertCounts(RuleResult r, List<@Nullable String> values, boolean emptyAsNull,
      boolean nullsFail) {
    Map<String, Long> counts = new TreeMap<>();
    long nulls = 0;
    for (String v : values) {
      if (v == null || (emptyAsNull && v.isEmpty())) {
        nulls++;
      } else {
        counts.merge(v, 1L, Long::sum);
      }
    }
    long total = values.size() - nulls + (nullsFail ? nulls : 0);
    if (total == 0) {
      assertThat(r.elementCount()).isZero();
      return;
    }
    long duplicated = counts.values().stream().filter(n -> n > 1).mapToLong(Long::longValue).sum();
    long unexpected = duplicated + (nullsFail ? nulls : 0);
    double fraction = (double) (total - unexpected) / total;
    assertThat(r.elementCount()).isEqualTo(total);
    assertThat(r.unexpectedCount()).isEqualTo(unexpected);
    assertThat(r.observedValue()).isEqualTo(fraction);
    assertThat(r.status()).isEqualTo(fraction >= 0.5 ? RuleStatus.PASSED : RuleStatus.FAILED);
    List<String> sampled = new ArrayList<>();
    r.samples().forEach(s -> sampled.add(String.valueOf(s.value())));
    counts.values().removeIf(n -> n < 2);
    assertThat(counts.keySet()).containsAll(sampled);
  }
}
