package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.column.Utf8Storage;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleState;
import java.nio.charset.StandardCharsets;
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
 * {@code unique} does); strings by their UTF-8 bytes in {@link Utf8Counts}, read straight from a column that keeps
 * bytes; compound keys (and the rare string with an unpaired surrogate, which has no UTF-8 form) in a hash map.
 * Thread-confined.
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
  private final Utf8Counts strings;
  private final Map<Object, long[]> objects = new HashMap<>();
  private Column[] columns = new Column[0];
  private @Nullable Utf8Storage utf8;
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
    this(rule, compound, nullsAreValues, judge, LongMultiset.DEFAULT_SWITCH, -1L);
  }

  /**
   * As the main constructor, with the distinct-key count past which long keys are kept in an array and the bits of
   * string hashes kept (fewer force collisions), for tests.
   */
  ValueCountsState(Rule rule, boolean compound, boolean nullsAreValues,
      java.util.function.Function<ValueCountsState, Outcome> judge, int arraySwitch, long stringHashMask) {
    super(rule);
    this.longs = new LongMultiset(arraySwitch);
    this.strings = new Utf8Counts(stringHashMask);
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
    utf8 = compound || type != ColumnType.STRING ? null : Utf8Storage.of(columns[0]);
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
        skipped = utf8 != null ? foldUtf8(c, utf8, from, to) : foldStrings(c, from, to);
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

  /** Counts a column's UTF-8 bytes as they are, re-encoding only a malformed value (as it decodes); returns nulls. */
  private long foldUtf8(Column c, Utf8Storage u, int from, int to) {
    byte[] b = u.bytes();
    boolean ascii = u.ascii();
    boolean noNulls = c.nullCount() == 0;
    boolean emptyAsNull = rule.emptyAsNull();
    long skipped = 0;
    for (int r = from; r < to; r++) {
      int s = u.start(r);
      int e = u.end(r);
      if ((!noNulls && c.isNull(r)) || (emptyAsNull && s == e)) {
        skipped++;
      } else if (ascii || wellFormed(b, s, e)) {
        strings.add(b, s, e);
      } else {
        byte[] canonical = new String(b, s, e - s, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        strings.add(canonical, 0, canonical.length);
      }
    }
    return skipped;
  }

  /** Whether {@code b[s, e)} is the UTF-8 encoding of its decoded text (always so for ASCII). */
  private static boolean wellFormed(byte[] b, int s, int e) {
    int high = 0;
    for (int i = s; i < e; i++) {
      high |= b[i];
    }
    if (high >= 0) {
      return true;
    }
    byte[] again = new String(b, s, e - s, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    return Arrays.equals(again, 0, again.length, b, s, e);
  }

  /**
   * Counts a column of strings by their UTF-8 encoding; a string with an unpaired surrogate, which has none (and
   * equals no well-formed string), is counted as itself. Returns the nulls.
   */
  private long foldStrings(Column c, int from, int to) {
    boolean emptyAsNull = rule.emptyAsNull();
    long skipped = 0;
    for (int r = from; r < to; r++) {
      String v = c.getString(r);
      if (v == null || (emptyAsNull && v.isEmpty())) {
        skipped++;
        continue;
      }
      // an unpaired surrogate is encoded as '?', so a string is checked for one before its bytes stand for it
      if (encodable(v)) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        strings.add(b, 0, b.length);
      } else {
        objects.computeIfAbsent(v, k -> new long[1])[0]++;
      }
    }
    return skipped;
  }

  /** Whether a string is well-formed UTF-16 (no unpaired surrogate), so that its UTF-8 bytes decode back to it. */
  private static boolean encodable(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (Character.isSurrogate(v.charAt(i))) {
        return new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(v);
      }
    }
    return true;
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
    strings.merge(o.strings);
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
    return longs.distinct() + strings.distinct() + objects.size();
  }

  /** Receives a value (a {@link Comparable}, or a list for compound keys) with its count. */
  interface Visitor {
    void visit(Object value, long count);
  }

  /** Visits every distinct value with its count, decoded to its Java type. */
  void forEach(Visitor visitor) {
    ColumnType t = type;
    longs.forEach((k, n) -> visitor.visit(decode(t, k), n));
    strings.forEach(1, visitor::visit);
    for (Map.Entry<Object, long[]> e : objects.entrySet()) {
      visitor.visit(e.getKey(), e.getValue()[0]);
    }
  }

  /** Visits the values counted more than once, decoding only those (a key column has millions of others). */
  void forEachRepeated(Visitor visitor) {
    ColumnType t = type;
    longs.forEachRepeated((k, n) -> visitor.visit(decode(t, k), n));
    strings.forEach(2, visitor::visit);
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
