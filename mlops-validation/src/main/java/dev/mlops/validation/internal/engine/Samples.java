package dev.mlops.validation.internal.engine;

import dev.mlops.validation.ValueCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@value #LIMIT} smallest distinct offending values with exact counts. Keeping the smallest keys (not the
 * first seen) makes the sample independent of how rows were split: a key dropped by one part is beaten by
 * {@value #LIMIT} smaller keys that survive the merge. Confined to one thread.
 */
public final class Samples {
  /** How many values a sample keeps. */
  public static final int LIMIT = 20;
  private static final String NULL_KEY = "\u0000null";

  private final TreeMap<Object, long[]> counts = new TreeMap<>(Samples::compare);

  /**
   * Counts one occurrence of a value.
   *
   * @param value the value, or {@code null}
   */
  public void add(@org.jspecify.annotations.Nullable Comparable<?> value) {
    add(value == null ? NULL_KEY : value, 1);
  }

  /**
   * Counts {@code n} occurrences of a value.
   *
   * @param key the value
   * @param n the count
   */
  public void add(Object key, long n) {
    if (counts.size() >= LIMIT && compare(key, counts.lastKey()) > 0) {
      return;
    }
    long[] c = counts.get(key);
    if (c == null) {
      counts.put(key, new long[] {n});
      if (counts.size() > LIMIT) {
        counts.pollLastEntry();
      }
    } else {
      c[0] += n;
    }
  }

  /**
   * Folds another sample in.
   *
   * @param other the other sample
   */
  public void merge(Samples other) {
    for (Map.Entry<Object, long[]> e : other.counts.entrySet()) {
      add(e.getKey(), e.getValue()[0]);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a.getClass() != b.getClass()) {
      return a.getClass().getName().compareTo(b.getClass().getName());
    }
    return ((Comparable) a).compareTo(b);
  }

  /**
   * Returns the sample as value texts with counts, in value order.
   *
   * @return the list
   */
  public List<ValueCount> toList() {
    List<ValueCount> out = new ArrayList<>(counts.size());
    for (Map.Entry<Object, long[]> e : counts.entrySet()) {
      out.add(new ValueCount(e.getKey() == NULL_KEY ? "null" : e.getKey().toString(), e.getValue()[0]));
    }
    return out;
  }

  /**
   * Formats this sample for a message, e.g. {@code null (2), 'x' (3)}: a null shows as a bare {@code null},
   * so it cannot be mistaken for the text {@code "null"}, which shows quoted.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Object, long[]> e : counts.entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey() == NULL_KEY ? "null" : "'" + e.getKey() + "'").append(" (").append(e.getValue()[0])
          .append(')');
    }
    return sb.toString();
  }

  /**
   * Formats a list of values for a message, e.g. {@code 'x' (3), 'y' (1)}.
   *
   * @param values the sample
   * @return the text
   */
  public static String describe(List<ValueCount> values) {
    StringBuilder sb = new StringBuilder();
    for (ValueCount v : values) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(v.value()).append("' (").append(v.count()).append(')');
    }
    return sb.toString();
  }
}
