package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.json.ProfileJson;
import dev.mlops.validation.internal.profile.ColumnStats;
import dev.mlops.validation.internal.profile.RuleSuggester;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A per-column profile of a table ({@link ColumnProfile}), mergeable across chunks and files and serializable to
 * JSON (the sketches travel along, so a profile read back still merges).
 *
 * <p>{@link #suggestSuite(String)} turns a profile into a suite that passes on the data it came from; see
 * {@link #suggestSuite(String)} for the thresholds. Immutable and thread-safe.
 */
public final class Profile {
  private final long rowCount;
  private final Map<String, ColumnProfile> columns;

  private Profile(long rowCount, List<ColumnStats> stats) {
    this.rowCount = rowCount;
    Map<String, ColumnProfile> m = new LinkedHashMap<>();
    for (ColumnStats s : stats) {
      m.put(s.name, new ColumnProfile(s));
    }
    this.columns = Collections.unmodifiableMap(m);
  }

  /**
   * Profiles a table, one column per task on the common fork-join pool.
   *
   * @param table the table
   * @return the profile
   */
  public static Profile of(Table table) {
    List<Column> cols = table.columns();
    ColumnStats[] stats = new ColumnStats[cols.size()];
    IntStream.range(0, cols.size()).parallel().forEach(i -> {
      ColumnStats s = new ColumnStats(cols.get(i).name(), cols.get(i).type());
      s.add(cols.get(i), 0, table.rowCount());
      stats[i] = s;
    });
    return new Profile(table.rowCount(), List.of(stats));
  }

  /**
   * Profiles consecutive chunks (of a file larger than memory) and merges them.
   *
   * @param chunks the chunks, at least one
   * @return the profile
   * @throws InvalidInputException if there is no chunk
   */
  public static Profile of(Iterator<Table> chunks) {
    Profile p = null;
    while (chunks.hasNext()) {
      Profile next = of(chunks.next());
      p = p == null ? next : p.merge(next);
    }
    if (p == null) {
      throw new InvalidInputException("no chunk to profile");
    }
    return p;
  }

  /**
   * Merges two profiles of the same columns (of two chunks or files), as if the rows had been profiled together.
   *
   * @param other the other profile
   * @return a new profile
   * @throws InvalidInputException if the column names or types differ
   */
  public Profile merge(Profile other) {
    if (!schema().equals(other.schema())) {
      throw new InvalidInputException("cannot merge profiles of different schemas: " + schema() + " and "
          + other.schema());
    }
    List<ColumnStats> merged = new ArrayList<>();
    for (ColumnProfile c : columns.values()) {
      ColumnStats s = new ColumnStats(c.name(), c.type());
      s.merge(c.stats());
      s.merge(other.columns.get(c.name()).stats());
      merged.add(s);
    }
    return new Profile(rowCount + other.rowCount, merged);
  }

  /**
   * Returns the column names and types.
   *
   * @return an ordered map
   */
  public Map<String, ColumnType> schema() {
    Map<String, ColumnType> m = new LinkedHashMap<>();
    columns.values().forEach(c -> m.put(c.name(), c.type()));
    return Collections.unmodifiableMap(m);
  }

  /**
   * Returns the number of rows profiled.
   *
   * @return the row count
   */
  public long rowCount() {
    return rowCount;
  }

  /**
   * Returns the column profiles in column order.
   *
   * @return an immutable list
   */
  public List<ColumnProfile> columns() {
    return List.copyOf(columns.values());
  }

  /**
   * Returns one column's profile.
   *
   * @param name the column name
   * @return the profile
   * @throws InvalidInputException if there is no such column
   */
  public ColumnProfile column(String name) {
    ColumnProfile c = columns.get(name);
    if (c == null) {
      throw new InvalidInputException("no column '" + name + "' in the profile; columns are " + columns.keySet());
    }
    return c;
  }

  /**
   * Writes the profile as JSON (schema {@code mlops.validation.profile/v1}): readable statistics plus the encoded
   * sketches that {@link #fromJson(String)} needs to merge again.
   *
   * @return the JSON text
   */
  public String toJson() {
    return ProfileJson.toJson(rowCount, columns.values().stream().map(ColumnProfile::stats).toList(), this);
  }

  /**
   * Reads a profile written by {@link #toJson()}.
   *
   * @param json the text
   * @return the profile
   * @throws InvalidInputException if the JSON is malformed or of another schema
   */
  public static Profile fromJson(String json) {
    ProfileJson.Parsed p = ProfileJson.fromJson(json);
    return new Profile(p.rowCount(), p.columns());
  }

  /**
   * Suggests a suite from this profile; by construction it passes on the profiled data. Thresholds:
   * <ul>
   *   <li>{@code hasSize(1, Long.MAX_VALUE)} when there are rows; {@code hasColumnType} for every column;
   *   <li>no null: {@code isComplete}; otherwise, with completeness {@code p} over {@code n} rows,
   *       {@code hasCompleteness(col, L)} where {@code L} is the lower end of the 95% Wilson score interval
   *       (z = 1.96) rounded down to 3 decimals, so a new sample with the same null rate passes about 97.5% of the
   *       time; not suggested when {@code L < 0.01};
   *   <li>strings with exact counts, at most 20 distinct values, and every value seen at least 5 times (or the
   *       column has at most 50 rows): {@code isContainedIn} the observed set;
   *   <li>exact counts with every value seen once and at least 2 values: {@code isUnique};
   *   <li>numeric columns whose minimum is at least 0: {@code isNonNegative}.
   * </ul>
   *
   * @param name the suite name
   * @return the suggested suite (one warning-severity check named {@code suggested})
   */
  public ValidationSuite suggestSuite(String name) {
    return RuleSuggester.suggest(name, this);
  }

  @Override
  public String toString() {
    return "Profile[" + rowCount + " rows, " + columns.values() + "]";
  }
}
