package dev.mlops.core.integrity;

import java.util.Objects;

/**
 * One damaged item a store verification found: a record, a series or a blob, and what is wrong with it.
 *
 * @param kind what kind of item it is
 * @param item the record or series key, or the blob digest ({@code sha256:...})
 * @param problem what the check found, as the {@link dev.mlops.core.CorruptedDataException} said it
 */
public record DamagedItem(Kind kind, String item, String problem) {
  /** The kinds of stored items. */
  public enum Kind {
    /** A small record (artifact version, alias, head, run, experiment). */
    RECORD,
    /** An append-only series (metric points, alias history). */
    SERIES,
    /** A content-addressed blob, or a blob a version needs that is missing. */
    BLOB
  }

  /**
   * Creates an item.
   *
   * @throws NullPointerException if an argument is null
   * @param kind what kind of item it is
   * @param item the record or series key, or the blob digest ({@code sha256:...})
   * @param problem what the check found, as the {@link dev.mlops.core.CorruptedDataException} said it
   */
  public DamagedItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(problem, "problem");
  }
}
