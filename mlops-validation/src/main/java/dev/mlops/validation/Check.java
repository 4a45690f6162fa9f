package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.rules.RuleCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A named group of {@link Rule}s with a default {@link Severity}, built fluently with Deequ's method names.
 *
 * <p>Start with {@link #error(String)} or {@link #warning(String)}; every rule method returns a new check with
 * the rule appended. The option methods {@link #mostly(double)}, {@link #where(RowFilter)},
 * {@link #severity(Severity)}, {@link #nullsFail()}, {@link #nanAsNull()} and {@link #emptyAsNull()} change the
 * rule added just before them:
 * <pre>{@code
 * Check c = Check.error("orders")
 *     .isComplete("id")
 *     .isBetween("amount", 0, 10_000).mostly(0.99).where(RowFilter.eq("currency", "EUR"));
 * }</pre>
 *
 * <p>Row-level rules (completeness, value sets, ranges, patterns, lengths, cross-column comparisons, parseability,
 * lambdas) judge each row and pass when the passing fraction is at least {@code mostly}; their observed value is
 * that fraction. Key rules ({@code isUnique}, {@code isPrimaryKey}, {@code hasNoDuplicateRows}) also honour
 * {@code mostly}; every copy of a duplicated key is unexpected, and row-level output
 * ({@link ValidationSuite#validateRows(Table, RowSink)}, {@link ValidationSuite#split(Table)}) reports each copy.
 * Aggregate rules judge one metric against {@code [min, max]} (inclusive; an infinite bound, or
 * {@code Long.MAX_VALUE} for whole-number bounds, means unbounded) and reject {@code mostly}; they have no per-row
 * meaning, so row-level output lists them as table-level instead of applying them. Immutable and thread-safe.
 */
public final class Check {
  private final String name;
  private final Severity severity;
  private final List<Rule> rules;

  private Check(String name, Severity severity, List<Rule> rules) {
    this.name = name;
    this.severity = severity;
    this.rules = List.copyOf(rules);
  }

  /**
   * Starts a check whose failures fail the suite.
   *
   * @param name the check name
   * @return an empty check
   * @throws InvalidInputException if the name is empty
   */
  public static Check error(String name) {
    return of(name, Severity.ERROR, List.of());
  }

  /**
   * Starts a check whose failures only warn.
   *
   * @param name the check name
   * @return an empty check
   * @throws InvalidInputException if the name is empty
   */
  public static Check warning(String name) {
    return of(name, Severity.WARNING, List.of());
  }

  /**
   * Creates a check from its parts (as read from JSON).
   *
   * @param name the name
   * @param severity the default severity
   * @param rules the rules
   * @return the check
   * @throws InvalidInputException if the name is empty
   */
  public static Check of(String name, Severity severity, List<Rule> rules) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new InvalidInputException("check name must not be blank");
    }
    return new Check(name, Objects.requireNonNull(severity, "severity"), rules);
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the default severity of the rules.
   *
   * @return the severity
   */
  public Severity severity() {
    return severity;
  }

  /**
   * Returns the rules in order.
   *
   * @return an immutable list
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Appends a rule (a custom one from a {@link dev.mlops.validation.spi.RuleProvider}, say).
   *
   * @param rule the rule
   * @return a new check
   */
  public Check add(Rule rule) {
    List<Rule> next = new ArrayList<>(rules);
    next.add(Objects.requireNonNull(rule, "rule"));
    return new Check(name, severity, next);
  }

  private Check replaceLast(java.util.function.UnaryOperator<Rule> change, String option) {
    if (rules.isEmpty()) {
      throw new InvalidInputException(option + " changes the rule added before it, but check '" + name
          + "' has no rule yet");
    }
    List<Rule> next = new ArrayList<>(rules);
    next.set(next.size() - 1, change.apply(next.get(next.size() - 1)));
    return new Check(name, severity, next);
  }

  /**
   * Sets the passing fraction of the previous rule.
   *
   * @param fraction a number in {@code [0, 1]}
   * @return a new check
   * @throws InvalidInputException if there is no previous rule or the fraction is outside {@code [0, 1]}
   */
  public Check mostly(double fraction) {
    return replaceLast(r -> r.withMostly(fraction), "mostly");
  }

  /**
   * Restricts the previous rule to the rows a filter accepts.
   *
   * @param filter the filter
   * @return a new check
   * @throws InvalidInputException if there is no previous rule
   */
  public Check where(RowFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return replaceLast(r -> r.withWhere(filter), "where");
  }

  /**
   * Gives the previous rule its own severity.
   *
   * @param value the severity
   * @return a new check
   * @throws InvalidInputException if there is no previous rule
   */
  public Check severity(Severity value) {
    Objects.requireNonNull(value, "value");
    return replaceLast(r -> r.withSeverity(value), "severity");
  }

  /**
   * Makes the previous (value) rule count nulls as failures instead of skipping them.
   *
   * @return a new check
   * @throws InvalidInputException if there is no previous rule
   */
  public Check nullsFail() {
    return replaceLast(r -> r.withNullPolicy(true, r.nanAsNull(), r.emptyAsNull()), "nullsFail");
  }

  /**
   * Makes the previous rule treat {@code NaN} as null.
   *
   * @return a new check
   * @throws InvalidInputException if there is no previous rule
   */
  public Check nanAsNull() {
    return replaceLast(r -> r.withNullPolicy(r.nullsFail(), true, r.emptyAsNull()), "nanAsNull");
  }

  /**
   * Makes the previous rule treat the empty string as null.
   *
   * @return a new check
   * @throws InvalidInputException if there is no previous rule
   */
  public Check emptyAsNull() {
    return replaceLast(r -> r.withNullPolicy(r.nullsFail(), r.nanAsNull(), true), "emptyAsNull");
  }

  /**
   * Adds a row-level rule from a Java predicate over a row. Such a rule runs like any other but is <em>not
   * serializable</em>: {@link ValidationSuite#toJson()} refuses a suite holding it.
   *
   * @param name a name for the predicate, shown in results
   * @param predicate returns {@code true} for a passing row; must be thread-safe (chunks run in parallel) and free
   *     of side effects (a failing row is judged again to name its reason)
   * @return a new check
   */
  public Check satisfies(String name, Predicate<RowView> predicate) {
    return add(Rule.lambda(RuleCatalogue.SATISFIES.name(), Objects.requireNonNull(name, "name"), predicate));
  }

  /**
   * Requires the row count to be in {@code [min, max]} (a table-level rule: zero rows is data, never NO_DATA).
   * {@code Long.MAX_VALUE} as {@code max} means no upper bound: the rule then reads {@code hasSize(1, unbounded)}
   * and its JSON holds {@code "max": "Infinity"}.
   *
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasSize(long min, long max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_SIZE.rule(List.of(), longBound(min), longBound(max)));
  }

  /**
   * Requires every listed column to exist (table-level).
   *
   * @param columns the columns
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasColumns(String... columns) {
    columnsOf(columns);
    return add(RuleCatalogue.HAS_COLUMNS.rule(List.of(), List.of(columns)));
  }

  /**
   * Requires the table's columns to match a list: in order, as a set, or at least these (table-level).
   *
   * @param columns the columns
   * @param mode the mode
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasColumnSet(List<String> columns, ColumnSetMode mode) {
    return add(RuleCatalogue.HAS_COLUMN_SET.rule(List.of(), List.copyOf(columns), mode.name()));
  }

  /**
   * Requires a column to have a declared type (table-level).
   *
   * @param column the column
   * @param type the type
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasColumnType(String column, ColumnType type) {
    return add(RuleCatalogue.HAS_COLUMN_TYPE.rule(List.of(column), type.name()));
  }

  /**
   * Requires every non-null string of a column to parse as a format (row-level; non-string columns fail unless the type already is the format).
   *
   * @param column the column
   * @param format the format
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isParseableAs(String column, TextFormat format) {
    return add(RuleCatalogue.IS_PARSEABLE_AS.rule(List.of(column), format.name()));
  }

  /**
   * Requires a column to have no null (row-level; nulls are judged).
   *
   * @param column the column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isComplete(String column) {
    return add(RuleCatalogue.IS_COMPLETE.rule(List.of(column)));
  }

  /**
   * Requires the fraction of non-null rows to be at least {@code min} (row-level; the threshold is the rule's {@code mostly}).
   *
   * @param column the column
   * @param min the lower bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasCompleteness(String column, double min) {
    return add(RuleCatalogue.HAS_COMPLETENESS.rule(List.of(column)).withMostly(min));
  }

  /**
   * Requires every listed column to be non-null in each row (row-level).
   *
   * @param columns the columns
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check areComplete(String... columns) {
    return add(RuleCatalogue.ARE_COMPLETE.rule(columnsOf(columns)));
  }

  /**
   * Requires at least one listed column to be non-null in each row (row-level).
   *
   * @param columns the columns
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check areAnyComplete(String... columns) {
    return add(RuleCatalogue.ARE_ANY_COMPLETE.rule(columnsOf(columns)));
  }

  /**
   * Requires no value to repeat: every copy of a duplicated value is unexpected (nulls ignored).
   *
   * @param column the column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isUnique(String column) {
    return add(RuleCatalogue.IS_UNIQUE.rule(List.of(column)));
  }

  /**
   * Requires the combination of columns to be unique per row, rows with a null key part ignored (compound key).
   *
   * @param columns the columns
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isPrimaryKey(String... columns) {
    return add(RuleCatalogue.IS_PRIMARY_KEY.rule(columnsOf(columns)));
  }

  /**
   * Requires no two rows to be identical across all columns (nulls equal to nulls); every copy is unexpected.
   *
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasNoDuplicateRows() {
    return add(RuleCatalogue.HAS_NO_DUPLICATE_ROWS.rule(List.of()));
  }

  /**
   * Requires distinct values / non-null rows to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasDistinctness(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_DISTINCTNESS.rule(List.of(column), min, max));
  }

  /**
   * Requires values occurring once / distinct values to lie in {@code [min, max]} (Deequ's unique value ratio).
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasUniqueValueRatio(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_UNIQUE_VALUE_RATIO.rule(List.of(column), min, max));
  }

  /**
   * Requires the exact number of distinct non-null values to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasNumberOfDistinctValues(String column, long min, long max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_NUMBER_OF_DISTINCT_VALUES.rule(List.of(column), longBound(min), longBound(max)));
  }

  /**
   * Requires the approximate (HyperLogLog, about 1.6% standard error) distinct count to lie in {@code [min, max]}; INCONCLUSIVE when its 95% bounds straddle a threshold.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasApproxCountDistinct(String column, long min, long max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_APPROX_COUNT_DISTINCT.rule(List.of(column), longBound(min), longBound(max)));
  }

  /**
   * Requires every value's text to be in a set (row-level).
   *
   * @param column the column
   * @param allowed the allowed texts
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isContainedIn(String column, Set<String> allowed) {
    return add(RuleCatalogue.IS_CONTAINED_IN.rule(List.of(column), sorted(allowed)));
  }

  /**
   * Requires no value's text to be in a set (row-level).
   *
   * @param column the column
   * @param forbidden the forbidden texts
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isNotContainedIn(String column, Set<String> forbidden) {
    return add(RuleCatalogue.IS_NOT_CONTAINED_IN.rule(List.of(column), sorted(forbidden)));
  }

  /**
   * Requires the distinct values to include every value of a set.
   *
   * @param column the column
   * @param required the required texts
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check containsAllOf(String column, Set<String> required) {
    return add(RuleCatalogue.CONTAINS_ALL_OF.rule(List.of(column), sorted(required)));
  }

  /**
   * Requires the distinct values to equal a set.
   *
   * @param column the column
   * @param expected the expected texts
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasDistinctValuesEqualTo(String column, Set<String> expected) {
    return add(RuleCatalogue.HAS_DISTINCT_VALUES_EQUAL_TO.rule(List.of(column), sorted(expected)));
  }

  /**
   * Requires the {@code k} most frequent values (ties by value order) to be in a set.
   *
   * @param column the column
   * @param k how many top values
   * @param allowed the allowed texts
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasTopValuesIn(String column, int k, Set<String> allowed) {
    return add(RuleCatalogue.HAS_TOP_VALUES_IN.rule(List.of(column), (long) k, sorted(allowed)));
  }

  /**
   * Requires numeric values in {@code [min, max]} inclusive (row-level; NaN fails).
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isBetween(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.IS_BETWEEN.rule(List.of(column), min, max, true, true));
  }

  /**
   * Requires numeric values between bounds, each inclusive or exclusive (row-level; NaN fails).
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @param minInclusive whether min itself passes
   * @param maxInclusive whether max itself passes
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isBetween(String column, double min, double max, boolean minInclusive, boolean maxInclusive) {
    checkBounds(min, max);
    return add(RuleCatalogue.IS_BETWEEN.rule(List.of(column), min, max, minInclusive, maxInclusive));
  }

  /**
   * Requires numeric values {@code >= 0} (row-level; NaN fails).
   *
   * @param column the column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isNonNegative(String column) {
    return add(RuleCatalogue.IS_NON_NEGATIVE.rule(List.of(column)));
  }

  /**
   * Requires numeric values {@code > 0} (row-level; NaN fails).
   *
   * @param column the column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isPositive(String column) {
    return add(RuleCatalogue.IS_POSITIVE.rule(List.of(column)));
  }

  /**
   * Requires string values to contain a match of a regular expression ({@link MatchMode#FIND}, as Deequ).
   *
   * @param column the column
   * @param regex a java.util.regex pattern
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasPattern(String column, String regex) {
    return add(RuleCatalogue.HAS_PATTERN.rule(List.of(column), checkRegex(regex), MatchMode.FIND.name()));
  }

  /**
   * Requires string values to match a regular expression, found or in full.
   *
   * @param column the column
   * @param regex a java.util.regex pattern
   * @param mode the mode
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasPattern(String column, String regex, MatchMode mode) {
    return add(RuleCatalogue.HAS_PATTERN.rule(List.of(column), checkRegex(regex), mode.name()));
  }

  /**
   * Requires string values to be e-mail addresses (full match of a simple {@code local@domain.tld} pattern).
   *
   * @param column the column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isEmail(String column) {
    return add(RuleCatalogue.IS_EMAIL.rule(List.of(column)));
  }

  /**
   * Requires string values to be http, https or ftp URLs (full match).
   *
   * @param column the column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isUrl(String column) {
    return add(RuleCatalogue.IS_URL.rule(List.of(column)));
  }

  /**
   * Requires string values to be UUIDs in 8-4-4-4-12 hex form (full match).
   *
   * @param column the column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isUuid(String column) {
    return add(RuleCatalogue.IS_UUID.rule(List.of(column)));
  }

  /**
   * Requires string values to be ISO-8601 dates {@code yyyy-MM-dd} that exist.
   *
   * @param column the column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isIsoDate(String column) {
    return add(RuleCatalogue.IS_ISO_DATE.rule(List.of(column)));
  }

  /**
   * Requires string lengths (in code points) in {@code [min, max]} (row-level).
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasLength(String column, int min, int max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_LENGTH.rule(List.of(column), longBound(min),
        longBound(max == Integer.MAX_VALUE ? Long.MAX_VALUE : max)));
  }

  /**
   * Requires {@code left < right} in each row where both are non-null (numbers, dates or timestamps).
   *
   * @param left the left column
   * @param right the right column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isLessThan(String left, String right) {
    return add(RuleCatalogue.IS_LESS_THAN.rule(List.of(left, right)));
  }

  /**
   * Requires {@code left <= right} in each row where both are non-null.
   *
   * @param left the left column
   * @param right the right column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isLessThanOrEqualTo(String left, String right) {
    return add(RuleCatalogue.IS_LESS_THAN_OR_EQUAL_TO.rule(List.of(left, right)));
  }

  /**
   * Requires {@code left > right} in each row where both are non-null.
   *
   * @param left the left column
   * @param right the right column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isGreaterThan(String left, String right) {
    return add(RuleCatalogue.IS_GREATER_THAN.rule(List.of(left, right)));
  }

  /**
   * Requires {@code left >= right} in each row where both are non-null.
   *
   * @param left the left column
   * @param right the right column
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check isGreaterThanOrEqualTo(String left, String right) {
    return add(RuleCatalogue.IS_GREATER_THAN_OR_EQUAL_TO.rule(List.of(left, right)));
  }

  /**
   * Requires the minimum to lie in {@code [min, max]} (NaN in the column makes it NaN, which fails).
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasMin(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_MIN.rule(List.of(column), min, max));
  }

  /**
   * Requires the maximum to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasMax(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_MAX.rule(List.of(column), min, max));
  }

  /**
   * Requires the mean to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasMean(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_MEAN.rule(List.of(column), min, max));
  }

  /**
   * Requires the sum to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasSum(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_SUM.rule(List.of(column), min, max));
  }

  /**
   * Requires the <em>population</em> standard deviation (divisor n, as Deequ) to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasStandardDeviation(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_STANDARD_DEVIATION.rule(List.of(column), min, max));
  }

  /**
   * Requires the <em>sample</em> standard deviation (divisor n - 1) to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasSampleStandardDeviation(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_SAMPLE_STANDARD_DEVIATION.rule(List.of(column), min, max));
  }

  /**
   * Requires the <em>population</em> variance (divisor n) to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasVariance(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_VARIANCE.rule(List.of(column), min, max));
  }

  /**
   * Requires the <em>sample</em> variance (divisor n - 1) to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasSampleVariance(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_SAMPLE_VARIANCE.rule(List.of(column), min, max));
  }

  /**
   * Requires the exact quantile {@code q} (linear interpolation, numpy's default) to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param q the quantile in [0, 1]
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasQuantile(String column, double q, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_QUANTILE.rule(List.of(column), checkQuantile(q), min, max));
  }

  /**
   * Requires the exact median to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasMedian(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_MEDIAN.rule(List.of(column), min, max));
  }

  /**
   * Requires the exact interquartile range (q75 - q25) to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasIqr(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_IQR.rule(List.of(column), min, max));
  }

  /**
   * Requires the approximate quantile {@code q} (KLL sketch, k = 200) to lie in {@code [min, max]}; INCONCLUSIVE when the values at ranks {@code q - e} and {@code q + e} straddle a threshold (e = the sketch's normalized rank error). Up to 2^24 (16,777,216) non-null values the answer is exact, with error bound 0: the smallest value whose rank is at least {@code q n}, the value a sketch holding every item gives; past that, memory stays bounded by the sketch.
   *
   * @param column the column
   * @param q the quantile in [0, 1]
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasApproxQuantile(String column, double q, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_APPROX_QUANTILE.rule(List.of(column), checkQuantile(q), min, max));
  }

  /**
   * Requires the approximate median (KLL) to lie in {@code [min, max]}, INCONCLUSIVE as for approximate quantiles
   * (exact up to 2^24 values, as for them).
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasApproxMedian(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_APPROX_QUANTILE.rule(List.of(column), 0.5, min, max));
  }

  /**
   * Requires the Shannon entropy (natural log) of the value distribution to lie in {@code [min, max]}.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasEntropy(String column, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_ENTROPY.rule(List.of(column), min, max));
  }

  /**
   * Requires the mutual information (natural log) of two columns' values, over rows where both are non-null, to lie in {@code [min, max]}.
   *
   * @param left the left column
   * @param right the right column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasMutualInformation(String left, String right, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_MUTUAL_INFORMATION.rule(List.of(left, right), min, max));
  }

  /**
   * Requires the Pearson correlation of two numeric columns, over rows where both are non-null, to lie in {@code [min, max]}.
   *
   * @param left the left column
   * @param right the right column
   * @param min the lower bound
   * @param max the upper bound
   * @return a new check with the rule added
   * @throws InvalidInputException if an argument is invalid (empty names, NaN or reversed bounds, a bad pattern)
   */
  public Check hasCorrelation(String left, String right, double min, double max) {
    checkBounds(min, max);
    return add(RuleCatalogue.HAS_CORRELATION.rule(List.of(left, right), min, max));
  }
  /**
   * A whole-number bound as a rule parameter: the value as a {@code Long} (so it prints and serializes as an
   * integer), or an infinity for {@code Long.MIN_VALUE} / {@code Long.MAX_VALUE}, which mean "unbounded" and read so in
   * descriptions and JSON.
   */
  private static Object longBound(long value) {
    if (value == Long.MAX_VALUE) {
      return Double.POSITIVE_INFINITY;
    }
    return value == Long.MIN_VALUE ? (Object) Double.NEGATIVE_INFINITY : (Object) value;
  }

  private static List<String> columnsOf(String... columns) {
    if (columns.length == 0) {
      throw new InvalidInputException("at least one column is needed");
    }
    return List.of(columns);
  }

  private static List<String> sorted(Set<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }

  private static void checkBounds(double min, double max) {
    if (Double.isNaN(min) || Double.isNaN(max)) {
      throw new InvalidInputException("bounds must not be NaN: [" + min + ", " + max + "]");
    }
    if (min > max) {
      throw new InvalidInputException("lower bound " + min + " exceeds upper bound " + max);
    }
  }

  private static double checkQuantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new InvalidInputException("quantile must be in [0, 1], got " + q);
    }
    return q;
  }

  private static String checkRegex(String regex) {
    try {
      Pattern.compile(regex);
      return regex;
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException("invalid regular expression '" + regex + "': " + e.getDescription(), e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Check && ((Check) o).name.equals(name) && ((Check) o).severity == severity
        && ((Check) o).rules.equals(rules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, severity, rules);
  }

  @Override
  public String toString() {
    return "Check[" + name + ", " + severity + ", " + rules + "]";
  }
}
