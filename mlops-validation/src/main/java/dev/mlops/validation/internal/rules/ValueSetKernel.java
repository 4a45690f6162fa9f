package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.column.Utf8Storage;
import dev.mlops.validation.internal.engine.ColumnTester;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RowTester;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code isContainedIn} and {@code isNotContainedIn}: a value's text (as {@link Column#format(int)} writes it)
 * must or must not be in a set. A column kept as ASCII bytes is judged on its bytes ({@link Utf8ValueSet}); a column
 * of strings remembers the answers for the string objects it saw last.
 */
final class ValueSetKernel extends RowKernel {
  /** How many strings a tester remembers its answers for, by identity (a power of two). */
  private static final int RECENT = 64;
  private final Set<String> values;
  private final boolean contained;

  /** The values as UTF-8 byte strings, for columns kept as bytes. */
  private final Utf8ValueSet byteSet;

  ValueSetKernel(Rule rule, boolean contained) {
    super(rule);
    Params.columns(rule, 1, 1);
    this.values = Set.copyOf(new HashSet<>(Params.texts(rule, "values")));
    this.contained = contained;
    this.byteSet = new Utf8ValueSet(values);
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return columnsProblem(schema);
  }

  @Override
  public RowTester bind(Table table) {
    Column c = table.column(rule().columns().get(0));
    Set<String> set = values;
    boolean want = contained;
    Utf8Storage utf8 = c.type() == ColumnType.STRING ? Utf8Storage.of(c) : null;
    if (utf8 != null && utf8.ascii()) {
      // an ASCII column's bytes are its text: look them up without decoding a String per row
      Utf8ValueSet bytes = byteSet;
      byte[] b = utf8.bytes();
      return new ColumnTester(c, rule()) {
        @Override
        protected boolean check(int row) {
          return bytes.contains(b, utf8.start(row), utf8.end(row)) == want;
        }
      };
    }
    if (c.type() == ColumnType.STRING) {
      return new ColumnTester(c, rule()) {
        /**
         * The last strings judged, by their hash, with their answers: a column of repeating values holds one object
         * per value (as the readers make it), so most rows are answered by comparing a reference, not by hashing
         * into the set and comparing text with a different object of the same value.
         */
        private final String[] seen = new String[RECENT];
        private final boolean[] answers = new boolean[RECENT];

        @Override
        protected boolean check(int row) {
          return answer(column.getString(row));
        }

        @Override
        protected void checkAll(int from, int to, boolean[] pass) {
          // a loop of this tester's own, so the answer is inlined rather than called through the shared loop
          for (int r = from; r < to; r++) {
            String s = column.getString(r);
            pass[r - from] = s != null && answer(s);
          }
        }

        private boolean answer(String s) {
          int slot = s.hashCode() & (RECENT - 1);
          if (seen[slot] == s) {
            return answers[slot];
          }
          boolean answer = set.contains(s) == want;
          seen[slot] = s;
          answers[slot] = answer;
          return answer;
        }
      };
    }
    return new ColumnTester(c, rule()) {
      @Override
      protected boolean check(int row) {
        return set.contains(column.format(row)) == want;
      }
    };
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return "'" + value + "' is " + (contained ? "not in " : "in ") + new java.util.TreeSet<>(values);
  }
}
