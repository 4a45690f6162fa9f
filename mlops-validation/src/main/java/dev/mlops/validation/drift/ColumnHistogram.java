package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The binned counts of one column over a {@link Binning}: what a drift comparison needs from a sample
 * without its raw rows.
 *
 * <p>Immutable and thread-safe. Histograms over the same binning {@linkplain #merge(ColumnHistogram) merge} by
 * adding counts, so chunks, partitions and window panes combine exactly.
 */
public final class ColumnHistogram {
  private final String name;
  private final Binning binning;
  private final long[] counts;

  private ColumnHistogram(String name, Binning binning, long[] counts) {
    this.name = name;
    this.binning = binning;
    this.counts = counts;
  }

  /**
   * Creates a histogram from counts.
   *
   * @param name the column name
   * @param binning the binning the counts refer to
   * @param counts one non-negative count per bin of the binning
   * @return the histogram
   * @throws InvalidInputException if the number of counts differs from the bins or a count is negative
   */
  public static ColumnHistogram of(String name, Binning binning, long[] counts) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(binning, "binning");
    Objects.requireNonNull(counts, "counts");
    if (counts.length != binning.binCount()) {
      throw new InvalidInputException("column '" + name + "' has " + counts.length + " counts for "
          + binning.binCount() + " bins");
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new InvalidInputException("column '" + name + "' bin " + i + " has a negative count");
      }
    }
    return new ColumnHistogram(name, binning, counts.clone());
  }

  /**
   * Counts numbers into a numeric binning; NaN and infinities count as missing.
   *
   * @param name the column name
   * @param binning a numeric binning
   * @param values the values
   * @return the histogram
   * @throws IllegalStateException if the binning is categorical
   */
  public static ColumnHistogram ofNumbers(String name, Binning binning, double[] values) {
    long[] c = new long[binning.binCount()];
    for (double v : values) {
      c[binning.binOf(Double.isInfinite(v) ? Double.NaN : v)]++;
    }
    return new ColumnHistogram(name, binning, c);
  }

  /**
   * Counts categories into a categorical binning; {@code null} counts as missing.
   *
   * @param name the column name
   * @param binning a categorical binning
   * @param values the values
   * @return the histogram
   * @throws IllegalStateException if the binning is numeric
   */
  public static ColumnHistogram ofCategories(String name, Binning binning, @Nullable String[] values) {
    long[] c = new long[binning.binCount()];
    for (String v : values) {
      c[binning.binOf(v)]++;
    }
    return new ColumnHistogram(name, binning, c);
  }

  /**
   * Returns the column name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the binning the counts refer to.
   *
   * @return the binning
   */
  public Binning binning() {
    return binning;
  }

  /**
   * Returns the count of each bin.
   *
   * @return a copy of the counts, in the binning's bin order
   */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * Returns the number of values, missing ones included.
   *
   * @return the total count
   */
  public long total() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }

  /**
   * Returns the number of missing values (nulls, NaN and infinities).
   *
   * @return the count in the {@code <missing>} bin
   */
  public long missing() {
    return counts[binning.missingBin()];
  }

  /**
   * Adds another histogram's counts to this one's.
   *
   * @param other a histogram of the same column over an equal binning
   * @return the merged histogram
   * @throws InvalidInputException if the names or binnings differ
   */
  public ColumnHistogram merge(ColumnHistogram other) {
    if (!name.equals(other.name) || !binning.equals(other.binning)) {
      throw new InvalidInputException("cannot merge histograms of '" + name + "' and '" + other.name
          + "' with different names or binnings");
    }
    long[] c = counts.clone();
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.addExact(c[i], other.counts[i]);
    }
    return new ColumnHistogram(name, binning, c);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ColumnHistogram p && name.equals(p.name) && binning.equals(p.binning)
        && Arrays.equals(counts, p.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, binning, Arrays.hashCode(counts));
  }

  @Override
  public String toString() {
    return "ColumnHistogram[" + name + ", total=" + total() + ", missing=" + missing() + "]";
  }
}
