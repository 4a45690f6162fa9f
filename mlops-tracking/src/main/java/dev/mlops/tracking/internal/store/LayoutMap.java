package dev.mlops.tracking.internal.store;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map from string keys to values that iterates in its keys' order, holding its values in
 * an array beside a {@link KeyLayout} that other maps with the same keys share. The run catalog keeps every cached
 * run's params, tags and latest metrics in these, so that 10,000 runs of one page cost their values and a few
 * layouts, and a {@link dev.mlops.tracking.RunSnapshot} takes them as they are instead of copying them (it
 * copies any other map). Mutators throw {@link UnsupportedOperationException}. Thread-safe (immutable).
 *
 * @param <V> the value type
 */
public final class LayoutMap<V> extends AbstractMap<String, V> {
  private static final LayoutMap<?> EMPTY = new LayoutMap<>(KeyLayout.EMPTY, new Object[0]);

  private final KeyLayout layout;
  private final Object[] values;

  /**
   * Creates a map.
   *
   * @param layout the keys
   * @param values the values in the keys' order; not copied, never changed afterwards
   */
  LayoutMap(KeyLayout layout, Object[] values) {
    if (values.length != layout.size()) {
      throw new IllegalArgumentException(values.length + " values for " + layout.size() + " keys");
    }
    this.layout = layout;
    this.values = values;
  }

  /**
   * Returns an immutable copy of a map, in its iteration order.
   *
   * @param map the map, with non-null keys
   * @param <V> the value type
   * @return the copy (the map itself if it is a {@code LayoutMap})
   */
  @SuppressWarnings("unchecked")
  public static <V> Map<String, V> copyOf(Map<String, ? extends V> map) {
    if (map instanceof LayoutMap) {
      return (Map<String, V>) map;
    }
    if (map.isEmpty()) {
      return (Map<String, V>) EMPTY;
    }
    String[] keys = new String[map.size()];
    Object[] values = new Object[keys.length];
    int i = 0;
    for (Map.Entry<String, ? extends V> e : map.entrySet()) {
      keys[i] = Objects.requireNonNull(e.getKey(), "key");
      values[i++] = e.getValue();
    }
    return new LayoutMap<>(new KeyLayout(keys), values);
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isEmpty() {
    return values.length == 0;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return key != null && layout.indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public @Nullable V get(@Nullable Object key) {
    int i = key == null ? -1 : layout.indexOf(key);
    return i < 0 ? null : (V) values[i];
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super String, ? super V> action) {
    for (int i = 0; i < values.length; i++) {
      action.accept(layout.key(i), (V) values[i]);
    }
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Map.Entry<String, V> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(layout.key(i), (V) values[i]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}
