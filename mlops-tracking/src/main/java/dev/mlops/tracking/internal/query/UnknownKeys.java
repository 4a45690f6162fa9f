package dev.mlops.tracking.internal.query;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.RunKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the metric, param and tag keys a query names that no run of its experiment has, the usual sign of
 * a typo, and says which existing keys are closest ("did you mean val_accuracy?"): a warning by default,
 * an {@link InvalidInputException} for a strict tracker. Stateless.
 */
public final class UnknownKeys {
  private static final Logger LOG = LoggerFactory.getLogger(UnknownKeys.class);
  /** Suggestions offered at most. */
  private static final int SUGGESTIONS = 3;

  private UnknownKeys() {}

  /**
   * Checks the keys a query names against the keys the runs of its experiment use.
   *
   * @param experiment the experiment's name, for the message
   * @param where what names the keys, for the message ("search filter 'metrics.acc > 0.9'")
   * @param fields the fields named
   * @param noRuns whether the experiment has no runs (then nothing is checked)
   * @param keys every key of the experiment's runs, asked for only when a field names a param, metric or tag
   * @param strict whether an unknown key fails instead of warning
   * @return the messages, one per unknown key (already logged or thrown)
   * @throws InvalidInputException if {@code strict} and a key exists in no run
   */
  public static List<String> check(String experiment, String where, List<Field> fields, boolean noRuns,
      Supplier<RunKeys> keys, boolean strict) {
    if (noRuns) {
      return List.of(); // nothing logged yet: every key is unknown, none is a typo
    }
    List<String> messages = new ArrayList<>();
    Set<String> reported = new TreeSet<>();
    for (Field f : fields) {
      if (f.kind() == Field.Kind.ATTRIBUTE || !reported.add(f.toString())) {
        continue;
      }
      Set<String> known = keysOf(f.kind(), keys.get());
      if (known.contains(f.key())) {
        continue;
      }
      String kind = f.kind().name().toLowerCase(java.util.Locale.ROOT);
      List<String> closest = closest(f.key(), known);
      messages.add("no run of experiment '" + experiment + "' has the " + kind + " '" + f.key() + "' that the "
          + where + " names" + (closest.isEmpty() ? " (it has no " + kind + " like it)"
              : "; did you mean " + String.join(" or ", closest) + "?"));
    }
    for (String m : messages) {
      if (strict) {
        throw new InvalidInputException(m);
      }
      LOG.warn("{} (the result is empty for it; a strict tracker fails here)", m);
    }
    return messages;
  }

  private static Set<String> keysOf(Field.Kind kind, RunKeys keys) {
    switch (kind) {
      case METRIC:
        return keys.metrics();
      case PARAM:
        return keys.params();
      default:
        return keys.tags();
    }
  }

  /**
   * The known keys nearest to a key by edit distance, nearest first, among those close enough to be a typo
   * of it (at most a third of its length, and at least 2, edits away).
   *
   * @param key the key
   * @param known the existing keys
   * @return up to three keys
   */
  static List<String> closest(String key, Set<String> known) {
    int limit = Math.max(2, key.length() / 3);
    List<String> out = new ArrayList<>();
    known.stream()
        .map(k -> Map.entry(k, distance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT))))
        .filter(e -> e.getValue() <= limit || e.getKey().toLowerCase(java.util.Locale.ROOT)
            .contains(key.toLowerCase(java.util.Locale.ROOT)))
        .sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue()).thenComparing(Map.Entry::getKey))
        .limit(SUGGESTIONS)
        .forEach(e -> out.add(e.getKey()));
    return out;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
