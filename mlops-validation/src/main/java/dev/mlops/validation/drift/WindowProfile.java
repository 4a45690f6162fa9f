package dev.mlops.validation.drift;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.drift.WindowJson;
import dev.mlops.validation.internal.drift.WindowState;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
 * <p>The whole state (the reference's binnings, the window's shape, every pane's counts including the
 * partly filled current one, and the last completed window) serializes with {@link #toJson()} and comes
 * back with {@link #fromJson(String, Clock)}, so a server that saves it on shutdown and restores it on
 * start continues exactly where it stopped; a time window then drops the panes that ended while it was
 * down, as if it had kept running.
 *
 * <p>{@code DATE} and {@code TIMESTAMP} columns count their epoch days and microseconds (see
 * {@link NumericScale}); {@link #updateRow(Map)} also takes {@link LocalDate} and {@link Instant} values.
 *
 * <p>Thread-safe: every method synchronizes on this instance (the guard of all mutable state). For the
 * lowest cost per value, resolve column names once with {@link #columnIndex(String)}.
 */
public final class WindowProfile {
  private final DatasetProfile referenceProfile;
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
    this(emptyState(reference, window), clock);
  }

  /** Adopts a state's arrays (fresh ones, or ones read and checked by {@link WindowJson}). */
  private WindowProfile(WindowState state, Clock clock) {
    this.referenceProfile = state.reference();
    this.reference = state.reference().columns();
    this.window = state.window();
    this.clock = clock;
    for (int c = 0; c < reference.size(); c++) {
      index.put(reference.get(c).name(), c);
    }
    this.binnings = reference.stream().map(ColumnHistogram::binning).toArray(Binning[]::new);
    this.timeBased = window.timeBased();
    this.sliding = window.sliding();
    this.panes = window.panes();
    this.paneCapacity = window.timeBased() ? Long.MAX_VALUE : window.size() / window.panes();
    this.paneMillis = window.timeBased() ? window.duration().toMillis() / window.panes() : 0;
    this.counts = state.counts();
    this.paneSizes = state.paneSizes();
    this.head = state.head();
    Long pane = state.currentPane();
    this.currentPane = pane == null ? Long.MIN_VALUE : pane;
    this.completed = state.completed();
  }

  /** The most counters (8 bytes each) a window may hold: 512 MiB, far beyond any sensible window. */
  static final long MAX_COUNTERS = 1L << 26;

  private static WindowState emptyState(DatasetProfile reference, Window window) {
    List<ColumnHistogram> columns = reference.columns();
    int n = columns.size();
    long counters = 0;
    for (ColumnHistogram c : columns) {
      counters += (long) window.panes() * (c.binning().binCount() + 1);
    }
    if (counters > MAX_COUNTERS) {
      throw new InvalidInputException("a window of " + window.panes() + " panes over " + n + " columns needs "
          + counters + " counters (" + (counters * Long.BYTES >> 20) + " MiB), more than the limit of "
          + MAX_COUNTERS + "; use fewer panes or coarser binning");
    }
    long[][][] counts = new long[n][window.panes()][];
    for (int c = 0; c < n; c++) {
      for (int p = 0; p < window.panes(); p++) {
        counts[c][p] = new long[columns.get(c).binning().binCount()];
      }
    }
    return new WindowState(reference, window, counts, new long[n][window.panes()], new int[n], null, null);
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
   * Counts a number; NaN and infinities count as missing. For a {@code DATE} column the number is the epoch
   * day, for a {@code TIMESTAMP} column the epoch microsecond.
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
   * Counts one row: numbers go to numeric columns, {@link LocalDate}s to {@code DATE} columns and
   * {@link Instant}s to {@code TIMESTAMP} columns (a number there is taken as the epoch day or
   * microsecond), anything else is counted by its text (booleans as {@code true}/{@code false}),
   * {@code null} or an absent key as missing.
   *
   * @param row column name to value; keys not in the reference are ignored
   * @throws InvalidInputException if a numeric column receives a value that is not a number, a date or
   *     instant for another column type, or an instant beyond the microseconds of a long; nothing of the
   *     row is counted then
   */
  public synchronized void updateRow(Map<String, ?> row) {
    Objects.requireNonNull(row, "row");
    int[] bins = new int[reference.size()];
    for (int c = 0; c < reference.size(); c++) {
      ColumnHistogram ref = reference.get(c);
      Object v = row.get(ref.name());
      if (ref.binning().kind() == Binning.Kind.NUMERIC) {
        double d = number(ref, v);
        bins[c] = ref.binning().binOf(Double.isInfinite(d) ? Double.NaN : d);
      } else {
        bins[c] = ref.binning().binOf(v == null ? null : v.toString());
      }
    }
    for (int c = 0; c < bins.length; c++) {
      count(c, bins[c]);
    }
  }

  private static double number(ColumnHistogram column, @Nullable Object v) {
    NumericScale scale = column.binning().scale();
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Number number) {
      return number.doubleValue();
    }
    if (v instanceof LocalDate date && scale == NumericScale.EPOCH_DAY) {
      return scale.toNumber(date);
    }
    if (v instanceof Instant instant && scale == NumericScale.EPOCH_MICROSECOND) {
      return scale.toNumber(instant);
    }
    throw new InvalidInputException("column '" + column.name() + "' counts "
        + (scale == NumericScale.NUMBER ? "numbers" : scale == NumericScale.EPOCH_DAY ? "dates" : "instants")
        + " but got a " + v.getClass().getSimpleName());
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

  /**
   * Serializes the window's whole state: the reference profile, the window's shape, every pane's counts
   * (the partly filled current pane included), each column's position in a count window, the current
   * time pane, and the last completed tumbling window. The JSON is versioned
   * ({@code "format": "mlops-drift-window", "version": 1}); the clock is not part of it.
   *
   * @return the JSON text
   */
  public String toJson() {
    return WindowJson.write(state());
  }

  private synchronized WindowState state() {
    long[][][] countsCopy = new long[counts.length][][];
    long[][] sizesCopy = new long[counts.length][];
    for (int c = 0; c < counts.length; c++) {
      countsCopy[c] = new long[panes][];
      for (int p = 0; p < panes; p++) {
        countsCopy[c][p] = counts[c][p].clone();
      }
      sizesCopy[c] = paneSizes[c].clone();
    }
    long[][] done = null;
    if (completed != null) {
      done = new long[completed.length][];
      for (int c = 0; c < done.length; c++) {
        done[c] = completed[c] == null ? null : completed[c].clone();
      }
    }
    return new WindowState(referenceProfile, window, countsCopy, sizesCopy, head.clone(),
        currentPane == Long.MIN_VALUE ? null : currentPane, done);
  }

  /**
   * Restores a window written by {@link #toJson()} on the UTC system clock.
   *
   * @param json the JSON text
   * @return a window that continues where the saved one stopped
   * @throws CorruptedDataException if the text is not a version-1 window document, or its counts break the
   *     window's invariants (a count per bin, pane sizes equal to their counts, no full count pane)
   */
  public static WindowProfile fromJson(String json) {
    return fromJson(json, Clock.systemUTC());
  }

  /**
   * Restores a window written by {@link #toJson()} with an injected clock. A time window compares the
   * clock with the saved current pane on its next call, so panes that ended while the server was down are
   * dropped (sliding) or completed (tumbling) then.
   *
   * @param json the JSON text
   * @param clock the clock that time windows read
   * @return a window that continues where the saved one stopped
   * @throws CorruptedDataException if the text is not a version-1 window document, or its counts break the
   *     window's invariants
   */
  public static WindowProfile fromJson(String json, Clock clock) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(clock, "clock");
    return new WindowProfile(WindowJson.read(json), clock);
  }

  /**
   * Returns the reference profile whose columns and binnings this window counts over.
   *
   * @return the reference profile
   */
  public DatasetProfile reference() {
    return referenceProfile;
  }

  /**
   * Returns the window's shape.
   *
   * @return the window
   */
  public Window window() {
    return window;
  }
}
