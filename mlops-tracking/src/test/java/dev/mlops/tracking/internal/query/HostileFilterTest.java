package dev.mlops.tracking.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Filters an attacker could send: LIKE patterns that make a backtracking matcher explode, nesting that
 * would overflow the stack, and filters of unbounded length. The timeouts only turn a hang into a failure;
 * they do not measure speed.
 */
class HostileFilterTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void likeOnAMegabyteValueWithFiftyPercentSignsEndsAndAnswersRight() {
    String value = "a".repeat(1 << 20);
    String pattern = "%a".repeat(49) + "%b";
    assertThat(LikePattern.compile(pattern, false).matches(value)).isFalse();
    assertThat(LikePattern.compile(pattern, false).matches(value + "b")).isTrue();
    assertThat(LikePattern.compile(pattern.toUpperCase(java.util.Locale.ROOT), true).matches(value + "b")).isTrue();
    assertThat(LikePattern.compile("%a_".repeat(25) + "%", false).matches(value)).isTrue();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theIssuesPatternOnLongParamsEnds() {
    Expr e = FilterParser.parse("params.p LIKE '%a%a%a%b'");
    assertThat(e).isInstanceOf(Expr.Like.class);
    LikePattern m = ((Expr.Like) e).matcher();
    for (int n : new int[] {400, 800, 100_000}) {
      assertThat(m.matches("a".repeat(n))).as("%d a's", n).isFalse();
    }
  }

  @Test
  void percentAndUnderscoreMeanWhatSqlSays() {
    assertThat(LikePattern.compile("", false).matches("")).isTrue();
    assertThat(LikePattern.compile("", false).matches("x")).isFalse();
    assertThat(LikePattern.compile("%", false).matches("")).isTrue();
    assertThat(LikePattern.compile("_", false).matches("")).isFalse();
    assertThat(LikePattern.compile("_", false).matches("\uD83D\uDE00")).as("one code point").isTrue();
    assertThat(LikePattern.compile("a%%b", false).matches("ab")).isTrue();
    assertThat(LikePattern.compile("%.csv", false).matches("x.csv")).isTrue();
    assertThat(LikePattern.compile("%.CSV", false).matches("x.csv")).isFalse();
    assertThat(LikePattern.compile("%.CSV", true).matches("x.csv")).isTrue();
    assertThat(LikePattern.compile("ÉTÉ", true).matches("été")).isTrue();
    assertThat(LikePattern.compile("a_c", false).matches("a\nc")).isTrue();
  }

  @Property(tries = 2000)
  void agreesWithARegularExpressionOnSmallInputs(@ForAll("patterns") String pattern, @ForAll("values") String value,
      @ForAll boolean caseInsensitive) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
    }
    int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    boolean expected = Pattern.compile(re.toString(), flags).matcher(value).matches();
    assertThat(LikePattern.compile(pattern, caseInsensitive).matches(value)).as("'%s' LIKE '%s'", value, pattern)
        .isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars('a', 'b', 'A', '%', '_', 'é').ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withChars('a', 'b', 'A', 'B', 'É', 'é', '%').ofMaxLength(10);
  }

  @Test
  void deepParenthesesAreRefusedWithAPosition() {
    String filter = "(".repeat(3000) + "metrics.acc > 0" + ")".repeat(3000);
    assertThatThrownBy(() -> FilterParser.parse(filter)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column " + (FilterParser.MAX_DEPTH + 1))
        .hasMessageContaining("nest more than " + FilterParser.MAX_DEPTH);
  }

  @Test
  void deepNotsAreRefusedWithAPosition() {
    String filter = "NOT ".repeat(5000) + "metrics.acc > 0";
    assertThatThrownBy(() -> FilterParser.parse(filter)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column " + (4 * FilterParser.MAX_DEPTH + 1))
        .hasMessageContaining("nest more than");
  }

  @Test
  void nestingUpToTheLimitParses() {
    String parens = "(".repeat(FilterParser.MAX_DEPTH) + "metrics.acc > 0" + ")".repeat(FilterParser.MAX_DEPTH);
    assertThat(FilterParser.parse(parens)).isInstanceOf(Expr.NumberCompare.class);
    assertThat(FilterParser.parse("NOT ".repeat(FilterParser.MAX_DEPTH) + "metrics.acc > 0"))
        .isInstanceOf(Expr.class);
  }

  @Test
  void aFilterLongerThanTheLimitIsRefused() {
    String filter = "NOT ".repeat(100_000) + "metrics.acc > 0";
    assertThatThrownBy(() -> FilterParser.parse(filter)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(filter.length() + " characters")
        .hasMessageContaining("limit of " + FilterParser.MAX_LENGTH);
    String orderBy = "metrics.`" + "x".repeat(FilterParser.MAX_LENGTH) + "`";
    assertThatThrownBy(() -> FilterParser.parseOrderBy(orderBy)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit of");
  }
}
