package dev.mlops.core.internal.fingerprint;

import dev.mlops.core.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds the leaves that differ between two trees of plain JSON values (as {@link CanonicalJson#parse}
 * returns them), reporting each with a dotted path such as {@code config.optimizer.lr} or
 * {@code config.layers[1]}. Stateless and thread-safe.
 */
public final class JsonTreeDiff {
  /** Receives one difference; a side that is absent is null. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Receives a difference.
     *
     * @param path where it is
     * @param before the canonical JSON text on the old side, or null when absent
     * @param after the canonical JSON text on the new side, or null when absent
     */
    void changed(String path, @Nullable String before, @Nullable String after);
  }

  /** Marks a member that one side does not have (distinct from a JSON null). */
  private static final Object ABSENT = new Object();

  private JsonTreeDiff() {}

  /**
   * Reports every difference between two trees.
   *
   * @param path the path of the roots
   * @param before the old tree
   * @param after the new tree
   * @param sink receives the differences, in member-name order
   */
  public static void diff(String path, @Nullable Object before, @Nullable Object after, Sink sink) {
    walk(path, before, after, sink);
  }

  private static void walk(String path, @Nullable Object before, @Nullable Object after, Sink sink) {
    if (before instanceof Map && after instanceof Map) {
      Map<?, ?> a = (Map<?, ?>) before;
      Map<?, ?> b = (Map<?, ?>) after;
      TreeSet<String> keys = new TreeSet<>();
      a.keySet().forEach(k -> keys.add((String) k));
      b.keySet().forEach(k -> keys.add((String) k));
      for (String key : keys) {
        walk(path + "." + key, a.containsKey(key) ? a.get(key) : ABSENT,
            b.containsKey(key) ? b.get(key) : ABSENT, sink);
      }
    } else if (before instanceof List && after instanceof List
        && ((List<?>) before).size() == ((List<?>) after).size()) {
      List<?> a = (List<?>) before;
      List<?> b = (List<?>) after;
      for (int i = 0; i < a.size(); i++) {
        walk(path + "[" + i + "]", a.get(i), b.get(i), sink);
      }
    } else {
      String x = before == ABSENT ? null : CanonicalJson.write(before);
      String y = after == ABSENT ? null : CanonicalJson.write(after);
      if (!Objects.equals(x, y)) {
        sink.changed(path, x, y);
      }
    }
  }
}
