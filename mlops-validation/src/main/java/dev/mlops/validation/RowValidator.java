package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.engine.BoundRowRules;
import dev.mlops.validation.internal.engine.RowKernel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Validates single records against the row-level rules of a suite: the model-server case.
 *
 * <p>Create one validator per suite and schema (it is immutable and thread-safe), then give each request thread
 * its own reusable {@link Row} from {@link #newRow()}: set the fields, call {@link Row#isValid()} (allocates
 * nothing) or {@link Row#validate()} (allocates only for violations).
 *
 * <p>What one record cannot be judged on: aggregate and schema rules (a mean, a size, a column set) have no
 * per-record meaning and are left out; key rules ({@code isUnique}, {@code isPrimaryKey},
 * {@code hasNoDuplicateRows}) need other rows, so {@link ValidationSuite#rowValidator(Map)} refuses a suite holding
 * one unless built with {@link KeyRules#SKIP}. Rules whose columns the record schema lacks are left out too.
 * {@link #skippedRules()} lists every rule left out, with the reason.
 */
public final class RowValidator {
  private final Map<String, ColumnType> schema;
  private final List<RowKernel> kernels;
  private final List<Severity> severities;
  private final List<SkippedRule> skipped;
  private final LongAdder checked = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  /** Violations counted by {@link Row#validate()}, by rule description; the keys are fixed at construction. */
  private final Map<String, LongAdder> violationsByRule;

  RowValidator(Map<String, ColumnType> schema, List<RowKernel> kernels, List<Severity> severities,
      List<SkippedRule> skipped) {
    this.schema = Map.copyOf(schema);
    this.kernels = List.copyOf(kernels);
    this.severities = List.copyOf(severities);
    this.skipped = List.copyOf(skipped);
    Map<String, LongAdder> byRule = new LinkedHashMap<>();
    for (RowKernel k : this.kernels) {
      byRule.putIfAbsent(k.rule().description(), new LongAdder());
    }
    this.violationsByRule = Collections.unmodifiableMap(byRule);
  }

  /**
   * Returns how many records this validator has judged so far, across all its rows and threads: the counts a
   * server exports as metrics (mlops-micrometer's {@code RowValidatorMetrics} reads them).
   *
   * <p>Every {@link Row#isValid()} and {@link Row#validate()} call counts one checked record, and one rejected
   * record when a rule failed. Violations per rule are counted by {@link Row#validate()} only, since
   * {@link Row#isValid()} stops at the first failing rule. Counting costs a few nanoseconds per call and never
   * allocates; the counters are never reset.
   *
   * @return a snapshot of the counts
   */
  public RowValidationStats stats() {
    Map<String, Long> byRule = new LinkedHashMap<>();
    violationsByRule.forEach((rule, count) -> byRule.put(rule, count.sum()));
    return new RowValidationStats(checked.sum(), rejected.sum(), byRule);
  }

  /** What {@link ValidationSuite#rowValidator(Map, KeyRules)} does with key rules, which one record cannot break. */
  public enum KeyRules {
    /** Refuse to build the validator while the suite holds a key rule (the default). */
    REJECT,
    /** Leave key rules out; they are listed in {@link #skippedRules()}. */
    SKIP
  }

  /**
   * Returns the suite's rules this validator does not apply, with the reason (aggregates, skipped key rules, rules
   * on columns the record schema lacks).
   *
   * @return an immutable list, in suite order
   */
  public List<SkippedRule> skippedRules() {
    return skipped;
  }

  /**
   * Returns the number of row-level rules applied.
   *
   * @return the rule count
   */
  public int ruleCount() {
    return kernels.size();
  }

  /**
   * Creates a reusable row with the validator's columns, all fields null. Not thread-safe: one per thread.
   *
   * @return a new row
   */
  public Row newRow() {
    return new Row(new ArrayList<>(new java.util.TreeSet<>(schema.keySet())));
  }

  /** A mutable single record bound to the validator's rules; confined to one thread. */
  public final class Row {
    private final Column[] columns;
    private final Map<String, Integer> index;
    private final BoundRowRules rules;

    private Row(List<String> order) {
      columns = new Column[order.size()];
      Map<String, Integer> idx = new java.util.HashMap<>();
      for (int i = 0; i < columns.length; i++) {
        columns[i] = Column.mutableSingleRow(order.get(i), schema.get(order.get(i)));
        idx.put(order.get(i), i);
      }
      index = Map.copyOf(idx);
      rules = new BoundRowRules(kernels, severities, Table.of(columns));
    }

    /**
     * Returns the position of a field for the index-based setters.
     *
     * @param column the column name
     * @return the index
     * @throws InvalidInputException if the schema has no such column
     */
    public int indexOf(String column) {
      Integer i = index.get(column);
      if (i == null) {
        throw new InvalidInputException("no column '" + column + "' in the validator's schema " + index.keySet());
      }
      return i;
    }

    /**
     * Sets every field to null.
     *
     * @return this row
     */
    public Row clear() {
      for (Column c : columns) {
        c.setNullFlag(true);
      }
      return this;
    }

    /**
     * Sets a field to null.
     *
     * @param column the column
     * @return this row
     */
    public Row setNull(String column) {
      columns[indexOf(column)].setNullFlag(true);
      return this;
    }

    /**
     * Sets a numeric field ({@code DOUBLE}, or {@code LONG} when the value is integral).
     *
     * @param column the column index from {@link #indexOf(String)}
     * @param value the value
     * @return this row
     * @throws InvalidInputException if the column is not numeric or a LONG gets a fraction
     */
    public Row setDouble(int column, double value) {
      Column c = columns[column];
      if (c.type() == ColumnType.DOUBLE) {
        c.setDoubleValue(value);
      } else if (c.type() == ColumnType.LONG && value == Math.rint(value) && !Double.isInfinite(value)) {
        c.setLongValue((long) value);
      } else {
        throw new InvalidInputException("column '" + c.name() + "' is " + c.type() + " and cannot hold " + value);
      }
      return this;
    }

    /**
     * Sets a numeric field by name.
     *
     * @param column the column
     * @param value the value
     * @return this row
     */
    public Row setDouble(String column, double value) {
      return setDouble(indexOf(column), value);
    }

    /**
     * Sets a long-backed field ({@code LONG}, {@code DATE} epoch day, {@code TIMESTAMP} epoch micros) or a
     * {@code DOUBLE}.
     *
     * @param column the column index
     * @param value the value
     * @return this row
     * @throws InvalidInputException if the column holds strings or booleans
     */
    public Row setLong(int column, long value) {
      Column c = columns[column];
      if (c.type() == ColumnType.DOUBLE) {
        c.setDoubleValue(value);
      } else if (c.type() == ColumnType.STRING || c.type() == ColumnType.BOOLEAN) {
        throw new InvalidInputException("column '" + c.name() + "' is " + c.type() + " and cannot hold " + value);
      } else {
        c.setLongValue(value);
      }
      return this;
    }

    /**
     * Sets a long-backed field by name.
     *
     * @param column the column
     * @param value the value
     * @return this row
     */
    public Row setLong(String column, long value) {
      return setLong(indexOf(column), value);
    }

    /**
     * Sets a string field; {@code null} sets it to null.
     *
     * @param column the column index
     * @param value the value
     * @return this row
     * @throws InvalidInputException if the column is not a string column
     */
    public Row setString(int column, @Nullable String value) {
      Column c = columns[column];
      if (c.type() != ColumnType.STRING) {
        throw new InvalidInputException("column '" + c.name() + "' is " + c.type() + ", not STRING");
      }
      if (value == null) {
        c.setNullFlag(true);
      } else {
        c.setStringValue(value);
      }
      return this;
    }

    /**
     * Sets a string field by name.
     *
     * @param column the column
     * @param value the value or {@code null}
     * @return this row
     */
    public Row setString(String column, @Nullable String value) {
      return setString(indexOf(column), value);
    }

    /**
     * Sets a boolean field.
     *
     * @param column the column
     * @param value the value
     * @return this row
     * @throws InvalidInputException if the column is not boolean
     */
    public Row setBoolean(String column, boolean value) {
      Column c = columns[indexOf(column)];
      if (c.type() != ColumnType.BOOLEAN) {
        throw new InvalidInputException("column '" + c.name() + "' is " + c.type() + ", not BOOLEAN");
      }
      c.setBooleanValue(value);
      return this;
    }

    /**
     * Sets a field from a boxed value: a number, string, boolean, {@link LocalDate}, {@link Instant} or null.
     *
     * @param column the column
     * @param value the value
     * @return this row
     * @throws InvalidInputException if the value does not fit the column type
     */
    public Row set(String column, @Nullable Object value) {
      int i = indexOf(column);
      if (value == null) {
        columns[i].setNullFlag(true);
      } else if (value instanceof String) {
        setString(i, (String) value);
      } else if (value instanceof Boolean) {
        setBoolean(column, (Boolean) value);
      } else if (value instanceof LocalDate) {
        setLong(i, ((LocalDate) value).toEpochDay());
      } else if (value instanceof Instant) {
        Instant t = (Instant) value;
        setLong(i, t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
      } else if (value instanceof Double || value instanceof Float) {
        setDouble(i, ((Number) value).doubleValue());
      } else if (value instanceof Number) {
        setLong(i, ((Number) value).longValue());
      } else {
        throw new InvalidInputException("column '" + column + "' cannot hold a " + value.getClass().getName());
      }
      return this;
    }

    /**
     * Tells whether the record breaks no row-level rule; allocates nothing.
     *
     * @return {@code true} if valid
     */
    public boolean isValid() {
      boolean valid = rules.isValid(0);
      checked.increment();
      if (!valid) {
        rejected.increment();
      }
      return valid;
    }

    /**
     * Returns every rule the record breaks, with reasons.
     *
     * @return the violations; an empty immutable list when valid
     */
    public List<Violation> validate() {
      List<Violation> found = rules.violations(0);
      checked.increment();
      if (!found.isEmpty()) {
        rejected.increment();
        for (Violation v : found) {
          LongAdder count = violationsByRule.get(v.rule());
          if (count != null) {
            count.increment();
          }
        }
      }
      return found;
    }
  }
}
