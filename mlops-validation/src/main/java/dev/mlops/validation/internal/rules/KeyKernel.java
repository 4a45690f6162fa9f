package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowFilter;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.RowJudge;
import dev.mlops.validation.internal.engine.RowPredicate;
import dev.mlops.validation.internal.engine.RowTester;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The key rules {@code isUnique}, {@code isPrimaryKey} and {@code hasNoDuplicateRows}: judged on exact value counts
 * in a run (as {@link CountsKernel}), and row by row once the whole table is known, where every copy of a
 * duplicated key breaks the rule (and, with {@code nullsFail}, every row with a null key part).
 *
 * <p>Finding the duplicate rows takes three passes over the table's key columns and little memory: a 64-bit hash
 * of every judged row's key (8 bytes a row, sorted, then dropped) gives the hashes that repeat; only rows with such
 * a hash have their exact key counted (so a hash collision never makes a false duplicate); the row tester then
 * looks a row's hash up, and its exact key only when the hash repeats.
 */
final class KeyKernel extends CountsKernel implements RowJudge {

  KeyKernel(Rule rule, Count count) {
    super(rule, count);
  }

  @Override
  public RowTester bind(Table table) {
    return new DuplicateTester(rule(), table, count == Count.DUPLICATE_ROWS);
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return value == null ? "null in key " + rule().columns() + ", which nullsFail counts as a failure"
        : value.toString();
  }

  /** A row tester over one table's duplicate groups. Confined to one thread. */
  private static final class DuplicateTester implements RowTester {
    private final Rule rule;
    private final Column[] columns;
    private final @Nullable RowPredicate where;
    private final boolean nullsAreValues;
    private final LongCounts repeatedHashes = new LongCounts();
    private final Map<Object, long[]> exact = new HashMap<>();

    DuplicateTester(Rule rule, Table table, boolean nullsAreValues) {
      this.rule = rule;
      List<String> names = rule.columns().isEmpty() ? table.columnNames() : rule.columns();
      columns = new Column[names.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = table.column(names.get(i));
      }
      RowFilter f = rule.where();
      where = f == null ? null : RowPredicate.bind(f, table);
      this.nullsAreValues = nullsAreValues;
      int n = table.rowCount();
      long[] hashes = new long[n];
      int m = 0;
      for (int r = 0; r < n; r++) {
        if (judged(r)) {
          hashes[m++] = hash(r);
        }
      }
      Arrays.sort(hashes, 0, m);
      for (int i = 1; i < m; i++) {
        if (hashes[i] == hashes[i - 1] && (i == 1 || hashes[i - 1] != hashes[i - 2])) {
          repeatedHashes.add(hashes[i], 1);
        }
      }
      if (repeatedHashes.size() > 0) {
        for (int r = 0; r < n; r++) {
          if (judged(r) && repeatedHashes.count(hash(r)) > 0) {
            exact.computeIfAbsent(key(r), k -> new long[1])[0]++;
          }
        }
      }
    }

    private boolean accepted(int row) {
      return where == null || where.test(row);
    }

    /** Accepted by the filter and holding a whole key (or nulls are values, for duplicate rows). */
    private boolean judged(int row) {
      return accepted(row) && (nullsAreValues || !hasNullPart(row));
    }

    private boolean isNull(Column c, int r) {
      return c.isNull(r) || (rule.nanAsNull() && c.type() == ColumnType.DOUBLE && Double.isNaN(c.getDouble(r)))
          || (rule.emptyAsNull() && c.type() == ColumnType.STRING && c.getString(r).isEmpty());
    }

    private boolean hasNullPart(int row) {
      for (Column c : columns) {
        if (isNull(c, row)) {
          return true;
        }
      }
      return false;
    }

    private long hash(int row) {
      long h = 0x9E3779B97F4A7C15L;
      for (Column c : columns) {
        long v;
        if (isNull(c, row)) {
          v = 0x5BD1E9955BD1E995L;
        } else {
          switch (c.type()) {
            case DOUBLE: {
              double d = c.getDouble(row);
              v = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
              break;
            }
            case STRING: {
              String s = c.getString(row);
              v = ((long) s.hashCode() << 32) ^ s.length();
              break;
            }
            case BOOLEAN:
              v = c.getBoolean(row) ? 1 : 2;
              break;
            default:
              v = c.getLong(row);
          }
        }
        h = LongCounts.mix64(h * 31 + v);
      }
      return h;
    }

    /** The exact key, equal for equal values as the run counts them ({@code -0.0} as {@code 0.0}, NaN as one). */
    private Object key(int row) {
      if (columns.length == 1 && !nullsAreValues) {
        return value(columns[0], row);
      }
      Object[] parts = new Object[columns.length];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = isNull(columns[i], row) ? null : value(columns[i], row);
      }
      return Arrays.asList(parts);
    }

    private static Object value(Column c, int row) {
      if (c.type() == ColumnType.DOUBLE) {
        double d = c.getDouble(row);
        return d == 0.0 ? 0.0 : d;
      }
      return c.get(row);
    }

    private long copies(int row) {
      if (repeatedHashes.size() == 0 || repeatedHashes.count(hash(row)) == 0) {
        return 1;
      }
      long[] c = exact.get(key(row));
      return c == null ? 1 : c[0];
    }

    @Override
    public int test(int row) {
      if (!accepted(row)) {
        return SKIP;
      }
      if (!nullsAreValues && hasNullPart(row)) {
        return rule.nullsFail() ? FAIL : SKIP;
      }
      return copies(row) > 1 ? FAIL : PASS;
    }

    @Override
    public @Nullable Comparable<?> offending(int row) {
      if (!nullsAreValues && hasNullPart(row)) {
        return null;
      }
      String what = nullsAreValues ? "row" : columns.length == 1 ? "value" : "key";
      return what + " '" + ValueCountsState.text(key(row)) + "' occurs " + copies(row) + " times; every copy of a"
          + " duplicated " + what + " breaks " + rule.type();
    }
  }
}
