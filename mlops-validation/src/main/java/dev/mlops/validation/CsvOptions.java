package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.work.WorkerPool;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@link dev.mlops.validation.io.TableReader#readCsv(java.nio.file.Path, CsvOptions)} reads a CSV file (RFC 4180).
 *
 * <p>Defaults: comma delimiter, double-quote quoting ({@code ""} inside quotes is one quote), a header row,
 * UTF-8 with an optional byte-order mark, null tokens {@code "", "NA", "N/A", "null", "NULL"} and every type
 * inferred. A null token only applies to an <em>unquoted</em> field, so {@code ""} (quoted) is an empty
 * string value while an empty unquoted field is null. Inference picks, per column, the first of
 * {@code LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP} that every non-null field parses as (every field of the file
 * for {@link dev.mlops.validation.io.TableReader#readCsv(java.nio.file.Path, CsvOptions)}, of the first chunk
 * for {@link dev.mlops.validation.io.TableReader#readCsvChunks}), else {@code STRING}; {@code NaN}, {@code Inf},
 * {@code Infinity} (any case, the infinities signed or not) parse as doubles, and doubles are correctly rounded exactly as
 * {@link Double#parseDouble(String)} rounds them. No number loses digits silently: an integer beyond the 64-bit
 * range is not inferred as a double (its column is {@code STRING}), and a finite literal beyond the range of a
 * double ({@code 1e400}) is not a double at all (an inferred column is {@code STRING}, a declared {@code DOUBLE}
 * fails with the line). A {@code DATE} is {@code yyyy-MM-dd}; a {@code TIMESTAMP} is such a date, {@code T} or a space,
 * {@code HH:mm[:ss[.fraction]]} (up to nine fraction digits, kept to the microsecond) and an optional offset
 * ({@code Z}, {@code +hh:mm}, {@code +hhmm} or {@code +hh}); without an offset it is read as UTC. Impossible days
 * ({@code 2023-02-29}, {@code 2024-02-30}) are refused exactly as {@code java.time} refuses them. Delimiter and
 * quote are ASCII characters. Immutable and thread-safe.
 */
public final class CsvOptions {
  private static final CsvOptions DEFAULTS = builder().build();

  private final char delimiter;
  private final char quote;
  private final boolean header;
  private final Charset charset;
  private final Set<String> nullTokens;
  private final Map<String, ColumnType> columnTypes;
  private final @Nullable WorkerPool workers;

  private CsvOptions(Builder b) {
    this.delimiter = b.delimiter;
    this.quote = b.quote;
    this.header = b.header;
    this.charset = b.charset;
    this.nullTokens = Set.copyOf(b.nullTokens);
    this.columnTypes = Map.copyOf(b.columnTypes);
    this.workers = b.workers;
  }

  /**
   * Returns the default options.
   *
   * @return the defaults
   */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the field delimiter.
   *
   * @return the delimiter
   */
  public char delimiter() {
    return delimiter;
  }

  /**
   * Returns the quote character.
   *
   * @return the quote
   */
  public char quote() {
    return quote;
  }

  /**
   * Tells whether the first record is a header.
   *
   * @return {@code true} if it is
   */
  public boolean header() {
    return header;
  }

  /**
   * Returns the character set.
   *
   * @return the charset
   */
  public Charset charset() {
    return charset;
  }

  /**
   * Returns the unquoted texts read as null.
   *
   * @return an immutable set
   */
  public Set<String> nullTokens() {
    return nullTokens;
  }

  /**
   * Returns the declared column types; other columns are inferred.
   *
   * @return an immutable map from column name to type
   */
  public Map<String, ColumnType> columnTypes() {
    return columnTypes;
  }

  /**
   * Returns the pool whose threads help the calling thread parse a file's blocks.
   *
   * @return the pool given to the builder, else core's {@link WorkerPool#shared()}
   */
  public WorkerPool workers() {
    WorkerPool w = workers;
    return w != null ? w : WorkerPool.shared();
  }

  /**
   * Starts a builder holding these options, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.delimiter = delimiter;
    b.quote = quote;
    b.header = header;
    b.charset = charset;
    b.nullTokens = new LinkedHashSet<>(nullTokens);
    b.columnTypes.putAll(columnTypes);
    b.workers = workers;
    return b;
  }

  /** Builds {@link CsvOptions}; not thread-safe. */
  public static final class Builder {
    private char delimiter = ',';
    private char quote = '"';
    private boolean header = true;
    private Charset charset = StandardCharsets.UTF_8;
    private Set<String> nullTokens = new LinkedHashSet<>(Set.of("", "NA", "N/A", "null", "NULL"));
    private final Map<String, ColumnType> columnTypes = new LinkedHashMap<>();
    private @Nullable WorkerPool workers;

    private Builder() {}

    /**
     * Sets the pool whose threads help parse a file's blocks (default: core's shared {@link WorkerPool#shared()};
     * pass {@code store.workers()} to read on a store's threads). The calling thread reads the file and parses
     * any block no pool thread has started, so a read never waits for a busy pool, even from one of its tasks.
     *
     * @param pool the pool
     * @return this builder
     */
    public Builder workers(WorkerPool pool) {
      this.workers = Objects.requireNonNull(pool, "pool");
      return this;
    }

    /**
     * Sets the field delimiter.
     *
     * @param delimiter the delimiter: an ASCII character, not a quote, CR or LF
     * @return this builder
     * @throws InvalidInputException if the delimiter is a quote, CR, LF or not ASCII
     */
    public Builder delimiter(char delimiter) {
      if (delimiter == '\r' || delimiter == '\n' || delimiter == quote || delimiter > 0x7F) {
        throw new InvalidInputException("CSV delimiter must be ASCII and not CR, LF or the quote: '" + delimiter
            + "'");
      }
      this.delimiter = delimiter;
      return this;
    }

    /**
     * Sets the quote character.
     *
     * @param quote the quote: an ASCII character, not the delimiter, CR or LF
     * @return this builder
     * @throws InvalidInputException if the quote is the delimiter, CR, LF or not ASCII
     */
    public Builder quote(char quote) {
      if (quote == '\r' || quote == '\n' || quote == delimiter || quote > 0x7F) {
        throw new InvalidInputException("CSV quote must be ASCII and not CR, LF or the delimiter: '" + quote + "'");
      }
      this.quote = quote;
      return this;
    }

    /**
     * Says whether the first record is a header; without one, columns are named {@code c1, c2, ...}.
     *
     * @param header {@code true} if the file has a header
     * @return this builder
     */
    public Builder header(boolean header) {
      this.header = header;
      return this;
    }

    /**
     * Sets the character set.
     *
     * @param charset the charset
     * @return this builder
     */
    public Builder charset(Charset charset) {
      this.charset = Objects.requireNonNull(charset, "charset");
      return this;
    }

    /**
     * Replaces the null tokens (texts of unquoted fields read as null).
     *
     * @param tokens the tokens; an empty set means only nothing is null
     * @return this builder
     */
    public Builder nullTokens(Set<String> tokens) {
      this.nullTokens = new LinkedHashSet<>(Objects.requireNonNull(tokens, "tokens"));
      return this;
    }

    /**
     * Declares the type of a column instead of inferring it; a field that does not parse fails the read with
     * its line and column.
     *
     * @param column the column name as in the header
     * @param type the type
     * @return this builder
     */
    public Builder columnType(String column, ColumnType type) {
      columnTypes.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
      return this;
    }

    /**
     * Builds the options.
     *
     * @return immutable options
     */
    public CsvOptions build() {
      return new CsvOptions(this);
    }
  }
}
