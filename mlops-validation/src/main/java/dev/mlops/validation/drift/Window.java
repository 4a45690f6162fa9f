package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * The shape of a current window: tumbling or sliding, measured in values (per column) or in time.
 *
 * <p>A window is kept as {@code panes} sub-windows of equal size; a tumbling window is one pane that
 * restarts empty when full, a sliding window drops its oldest pane when a new one starts, so it always
 * covers between {@code (panes - 1) / panes} and all of its size. Updates cost O(1) per value and an
 * O(bins) clear once per pane.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sliding {@code true} for sliding, {@code false} for tumbling
 * @param size the number of values per column, or 0 for a time window
 * @param duration the length of a time window, or {@link Duration#ZERO} for a count window
 * @param panes the number of panes, 1 for tumbling
 */
public record Window(boolean sliding, long size, Duration duration, int panes) {
  /**
   * Checks the shape.
   *
   * @throws InvalidInputException if neither or both of size and duration are set, the panes do not divide
   *     the window, or a tumbling window has more than one pane
   *
   * @param sliding {@code true} for sliding, {@code false} for tumbling
   * @param size the number of values per column, or 0 for a time window
   * @param duration the length of a time window, or {@link Duration#ZERO} for a count window
   * @param panes the number of panes, 1 for tumbling
   */
  public Window {
    Objects.requireNonNull(duration, "duration");
    boolean count = size > 0;
    boolean time = !duration.isZero() && !duration.isNegative();
    if (count == time || size < 0) {
      throw new InvalidInputException("a window has either a positive size or a positive duration");
    }
    if (panes < 1 || (!sliding && panes != 1)) {
      throw new InvalidInputException("a sliding window needs at least one pane and a tumbling window "
          + "exactly one, got " + panes);
    }
    if (count && size % panes != 0) {
      throw new InvalidInputException("window size " + size + " is not a multiple of its " + panes + " panes");
    }
    if (time && duration.toMillis() % panes != 0) {
      throw new InvalidInputException("window duration " + duration + " is not a multiple of " + panes
          + " panes of whole milliseconds");
    }
  }

  /**
   * A tumbling window of {@code size} values per column.
   *
   * @param size values per window, positive
   * @return the window
   */
  public static Window tumblingCount(long size) {
    return new Window(false, size, Duration.ZERO, 1);
  }

  /**
   * A sliding window over the last {@code size} values per column, advancing one pane at a time.
   *
   * @param size values covered, positive and a multiple of {@code panes}
   * @param panes number of panes
   * @return the window
   */
  public static Window slidingCount(long size, int panes) {
    return new Window(true, size, Duration.ZERO, panes);
  }

  /**
   * A tumbling window aligned on multiples of {@code duration} since the epoch.
   *
   * @param duration window length, positive whole milliseconds
   * @return the window
   */
  public static Window tumblingTime(Duration duration) {
    return new Window(false, 0, duration, 1);
  }

  /**
   * A sliding window over the last {@code duration}, advancing one pane at a time.
   *
   * @param duration window length, a multiple of {@code panes} milliseconds
   * @param panes number of panes
   * @return the window
   */
  public static Window slidingTime(Duration duration, int panes) {
    return new Window(true, 0, duration, panes);
  }

  /**
   * Tells whether this window is measured in time.
   *
   * @return {@code true} for time windows
   */
  public boolean timeBased() {
    return size == 0;
  }
}
