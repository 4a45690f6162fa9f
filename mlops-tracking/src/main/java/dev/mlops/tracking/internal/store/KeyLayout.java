package dev.mlops.tracking.internal.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys of a {@link LayoutMap} in order, with their positions: one layout serves every run that uses the same
 * keys in the same order (the runs of one catalog page usually do), so a run's params cost an array of values, not
 * a hash table of its own. Immutable.
 */
final class KeyLayout {
  /** Up to this many keys a lookup compares them in turn; past it a hash table shared by the maps finds them. */
  private static final int SCANNED = 8;
  static final KeyLayout EMPTY = new KeyLayout(new String[0]);

  private final String[] keys;
  private final Map<String, Integer> index;

  /**
   * Creates a layout.
   *
   * @param keys distinct keys, in order; not copied, never changed afterwards
   * @throws IllegalArgumentException if a key repeats
   */
  KeyLayout(String[] keys) {
    this.keys = keys;
    if (keys.length > SCANNED) {
      Map<String, Integer> positions = new HashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) {
        if (positions.put(keys[i], i) != null) {
          throw new IllegalArgumentException("key '" + keys[i] + "' appears twice");
        }
      }
      this.index = positions;
    } else {
      for (int i = 0; i < keys.length; i++) {
        for (int j = 0; j < i; j++) {
          if (keys[i].equals(keys[j])) {
            throw new IllegalArgumentException("key '" + keys[i] + "' appears twice");
          }
        }
      }
      this.index = Map.of();
    }
  }

  int size() {
    return keys.length;
  }

  String key(int i) {
    return keys[i];
  }

  /** Returns the position of a key, or -1 if the layout lacks it. */
  int indexOf(Object key) {
    if (keys.length > SCANNED) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Tells whether this layout holds exactly these keys in this order. */
  boolean holds(String[] others, int count) {
    if (count != keys.length) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (!keys[i].equals(others[i])) {
        return false;
      }
    }
    return true;
  }
}
