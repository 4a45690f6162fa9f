package dev.mlops.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of entries read from an append-only series.
 *
 * <p>Immutable; entry arrays are copied in and out.
 */
public final class SeriesPage {
  private final List<byte[]> entries;
  private final long nextPosition;
  private final boolean end;

  /**
   * Creates a page.
   *
   * @param entries the entries, in append order; copied
   * @param nextPosition the opaque position to pass to the next read
   * @param end true if no entries followed this page when it was read
   */
  public SeriesPage(List<byte[]> entries, long nextPosition, boolean end) {
    List<byte[]> copy = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      copy.add(e.clone());
    }
    this.entries = Collections.unmodifiableList(copy);
    this.nextPosition = nextPosition;
    this.end = end;
  }

  /** @return a copy of the entries, in append order */
  public List<byte[]> entries() {
    List<byte[]> copy = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      copy.add(e.clone());
    }
    return copy;
  }

  /** @return how many entries this page holds */
  public int size() {
    return entries.size();
  }

  /** @return the position to read from next; opaque to callers, meaningful only to the same series */
  public long nextPosition() {
    return nextPosition;
  }

  /** @return true if the series held nothing after this page when it was read */
  public boolean isEnd() {
    return end;
  }
}
