package dev.mlops.tracking.internal.query;

import dev.mlops.tracking.RunSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A total order over runs from order-by keys: each key compares numbers with {@link Double#compare} and
 * strings by UTF-16 code units, in its direction, with absent values last in either direction; then the
 * run id ascending breaks every tie. With no keys the order is start time descending (MLflow's default).
 * Immutable and thread-safe.
 */
public final class RunOrdering {
  private final List<SortKey> keys;

  private RunOrdering(List<SortKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * Parses order-by clauses.
   *
   * @param clauses clauses such as {@code "metrics.acc DESC"}; empty for the default order
   * @return the ordering
   * @throws dev.mlops.core.InvalidInputException if a clause is malformed
   */
  public static RunOrdering parse(List<String> clauses) {
    List<SortKey> keys = new ArrayList<>();
    for (String c : clauses) {
      keys.add(FilterParser.parseOrderBy(c));
    }
    if (keys.isEmpty()) {
      keys.add(new SortKey(new Field(Field.Kind.ATTRIBUTE, "start_time"), false));
    }
    return new RunOrdering(keys);
  }

  /** @return the keys, in priority order */
  public List<SortKey> keys() {
    return keys;
  }

  /**
   * Extracts a run's sort tuple: one value per key, then the run id.
   *
   * @param run the run
   * @return the tuple
   */
  public Object[] tuple(RunSnapshot run) {
    Object[] t = new Object[keys.size() + 1];
    for (int i = 0; i < keys.size(); i++) {
      t[i] = keys.get(i).field().value(run);
    }
    t[keys.size()] = run.id();
    return t;
  }

  /**
   * Compares two sort tuples.
   *
   * @param a a tuple from {@link #tuple}
   * @param b another
   * @return negative if {@code a} sorts first
   */
  public int compareTuples(@Nullable Object[] a, @Nullable Object[] b) {
    for (int i = 0; i < keys.size(); i++) {
      int c = compareValues(a[i], b[i], keys.get(i).ascending());
      if (c != 0) {
        return c;
      }
    }
    return ((String) a[keys.size()]).compareTo((String) b[keys.size()]);
  }

  private static int compareValues(@Nullable Object x, @Nullable Object y, boolean ascending) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : 1) : -1;
    }
    int c = x instanceof Double ? Double.compare((Double) x, (Double) y) : ((String) x).compareTo((String) y);
    return ascending ? c : -c;
  }

  /** @return a comparator over runs in this order */
  public Comparator<RunSnapshot> comparator() {
    return (r1, r2) -> compareTuples(tuple(r1), tuple(r2));
  }
}
