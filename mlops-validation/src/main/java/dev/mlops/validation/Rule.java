package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.engine.NumberText;
import dev.mlops.validation.internal.rules.RuleCatalogue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a {@link Check}: a type name (Deequ's method names, such as {@code isBetween}), the columns it
 * reads, its parameters, and options.
 *
 * <p>Options, with their defaults:
 * <ul>
 *   <li>{@code mostly} (1.0): for row-level rules, the fraction of judged rows that must pass;
 *   <li>{@code where} (none): a {@link RowFilter}; the rule judges only the rows it accepts;
 *   <li>{@code severity} (the check's): {@link Severity#ERROR} or {@link Severity#WARNING};
 *   <li>{@code nullsFail} (false): value rules count nulls as failures instead of skipping them;
 *   <li>{@code nanAsNull} (false): {@code NaN} is treated as a null instead of a value;
 *   <li>{@code emptyAsNull} (false): the empty string is treated as a null instead of a value.
 * </ul>
 * A rule built from a lambda ({@link Check#satisfies(String, Predicate)}) is not serializable:
 * {@link #isSerializable()} is false and {@link ValidationSuite#toJson()} refuses it. Immutable and thread-safe.
 */
public final class Rule {
  private final String type;
  private final List<String> columns;
  private final Map<String, Object> params;
  private final double mostly;
  private final @Nullable RowFilter where;
  private final @Nullable Severity severity;
  private final boolean nullsFail;
  private final boolean nanAsNull;
  private final boolean emptyAsNull;
  private final @Nullable Predicate<RowView> predicate;

  private Rule(String type, List<String> columns, Map<String, Object> params, double mostly,
      @Nullable RowFilter where, @Nullable Severity severity, boolean nullsFail, boolean nanAsNull,
      boolean emptyAsNull, @Nullable Predicate<RowView> predicate) {
    this.type = type;
    this.columns = List.copyOf(columns);
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    this.mostly = mostly;
    this.where = where;
    this.severity = severity;
    this.nullsFail = nullsFail;
    this.nanAsNull = nanAsNull;
    this.emptyAsNull = emptyAsNull;
    this.predicate = predicate;
  }

  /**
   * Creates a rule from its parts, as read from JSON or made for a custom {@link dev.mlops.validation.spi.RuleProvider}.
   *
   * @param type the rule type
   * @param columns the columns it reads
   * @param params its parameters: numbers (whole numbers kept as {@code Long}, others as {@code Double}, so a
   *     rule read back from JSON is equal), strings, booleans or lists of strings
   * @return the rule with default options
   * @throws InvalidInputException if a parameter has another type or a name is empty
   */
  public static Rule of(String type, List<String> columns, Map<String, ?> params) {
    Objects.requireNonNull(type, "type");
    for (String c : columns) {
      Column.checkName(c);
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : params.entrySet()) {
      Object v = e.getValue();
      if (v instanceof List) {
        List<String> texts = new ArrayList<>();
        for (Object o : (List<?>) v) {
          texts.add(String.valueOf(o));
        }
        v = List.copyOf(texts);
      } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        v = ((Number) v).longValue();
      } else if (v instanceof Number && !(v instanceof Long)) {
        v = ((Number) v).doubleValue();
      } else if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) {
        throw new InvalidInputException("parameter '" + e.getKey() + "' of rule " + type
            + " must be a number, string, boolean or list, not " + (v == null ? "null" : v.getClass().getName()));
      }
      copy.put(e.getKey(), v);
    }
    return new Rule(type, columns, copy, 1.0, null, null, false, false, false, null);
  }

  static Rule lambda(String name, Predicate<RowView> predicate) {
    return new Rule(RuleCatalogue.SATISFIES.name(), List.of(), Map.of("name", name), 1.0, null, null, false, false, false,
        Objects.requireNonNull(predicate, "predicate"));
  }

  /**
   * Returns the rule type.
   *
   * @return the type, e.g. {@code isComplete}
   */
  public String type() {
    return type;
  }

  /**
   * Returns the columns the rule reads.
   *
   * @return an immutable list
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the parameters.
   *
   * @return an immutable, ordered map
   */
  public Map<String, Object> params() {
    return params;
  }

  /**
   * Returns the passing fraction required of row-level rules.
   *
   * @return a number in {@code [0, 1]}
   */
  public double mostly() {
    return mostly;
  }

  /**
   * Returns the row filter.
   *
   * @return the filter or {@code null}
   */
  public @Nullable RowFilter where() {
    return where;
  }

  /**
   * Returns the rule's own severity.
   *
   * @return the severity, or {@code null} to use the check's
   */
  public @Nullable Severity severity() {
    return severity;
  }

  /**
   * Tells whether nulls count as failures.
   *
   * @return {@code true} if so
   */
  public boolean nullsFail() {
    return nullsFail;
  }

  /**
   * Tells whether {@code NaN} is treated as null.
   *
   * @return {@code true} if so
   */
  public boolean nanAsNull() {
    return nanAsNull;
  }

  /**
   * Tells whether empty strings are treated as null.
   *
   * @return {@code true} if so
   */
  public boolean emptyAsNull() {
    return emptyAsNull;
  }

  /**
   * Returns the lambda of a {@code satisfies} rule.
   *
   * @return the predicate, or {@code null} for declarative rules
   */
  public @Nullable Predicate<RowView> predicate() {
    return predicate;
  }

  /**
   * Tells whether the rule can be written to JSON (false for lambda rules).
   *
   * @return {@code true} if serializable
   */
  public boolean isSerializable() {
    return predicate == null;
  }

  /**
   * Returns a copy with another {@code mostly}.
   *
   * @param fraction a number in {@code [0, 1]}
   * @return the new rule
   * @throws InvalidInputException if the fraction is outside {@code [0, 1]} or NaN
   */
  public Rule withMostly(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new InvalidInputException("mostly must be in [0, 1], got " + fraction + " for rule " + type);
    }
    return new Rule(type, columns, params, fraction, where, severity, nullsFail, nanAsNull, emptyAsNull, predicate);
  }

  /**
   * Returns a copy that judges only rows accepted by a filter.
   *
   * @param filter the filter, or {@code null} for all rows
   * @return the new rule
   */
  public Rule withWhere(@Nullable RowFilter filter) {
    return new Rule(type, columns, params, mostly, filter, severity, nullsFail, nanAsNull, emptyAsNull, predicate);
  }

  /**
   * Returns a copy with its own severity.
   *
   * @param value the severity, or {@code null} for the check's
   * @return the new rule
   */
  public Rule withSeverity(@Nullable Severity value) {
    return new Rule(type, columns, params, mostly, where, value, nullsFail, nanAsNull, emptyAsNull, predicate);
  }

  /**
   * Returns a copy with another null policy.
   *
   * @param nullsFailValue whether nulls count as failures
   * @param nanAsNullValue whether NaN is a null
   * @param emptyAsNullValue whether the empty string is a null
   * @return the new rule
   */
  public Rule withNullPolicy(boolean nullsFailValue, boolean nanAsNullValue, boolean emptyAsNullValue) {
    return new Rule(type, columns, params, mostly, where, severity, nullsFailValue, nanAsNullValue,
        emptyAsNullValue, predicate);
  }

  /**
   * Returns a readable description, e.g. {@code isBetween(amount, 0, 100.5) where x > 1 mostly 0.95}: whole numbers
   * print without a fraction or exponent and an infinite {@code min} or {@code max} bound prints as
   * {@code unbounded} (so {@code hasSize(1, Long.MAX_VALUE)} reads {@code hasSize(1, unbounded)}).
   *
   * @return the description
   */
  public String description() {
    StringBuilder sb = new StringBuilder(type).append('(');
    List<String> parts = new ArrayList<>(columns);
    for (Map.Entry<String, Object> e : params.entrySet()) {
      Object v = e.getValue();
      boolean bound = e.getKey().equals("min") || e.getKey().equals("max");
      if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        parts.add(bound ? NumberText.bound(d) : NumberText.number(d));
      } else {
        parts.add(String.valueOf(v));
      }
    }
    sb.append(String.join(", ", parts)).append(')');
    if (where != null) {
      sb.append(" where ").append(where);
    }
    if (mostly < 1.0) {
      sb.append(" mostly ").append(mostly);
    }
    if (nullsFail) {
      sb.append(" nulls fail");
    }
    if (nanAsNull) {
      sb.append(" NaN as null");
    }
    if (emptyAsNull) {
      sb.append(" empty as null");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return description();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Rule)) {
      return false;
    }
    Rule r = (Rule) o;
    return type.equals(r.type) && columns.equals(r.columns) && params.equals(r.params) && mostly == r.mostly
        && Objects.equals(where, r.where) && severity == r.severity && nullsFail == r.nullsFail
        && nanAsNull == r.nanAsNull && emptyAsNull == r.emptyAsNull && Objects.equals(predicate, r.predicate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, columns, params, mostly, where, severity);
  }
}
