package dev.mlops.validation.internal.table;

import dev.mlops.validation.Column;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@link Column}s in representations the public builders do not offer, such as {@link Utf8Strings}:
 * {@link Column} registers its {@link Maker} here when its class initializes, so the public API stays as it
 * is. Thread-safe: the maker is published through a volatile field.
 */
public final class ColumnFactory {
  /** What {@link Column} offers to this package. */
  public interface Maker {
    /**
     * Makes a {@code STRING} column over UTF-8 values.
     *
     * @param name the column name
     * @param values the values
     * @param nulls the null bitmap (bit {@code r} set when row {@code r} is null), or {@code null} for none
     * @return the column
     */
    Column utf8(String name, Utf8Strings values, long @Nullable [] nulls);
  }

  private static volatile @Nullable Maker maker;

  private ColumnFactory() {}

  /**
   * Registers the maker; only {@link Column} may call this, once, so no other code can take its place.
   *
   * @param m the maker
   * @throws IllegalStateException if the caller is not {@link Column} or a maker is already registered
   */
  public static synchronized void register(Maker m) {
    Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
    if (caller != Column.class || maker != null) {
      throw new IllegalStateException("only Column registers the column maker, once; called by " + caller.getName());
    }
    maker = m;
  }

  static Column utf8(String name, Utf8Strings values, long @Nullable [] nulls) {
    Maker m = maker;
    if (m == null) {
      try {
        Class.forName(Column.class.getName(), true, Column.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      m = maker;
    }
    return m.utf8(name, values, nulls);
  }
}
