package dev.mlops.validation.drift;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.drift.ColumnValues;
import dev.mlops.validation.internal.drift.ProfileJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Binned counts of every comparable column of a dataset: a reference profile built once from training
 * data, or a current profile counted over the reference's binnings.
 *
 * <p>A reference profile is small (a few numbers per bin), serializes to JSON with {@link #toJson()} (to
 * store it as an artifact beside the model) and comes back with {@link #fromJson(String)}. A server counts
 * current values into a {@link WindowProfile} or calls {@link #observe(Table)}, and hands both profiles to
 * {@link DriftDetector#compare(DatasetProfile, DatasetProfile)}; no raw rows are kept. Every column is
 * profiled: {@code DATE} and {@code TIMESTAMP} columns as numbers on their {@link NumericScale} (epoch days,
 * epoch microseconds), with ISO-8601 bin labels.
 *
 * <p>Immutable and thread-safe.
 */
public final class DatasetProfile {
  private final Map<String, ColumnHistogram> columns;

  private DatasetProfile(Map<String, ColumnHistogram> columns) {
    this.columns = columns;
  }

  /**
   * Creates a profile from column histograms.
   *
   * @param columns the column histograms, names unique, in display order
   * @return the profile
   * @throws InvalidInputException if two columns share a name
   */
  public static DatasetProfile of(List<ColumnHistogram> columns) {
    Objects.requireNonNull(columns, "columns");
    Map<String, ColumnHistogram> m = new LinkedHashMap<>();
    for (ColumnHistogram c : columns) {
      if (m.put(c.name(), c) != null) {
        throw new InvalidInputException("column '" + c.name() + "' appears twice in a profile");
      }
    }
    return new DatasetProfile(m);
  }

  /**
   * Fits binnings on a reference table and counts it.
   *
   * @param reference the reference table
   * @param options how to fit the binnings
   * @return the reference profile
   */
  public static DatasetProfile fit(Table reference, BinningOptions options) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(options, "options");
    List<ColumnHistogram> out = new ArrayList<>();
    for (Column c : reference.columns()) {
      out.add(count(c, options.fit(c)));
    }
    return of(out);
  }

  static ColumnHistogram count(Column column, Binning binning) {
    return binning.kind() == Binning.Kind.NUMERIC
        ? ColumnHistogram.ofNumbers(column.name(), binning, ColumnValues.numbers(column))
        : ColumnHistogram.ofCategories(column.name(), binning, ColumnValues.categories(column));
  }

  /**
   * Counts a current table over this profile's binnings. Columns of this profile that the table lacks are
   * left out (the detector reports them); extra table columns are ignored.
   *
   * @param current the current table
   * @return the current profile
   * @throws InvalidInputException if a column's type no longer fits its binning (numbers vs categories,
   *     or another scale: a {@code DATE} binning needs a {@code DATE} column)
   */
  public DatasetProfile observe(Table current) {
    Objects.requireNonNull(current, "current");
    List<ColumnHistogram> out = new ArrayList<>();
    for (ColumnHistogram ref : columns.values()) {
      Column c = current.findColumn(ref.name());
      if (c == null) {
        continue;
      }
      if (!fits(c, ref.binning())) {
        Binning b = ref.binning();
        throw new InvalidInputException("column '" + ref.name() + "' is " + c.type()
            + " in the current table but " + b.kind()
            + (b.kind() == Binning.Kind.NUMERIC ? " on scale " + b.scale() : "") + " in the reference profile");
      }
      out.add(count(c, ref.binning()));
    }
    return of(out);
  }

  /** Tells whether a column's values can be counted over a binning: same kind and, for numbers, scale. */
  static boolean fits(Column column, Binning binning) {
    NumericScale scale = ColumnValues.scaleOf(column);
    return binning.kind() == Binning.Kind.NUMERIC ? scale == binning.scale() : scale == null;
  }

  /**
   * Returns the column histograms in order.
   *
   * @return an unmodifiable list
   */
  public List<ColumnHistogram> columns() {
    return List.copyOf(columns.values());
  }

  /**
   * Finds a column histogram.
   *
   * @param name the column name
   * @return the histogram, or {@code null} when the column is absent
   */
  public @Nullable ColumnHistogram column(String name) {
    return columns.get(name);
  }

  /**
   * Adds another profile's counts, column by column (for chunks, partitions or time windows).
   *
   * @param other a profile with the same columns and binnings
   * @return the merged profile
   * @throws InvalidInputException if the columns or binnings differ
   */
  public DatasetProfile merge(DatasetProfile other) {
    if (!columns.keySet().equals(other.columns.keySet())) {
      throw new InvalidInputException("cannot merge profiles with columns " + columns.keySet() + " and "
          + other.columns.keySet());
    }
    List<ColumnHistogram> out = new ArrayList<>();
    for (ColumnHistogram c : columns.values()) {
      out.add(c.merge(other.columns.get(c.name())));
    }
    return of(out);
  }

  /**
   * Serializes the profile (binnings and counts) to JSON.
   *
   * @return the JSON text
   */
  public String toJson() {
    return ProfileJson.write(this);
  }

  /**
   * Reads a profile written by {@link #toJson()}.
   *
   * @param json the JSON text
   * @return the profile
   * @throws CorruptedDataException if the text is not a profile in a known format
   */
  public static DatasetProfile fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return ProfileJson.read(json);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DatasetProfile p && columns.equals(p.columns);
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    return "DatasetProfile" + columns.values();
  }
}
