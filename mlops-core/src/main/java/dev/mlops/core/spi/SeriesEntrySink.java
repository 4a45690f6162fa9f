package dev.mlops.core.spi;

/**
 * Receives the entries of a series one at a time, in append order, as ranges of a buffer the store owns:
 * {@link SeriesStore#forEachEntry} passes a whole series through it without a copy per entry.
 *
 * <p>The range is valid only during the call: the store reuses the buffer for the next entries, so a sink
 * that keeps an entry copies it, and a sink never writes to the buffer.
 */
@FunctionalInterface
public interface SeriesEntrySink {
  /**
   * Takes one entry.
   *
   * @param buffer holds the entry; read only {@code buffer[offset]} to {@code buffer[offset + length - 1]}
   * @param offset where the entry starts
   * @param length the entry's length in bytes
   */
  void accept(byte[] buffer, int offset, int length);
}
