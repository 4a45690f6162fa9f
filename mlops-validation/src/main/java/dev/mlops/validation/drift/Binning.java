package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How values of one column are put into bins, fitted once on the reference and applied unchanged to
 * every current sample, so both sides are counted over the same bins.
 *
 * <p>A numeric binning has cut points {@code e_0 < ... < e_(k-1)} and the bins
 * {@code (-inf, e_0), [e_0, e_1), ..., [e_(k-1), +inf)}: the outer bins are open, so current values beyond
 * the reference range still land somewhere. A categorical binning has one bin per reference category (the
 * most frequent ones, the rest folded into {@code <other>}) and an {@code <unseen>} bin for categories the
 * reference never had. Both kinds end with a {@code <missing>} bin for nulls (and, for numbers, NaN).
 * A numeric binning has a {@link NumericScale}: dates and timestamps are cut on their epoch value and
 * labelled in ISO-8601, for example {@code [2012-03-01, 2012-06-01)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Binning {
  /** Label of the bin for nulls and NaN. */
  public static final String MISSING = "<missing>";
  /** Label of the bin for categories absent from the reference. */
  public static final String UNSEEN = "<unseen>";
  /** Label of the bin for reference categories beyond the kept maximum. */
  public static final String OTHER = "<other>";

  /** Whether a binning cuts numbers or names categories. */
  public enum Kind {
    /** Cut points on the real line. */
    NUMERIC,
    /** A list of category names. */
    CATEGORICAL
  }

  private final Kind kind;
  private final NumericScale scale;
  private final double[] edges;
  private final List<String> categories;
  private final boolean other;
  private final Map<String, Integer> categoryIndex;
  private final List<String> labels;

  private Binning(Kind kind, NumericScale scale, double[] edges, List<String> categories, boolean other) {
    this.kind = kind;
    this.scale = scale;
    this.edges = edges;
    this.categories = List.copyOf(categories);
    this.other = other;
    Map<String, Integer> idx = new HashMap<>();
    List<String> l = new ArrayList<>();
    if (kind == Kind.NUMERIC) {
      for (int i = 0; i <= edges.length; i++) {
        String lo = i == 0 ? "(-inf" : "[" + scale.format(edges[i - 1]);
        String hi = i == edges.length ? "+inf)" : scale.format(edges[i]) + ")";
        l.add(lo + ", " + hi);
      }
    } else {
      for (int i = 0; i < this.categories.size(); i++) {
        String c = this.categories.get(i);
        if (idx.put(c, i) != null) {
          throw new InvalidInputException("category '" + c + "' appears twice in a binning");
        }
        l.add(c);
      }
      if (other) {
        l.add(OTHER);
      }
      l.add(UNSEEN);
    }
    l.add(MISSING);
    this.categoryIndex = idx;
    this.labels = List.copyOf(l);
  }

  /**
   * Creates a numeric binning from explicit cut points.
   *
   * @param edges strictly increasing finite cut points (may be empty: one bin for all numbers)
   * @return the binning
   * @throws InvalidInputException if a cut point is not finite or the points are not strictly increasing
   */
  public static Binning numeric(double... edges) {
    return numeric(NumericScale.NUMBER, edges);
  }

  /**
   * Creates a numeric binning on a scale from explicit cut points, for example epoch days for a
   * {@code DATE} column.
   *
   * @param scale what the numbers stand for
   * @param edges strictly increasing cut points the scale {@linkplain NumericScale#accepts(double) accepts}
   *     (whole days or microseconds for the time scales; may be empty)
   * @return the binning
   * @throws InvalidInputException if a cut point is not a value of the scale or the points are not
   *     strictly increasing
   */
  public static Binning numeric(NumericScale scale, double... edges) {
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(edges, "edges");
    for (int i = 0; i < edges.length; i++) {
      if (!scale.accepts(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
        throw new InvalidInputException("bin edges must be strictly increasing values of scale " + scale
            + "; edge " + i + " is " + edges[i]);
      }
    }
    return new Binning(Kind.NUMERIC, scale, edges.clone(), List.of(), false);
  }

  /**
   * Creates a categorical binning from explicit categories.
   *
   * @param categories distinct category names in bin order
   * @param other whether an {@code <other>} bin exists for reference categories that were not kept
   * @return the binning
   * @throws InvalidInputException if a category repeats or uses a reserved label
   */
  public static Binning categorical(List<String> categories, boolean other) {
    Objects.requireNonNull(categories, "categories");
    for (String c : categories) {
      Objects.requireNonNull(c, "category");
      if (c.equals(MISSING) || c.equals(UNSEEN) || c.equals(OTHER)) {
        throw new InvalidInputException("category name '" + c + "' is reserved for a special bin");
      }
    }
    return new Binning(Kind.CATEGORICAL, NumericScale.NUMBER, new double[0], categories, other);
  }

  /**
   * Fits quantile cut points on a numeric reference: {@code maxBins} equal-frequency bins whose cut points
   * are reference values (the value at or just above each quantile position, so no bin is empty on the
   * reference), with repeated cut points merged (so heavily tied data gets fewer bins). NaN and infinite
   * values are ignored (profiles count them as missing).
   *
   * @param reference the reference values
   * @param maxBins the largest number of value bins, at least 1
   * @return the binning
   * @throws InvalidInputException if {@code maxBins < 1}
   */
  public static Binning fitQuantiles(double[] reference, int maxBins) {
    return fitQuantiles(reference, maxBins, NumericScale.NUMBER);
  }

  /**
   * Fits quantile cut points on a reference of a scale, as {@link #fitQuantiles(double[], int)} does; the
   * cut points are reference values, so epoch days and microseconds stay whole.
   *
   * @param reference the reference values (epoch days or microseconds for the time scales)
   * @param maxBins the largest number of value bins, at least 1
   * @param scale what the numbers stand for
   * @return the binning
   * @throws InvalidInputException if {@code maxBins < 1} or a finite reference value is not a value of the
   *     scale
   */
  public static Binning fitQuantiles(double[] reference, int maxBins, NumericScale scale) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(scale, "scale");
    if (maxBins < 1) {
      throw new InvalidInputException("maxBins must be at least 1, got " + maxBins);
    }
    double[] finite = Arrays.stream(reference).filter(Double::isFinite).toArray();
    Arrays.sort(finite);
    if (finite.length == 0) {
      return numeric(scale);
    }
    double[] cuts = new double[maxBins - 1];
    int k = 0;
    for (int i = 1; i < maxBins; i++) {
      double position = (finite.length - 1) * (double) i / maxBins;
      double q = finite[(int) Math.ceil(position)];
      // a cut equal to the minimum would leave the lowest bin empty on the reference
      if (q > finite[0] && (k == 0 || q > cuts[k - 1])) {
        cuts[k++] = q;
      }
    }
    return numeric(scale, Arrays.copyOf(cuts, k));
  }

  /**
   * Fits a categorical binning: the {@code maxCategories} most frequent reference values (ties broken by
   * name), the rest folded into {@code <other>}. Nulls are ignored.
   *
   * @param reference the reference values, {@code null} meaning missing
   * @param maxCategories the largest number of category bins, at least 1
   * @return the binning
   * @throws InvalidInputException if {@code maxCategories < 1} or a value uses a reserved label
   */
  public static Binning fitCategories(@Nullable String[] reference, int maxCategories) {
    Objects.requireNonNull(reference, "reference");
    if (maxCategories < 1) {
      throw new InvalidInputException("maxCategories must be at least 1, got " + maxCategories);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String v : reference) {
      if (v != null) {
        counts.merge(v, 1L, Long::sum);
      }
    }
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue(Collections.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < Math.min(maxCategories, entries.size()); i++) {
      kept.add(entries.get(i).getKey());
    }
    return categorical(kept, entries.size() > maxCategories);
  }

  /**
   * Returns the kind of this binning.
   *
   * @return numeric or categorical
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns what the numbers of a numeric binning stand for.
   *
   * @return the scale, {@code NUMBER} for a categorical binning
   */
  public NumericScale scale() {
    return scale;
  }

  /**
   * Returns the cut points of a numeric binning.
   *
   * @return a copy of the cut points, empty for a categorical binning
   */
  public double[] edges() {
    return edges.clone();
  }

  /**
   * Returns the categories of a categorical binning in bin order.
   *
   * @return the kept categories, empty for a numeric binning
   */
  public List<String> categories() {
    return categories;
  }

  /**
   * Tells whether a categorical binning has an {@code <other>} bin.
   *
   * @return {@code true} when reference categories were folded
   */
  public boolean hasOther() {
    return other;
  }

  /**
   * Returns the number of bins, including the special ones.
   *
   * @return the bin count
   */
  public int binCount() {
    return labels.size();
  }

  /**
   * Returns a label per bin, for example {@code [2.5, 7)}, {@code rain}, {@code <unseen>}, {@code <missing>}.
   *
   * @return the labels in bin order
   */
  public List<String> labels() {
    return labels;
  }

  /**
   * Returns the index of the {@code <missing>} bin (always the last).
   *
   * @return the index
   */
  public int missingBin() {
    return labels.size() - 1;
  }

  /**
   * Returns the index of the {@code <unseen>} bin of a categorical binning.
   *
   * @return the index, or -1 for a numeric binning
   */
  public int unseenBin() {
    return kind == Kind.CATEGORICAL ? labels.size() - 2 : -1;
  }

  /**
   * Returns the bin of a number: the number of cut points at or below it (counted directly for up to 16
   * cut points, by binary search above), NaN to {@code <missing>}.
   *
   * @param value the value
   * @return the bin index
   * @throws IllegalStateException if this binning is categorical
   */
  public int binOf(double value) {
    if (kind != Kind.NUMERIC) {
      throw new IllegalStateException("a categorical binning cannot bin the number " + value);
    }
    if (Double.isNaN(value)) {
      return edges.length + 1;
    }
    double[] e = edges;
    if (e.length <= 16) {
      // counting the cut points at or below the value needs no unpredictable branch
      int bin = 0;
      for (double cut : e) {
        bin += value >= cut ? 1 : 0;
      }
      return bin;
    }
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (value >= edges[mid]) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Returns the bin of a category: its own bin, {@code <other>}, {@code <unseen>} or, for {@code null},
   * {@code <missing>}. Categories folded into {@code <other>} are not remembered, so with
   * {@link #hasOther()} an unknown category counts as other rather than unseen.
   *
   * @param value the category or {@code null}
   * @return the bin index
   * @throws IllegalStateException if this binning is numeric
   */
  public int binOf(@Nullable String value) {
    if (kind != Kind.CATEGORICAL) {
      throw new IllegalStateException("a numeric binning cannot bin the category '" + value + "'");
    }
    if (value == null) {
      return missingBin();
    }
    Integer i = categoryIndex.get(value);
    if (i != null) {
      return i;
    }
    return other ? categories.size() : unseenBin();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Binning b && kind == b.kind && scale == b.scale && Arrays.equals(edges, b.edges)
        && categories.equals(b.categories) && other == b.other;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, scale, Arrays.hashCode(edges), categories, other);
  }

  @Override
  public String toString() {
    return "Binning" + labels;
  }
}
