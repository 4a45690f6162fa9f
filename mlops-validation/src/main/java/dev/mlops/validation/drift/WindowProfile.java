package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A current-window profile a model server updates per request and compares with a reference profile,
 * without keeping raw rows.
 *
 * <p>Each value is binned with the reference's {@link Binning} and counted in the window's current pane:
 * a binary search over at most {@code maxBins} cut points or one hash lookup, so O(1) per value. Count
 * windows count each column's values separately; time windows read the injected {@link Clock}.
 * {@link #snapshot()} sums the panes into a {@link DatasetProfile}; {@link #lastCompleted()} returns the
 * last full tumbling window.
 *
 * <p>Thread-safe: every method synchronizes on this instance (the guard of all mutable state). For the
 * lowest cost per value, resolve column names once with {@link #columnIndex(String)}.
 */
public final class WindowProfile {
  private final List<ColumnHistogram> reference;
  private final Map<String, Integer> index = new HashMap<>();
  private final Window window;
  private final Clock clock;
  private final Binning[] binnings;
  private final boolean timeBased;
  private final boolean sliding;
  private final int panes;
  private final long paneCapacity;
  private final long paneMillis;
  /** Guarded by this: counts[column][pane][bin]. */
  private final long[][][] counts;
  /** Guarded by this: values in each column's panes. */
  private final long[][] paneSizes;
  /** Guarded by this: each column's current pane (count windows). */
  private final int[] head;
  /** Guarded by this: the epoch pane number of the current pane (time windows). */
  private long currentPane = Long.MIN_VALUE;
  /** Guarded by this: the last full tumbling window, per column. */
  private long @Nullable [][] completed;

  private WindowProfile(DatasetProfile reference, Window window, Clock clock) {
    this.reference = reference.columns();
    this.window = window;
    this.clock = clock;
    int n = this.reference.size();
    this.counts = new long[n][window.panes()][];
    this.paneSizes = new long[n][window.panes()];
    this.head = new int[n];
    for (int c = 0; c < n; c++) {
      index.put(this.reference.get(c).name(), c);
      for (int p = 0; p < window.panes(); p++) {
        counts[c][p] = new long[this.reference.get(c).binning().binCount()];
      }
    }
    this.binnings = this.reference.stream().map(ColumnHistogram::binning).toArray(Binning[]::new);
    this.timeBased = window.timeBased();
    this.sliding = window.sliding();
    this.panes = window.panes();
    this.paneCapacity = window.timeBased() ? Long.MAX_VALUE : window.size() / window.panes();
    this.paneMillis = window.timeBased() ? window.duration().toMillis() / window.panes() : 0;
  }

  /**
   * Creates an empty window over a reference profile's columns and binnings, on the UTC system clock.
   *
   * @param reference the reference profile
   * @param window the window shape
   * @return the window profile
   */
  public static WindowProfile of(DatasetProfile reference, Window window) {
    return of(reference, window, Clock.systemUTC());
  }

  /**
   * Creates an empty window with an injected clock (for time windows and tests).
   *
   * @param reference the reference profile
   * @param window the window shape
   * @param clock the clock that time windows read
   * @return the window profile
   */
  public static WindowProfile of(DatasetProfile reference, Window window, Clock clock) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(clock, "clock");
    return new WindowProfile(reference, window, clock);
  }

  /**
   * Resolves a column name to the index the fast update methods take.
   *
   * @param name the column name
   * @return its index
   * @throws InvalidInputException if the reference has no such column
   */
  public int columnIndex(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new InvalidInputException("the reference profile has no column '" + name + "'");
    }
    return i;
  }

  /**
   * Counts a number; NaN and infinities count as missing.
   *
   * @param column a column index from {@link #columnIndex(String)}
   * @param value the value
   * @throws IllegalStateException if the column is categorical
   */
  public synchronized void update(int column, double value) {
    // value - value is NaN exactly for NaN and the infinities, which count as missing
    count(column, binnings[column].binOf(value - value == 0.0 ? value : Double.NaN));
  }

  /**
   * Counts a category; {@code null} counts as missing.
   *
   * @param column a column index from {@link #columnIndex(String)}
   * @param value the category
   * @throws IllegalStateException if the column is numeric
   */
  public synchronized void update(int column, @Nullable String value) {
    count(column, binnings[column].binOf(value));
  }

  /**
   * Counts one row: numbers go to numeric columns, anything else is counted by its text (booleans as
   * {@code true}/{@code false}), {@code null} or an absent key as missing.
   *
   * @param row column name to value; keys not in the reference are ignored
   * @throws InvalidInputException if a numeric column receives a value that is not a number
   */
  public synchronized void updateRow(Map<String, ?> row) {
    Objects.requireNonNull(row, "row");
    for (int c = 0; c < reference.size(); c++) {
      ColumnHistogram ref = reference.get(c);
      Object v = row.get(ref.name());
      if (ref.binning().kind() == Binning.Kind.NUMERIC) {
        if (v != null && !(v instanceof Number)) {
          throw new InvalidInputException("column '" + ref.name() + "' is numeric but got " + v.getClass()
              .getSimpleName());
        }
        double d = v == null ? Double.NaN : ((Number) v).doubleValue();
        count(c, ref.binning().binOf(Double.isInfinite(d) ? Double.NaN : d));
      } else {
        count(c, ref.binning().binOf(v == null ? null : v.toString()));
      }
    }
  }

  private void count(int column, int bin) {
    if (timeBased) {
      advanceTime();
      counts[column][0][bin]++;
      paneSizes[column][0]++;
      return;
    }
    int p = head[column];
    counts[column][p][bin]++;
    if (++paneSizes[column][p] == paneCapacity) {
      if (sliding) {
        int next = p + 1 == panes ? 0 : p + 1;
        Arrays.fill(counts[column][next], 0L);
        paneSizes[column][next] = 0;
        head[column] = next;
      } else {
        if (completed == null) {
          completed = new long[reference.size()][];
        }
        completed[column] = counts[column][0].clone();
        Arrays.fill(counts[column][0], 0L);
        paneSizes[column][0] = 0;
      }
    }
  }

  /** Time panes rotate together; pane 0 is always the current one. */
  private void advanceTime() {
    long pane = Math.floorDiv(clock.millis(), paneMillis);
    if (pane == currentPane) {
      return;
    }
    if (currentPane != Long.MIN_VALUE && pane < currentPane) {
      return; // the clock went back: keep counting into the current pane
    }
    long steps = currentPane == Long.MIN_VALUE ? window.panes() : Math.min(pane - currentPane, window.panes());
    if (!window.sliding() && currentPane != Long.MIN_VALUE) {
      long[][] done = new long[reference.size()][];
      for (int c = 0; c < reference.size(); c++) {
        // after a gap of whole empty windows the last completed window is empty
        done[c] = pane - currentPane == 1 ? counts[c][0].clone() : new long[counts[c][0].length];
      }
      completed = done;
    }
    for (int c = 0; c < reference.size(); c++) {
      long[][] panes = counts[c];
      for (long s = 0; s < steps; s++) {
        long[] oldest = panes[panes.length - 1];
        System.arraycopy(panes, 0, panes, 1, panes.length - 1);
        Arrays.fill(oldest, 0L);
        panes[0] = oldest;
        System.arraycopy(paneSizes[c], 0, paneSizes[c], 1, paneSizes[c].length - 1);
        paneSizes[c][0] = 0;
      }
    }
    currentPane = pane;
  }

  /**
   * Sums the window's panes into a profile over the reference's binnings.
   *
   * @return the current window's profile (possibly empty)
   */
  public synchronized DatasetProfile snapshot() {
    if (window.timeBased()) {
      advanceTime();
    }
    List<ColumnHistogram> out = new ArrayList<>();
    for (int c = 0; c < reference.size(); c++) {
      long[] sum = new long[counts[c][0].length];
      for (long[] pane : counts[c]) {
        for (int b = 0; b < sum.length; b++) {
          sum[b] += pane[b];
        }
      }
      ColumnHistogram ref = reference.get(c);
      out.add(ColumnHistogram.of(ref.name(), ref.binning(), sum));
    }
    return DatasetProfile.of(out);
  }

  /**
   * Returns the last full tumbling window, or {@code null} before one completed (always {@code null} for
   * sliding windows). With count windows, columns that have not yet filled a window are empty.
   *
   * @return the completed window's profile, or {@code null}
   */
  public synchronized @Nullable DatasetProfile lastCompleted() {
    if (window.timeBased()) {
      advanceTime();
    }
    long[][] done = completed;
    if (done == null) {
      return null;
    }
    List<ColumnHistogram> out = new ArrayList<>();
    for (int c = 0; c < reference.size(); c++) {
      ColumnHistogram ref = reference.get(c);
      long[] counted = done[c] == null ? new long[ref.binning().binCount()] : done[c];
      out.add(ColumnHistogram.of(ref.name(), ref.binning(), counted));
    }
    return DatasetProfile.of(out);
  }
}
