package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Exact counts of every value (or every combination of values, for compound keys) over the accepted rows; the
 * mergeable state of key and distinct-value rules. Long-backed, double and boolean single columns are counted in a
 * primitive {@link LongMultiset} ({@code -0.0} counted as {@code 0.0}, every NaN as one value, as numpy's
 * {@code unique} does); strings and compound keys in a hash map. Thread-confined.
 */
final class ValueCountsState extends FilteredState {
  /** Rows holding a null (a null part, for compound keys) under the rule's policy. */
  long nulls;
  /** Rows counted. */
  long total;
  private final boolean compound;
  private final boolean nullsAreValues;
  private @Nullable ColumnType type;
  private final LongMultiset longs;
  private final Map<Object, long[]> objects = new HashMap<>();
  private Column[] columns = new Column[0];
  private final java.util.function.Function<ValueCountsState, Outcome> judge;

  /**
   * Creates a state.
   *
   * @param rule the rule (columns, filter, null policy)
   * @param compound whether to count combinations of the rule's columns (all columns when it has none)
   * @param nullsAreValues whether a null is a value (duplicate rows) rather than a skipped row
   * @param judge turns the merged counts into an outcome
   */
  ValueCountsState(Rule rule, boolean compound, boolean nullsAreValues,
      java.util.function.Function<ValueCountsState, Outcome> judge) {
    this(rule, compound, nullsAreValues, judge, LongMultiset.DEFAULT_SWITCH);
  }

  /** As the main constructor, with the distinct-key count past which long keys are kept in an array (for tests). */
  ValueCountsState(Rule rule, boolean compound, boolean nullsAreValues,
      java.util.function.Function<ValueCountsState, Outcome> judge, int arraySwitch) {
    super(rule);
    this.longs = new LongMultiset(arraySwitch);
    this.judge = judge;
    this.compound = compound;
    this.nullsAreValues = nullsAreValues;
  }

  @Override
  void bind(Table table) {
    List<String> names = rule.columns().isEmpty() ? table.columnNames() : rule.columns();
    columns = new Column[names.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = table.column(names.get(i));
    }
    type = columns[0].type();
    longs.expectRows(table.rowCount());
  }

  private boolean isNull(Column c, int r) {
    return c.isNull(r) || (rule.nanAsNull() && c.type() == ColumnType.DOUBLE && Double.isNaN(c.getDouble(r)))
        || (rule.emptyAsNull() && c.type() == ColumnType.STRING && c.getString(r).isEmpty());
  }

  @Override
  void fold(int from, int to) {
    if (compound) {
      foldCompound(from, to);
      return;
    }
    Column c = columns[0];
    long skipped = 0;
    switch (c.type()) {
      case STRING:
        for (int r = from; r < to; r++) {
          if (isNull(c, r)) {
            skipped++;
          } else {
            objects.computeIfAbsent(c.getString(r), k -> new long[1])[0]++;
          }
        }
        break;
      case DOUBLE:
        for (int r = from; r < to; r++) {
          if (isNull(c, r)) {
            skipped++;
          } else {
            double d = c.getDouble(r);
            longs.add(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
          }
        }
        break;
      case BOOLEAN:
        for (int r = from; r < to; r++) {
          if (c.isNull(r)) {
            skipped++;
          } else {
            longs.add(c.getBoolean(r) ? 1 : 0);
          }
        }
        break;
      default:
        boolean noNulls = c.nullCount() == 0;
        for (int r = from; r < to; r++) {
          if (!noNulls && c.isNull(r)) {
            skipped++;
          } else {
            longs.add(c.getLong(r));
          }
        }
    }
    nulls += skipped;
    total += (to - from) - skipped;
  }

  private void foldCompound(int from, int to) {
    for (int r = from; r < to; r++) {
      Object[] key = new Object[columns.length];
      boolean hasNull = false;
      for (int i = 0; i < columns.length; i++) {
        Column c = columns[i];
        if (isNull(c, r)) {
          hasNull = true;
        } else {
          key[i] = c.type() == ColumnType.DOUBLE && c.getDouble(r) == 0.0 ? (Object) 0.0 : c.get(r);
        }
      }
      if (hasNull && !nullsAreValues) {
        nulls++;
        continue;
      }
      objects.computeIfAbsent(Arrays.asList(key), k -> new long[1])[0]++;
      total++;
    }
  }

  @Override
  public void seal() {
    longs.seal();
  }

  @Override
  public void merge(RuleState other) {
    ValueCountsState o = (ValueCountsState) other;
    nulls += o.nulls;
    total += o.total;
    if (type == null) {
      type = o.type;
    }
    longs.merge(o.longs);
    for (Map.Entry<Object, long[]> e : o.objects.entrySet()) {
      objects.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
    }
  }

  @Override
  public Outcome finish() {
    return judge.apply(this);
  }

  /** Number of distinct values (or combinations). */
  long distinct() {
    return longs.distinct() + objects.size();
  }

  /** Receives a value (a {@link Comparable}, or a list for compound keys) with its count. */
  interface Visitor {
    void visit(Object value, long count);
  }

  /** Visits every distinct value with its count, decoded to its Java type. */
  void forEach(Visitor visitor) {
    ColumnType t = type;
    longs.forEach((k, n) -> visitor.visit(decode(t, k), n));
    for (Map.Entry<Object, long[]> e : objects.entrySet()) {
      visitor.visit(e.getKey(), e.getValue()[0]);
    }
  }

  /** Visits the values counted more than once, decoding only those (a key column has millions of others). */
  void forEachRepeated(Visitor visitor) {
    ColumnType t = type;
    longs.forEachRepeated((k, n) -> visitor.visit(decode(t, k), n));
    for (Map.Entry<Object, long[]> e : objects.entrySet()) {
      if (e.getValue()[0] > 1) {
        visitor.visit(e.getKey(), e.getValue()[0]);
      }
    }
  }

  private static Object decode(@Nullable ColumnType t, long k) {
    if (t == null) {
      return k;
    }
    switch (t) {
      case DOUBLE:
        return Double.longBitsToDouble(k);
      case BOOLEAN:
        return k == 1;
      case DATE:
        return LocalDate.ofEpochDay(k);
      case TIMESTAMP:
        return Instant.ofEpochSecond(Math.floorDiv(k, 1_000_000L), Math.floorMod(k, 1_000_000L) * 1000L);
      default:
        return k;
    }
  }

  /** The text of a value as results show it. */
  static String text(Object value) {
    if (value instanceof List) {
      List<String> parts = new ArrayList<>();
      for (Object o : (List<?>) value) {
        parts.add(String.valueOf(o));
      }
      return String.join(" | ", parts);
    }
    return value.toString();
  }

  /** A comparable sort key for samples: the value itself, or its text for compound keys. */
  static Comparable<?> sortKey(Object value) {
    return value instanceof List ? text(value) : (Comparable<?>) value;
  }
}
