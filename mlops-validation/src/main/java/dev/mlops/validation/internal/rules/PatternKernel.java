package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.MatchMode;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.column.Utf8Storage;
import dev.mlops.validation.internal.engine.ColumnTester;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RowTester;
import dev.mlops.validation.internal.table.TextValues;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code hasPattern} and the predefined formats ({@code isEmail}, {@code isUrl}, {@code isUuid},
 * {@code isIsoDate}) on string columns. Each tester owns one reusable {@link Matcher}; a pattern inside
 * {@link SimpleRegex}'s subset (a sequence of quantified characters and classes) is answered by its DFA instead,
 * which gives the same answer without backtracking, on the column's UTF-8 bytes in place when it keeps them
 * ({@link Utf8Storage}) and the value is ASCII, so no {@code String} is made for it: there the whole DFA is built at
 * once ({@link ByteDfa}) and walks four values of a block side by side.
 */
final class PatternKernel extends RowKernel {
  /** A pragmatic e-mail shape: local part, one {@code @}, dotted domain with a 2+ letter top level. */
  static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";
  /** http, https or ftp URL with a host and no spaces. */
  static final String URL = "(?i)(https?|ftp)://[^\\s/?#]+[^\\s]*";
  /** 8-4-4-4-12 hexadecimal digits. */
  static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private final @Nullable Pattern pattern;
  /** The regex-free form of the pattern when it lies in {@link SimpleRegex}'s subset. */
  private final @Nullable SimpleRegex simple;
  /** The pattern's whole DFA over bytes, for columns kept as bytes, unless it has too many states. */
  private final @Nullable ByteDfa byteDfa;
  private final MatchMode mode;
  private final String shown;

  PatternKernel(Rule rule, @Nullable String regex, MatchMode mode) {
    super(rule);
    Params.columns(rule, 1, 1);
    this.pattern = regex == null ? null : Pattern.compile(regex);
    this.simple = regex == null ? null : SimpleRegex.compile(regex);
    this.byteDfa = simple == null ? null : simple.byteDfa(mode == MatchMode.FULL);
    this.mode = mode;
    this.shown = regex == null ? "an ISO date yyyy-MM-dd" : "/" + regex + "/ (" + mode + ")";
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return columnsProblem(schema, ColumnType.STRING);
  }

  @Override
  public RowTester bind(Table table) {
    Column c = table.column(rule().columns().get(0));
    if (pattern == null) {
      return new ColumnTester(c, rule()) {
        @Override
        protected boolean check(int row) {
          String s = column.getString(row);
          return s.length() == 10 && TextValues.isDate(s.toCharArray(), 0, 10);
        }
      };
    }
    Matcher m = pattern.matcher("");
    boolean full = mode == MatchMode.FULL;
    boolean anchored = !full && anchoredAtStart(pattern.pattern());
    SimpleRegex.Matcher fast = simple == null ? null : simple.newMatcher(full);
    Utf8Storage utf8 = fast == null ? null : Utf8Storage.of(c);
    if (utf8 != null) {
      // the DFA reads the column's bytes in place; a value it cannot judge on bytes is decoded and judged as text
      byte[] bytes = utf8.bytes();
      ByteDfa dense = byteDfa;
      return new ColumnTester(c, rule()) {
        /** The byte DFA's answers for the block being judged. */
        private byte[] answers = new byte[0];

        @Override
        protected boolean check(int row) {
          int answer = dense != null ? dense.match(bytes, utf8.start(row), utf8.end(row))
              : fast.match(bytes, utf8.start(row), utf8.end(row));
          if (answer >= 0) {
            return answer == 1;
          }
          return matches(column.getString(row), fast, m, full, anchored);
        }

        @Override
        protected void checkAll(int from, int to, boolean[] pass) {
          if (dense == null) {
            super.checkAll(from, to, pass);
            return;
          }
          if (answers.length < to - from) {
            answers = new byte[to - from];
          }
          byte[] a = answers;
          dense.matchRows(utf8, from, to, a);
          for (int r = from; r < to; r++) {
            int answer = a[r - from];
            pass[r - from] = answer >= 0 ? answer == 1
                : !column.isNull(r) && matches(column.getString(r), fast, m, full, anchored);
          }
        }
      };
    }
    return new ColumnTester(c, rule()) {
      @Override
      protected boolean check(int row) {
        return matches(column.getString(row), fast, m, full, anchored);
      }
    };
  }

  /** Judges a value by the DFA when it can answer, else by the regex. */
  private static boolean matches(String s, SimpleRegex.@Nullable Matcher fast, Matcher m, boolean full,
      boolean anchored) {
    if (fast != null) {
      int answer = fast.match(s);
      if (answer >= 0) {
        return answer == 1;
      }
    }
    m.reset(s);
    return full ? m.matches() : anchored ? m.lookingAt() : m.find();
  }

  /**
   * Tells whether a FIND of this pattern can only match at the start, so {@link Matcher#lookingAt()} gives the same
   * answer without trying every start position: it begins with {@code ^} and has no alternation and no inline flags
   * (MULTILINE would let {@code ^} match after a line break).
   */
  static boolean anchoredAtStart(String regex) {
    return regex.startsWith("^") && regex.indexOf('|') < 0 && !regex.contains("(?");
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return "'" + value + "' does not match " + shown;
  }
}
