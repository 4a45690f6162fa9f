package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.engine.BoundRowRules;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.internal.engine.SuiteRunner;
import dev.mlops.validation.internal.json.ValidationJson;
import dev.mlops.validation.internal.rules.RuleKernels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named list of {@link Check}s run over a table in one pass.
 *
 * <pre>{@code
 * ValidationSuite suite = ValidationSuite.builder("orders")
 *     .addCheck(Check.error("basics").hasSize(1, 1_000_000).isComplete("id").isUnique("id"))
 *     .build();
 * ValidationResult result = suite.run(table);
 * }</pre>
 *
 * <p>Every rule keeps a mergeable state; {@link #run(Table)} cuts the table into blocks processed on all cores and
 * merges the states, so the result does not depend on how rows were split. {@link #run(Iterator)} does the same
 * over the chunks of a file larger than memory. {@link #validateRows(Table, RowSink)}, {@link #split(Table)} and
 * {@link #rowValidator(Map)} apply the row-level rules row by row.
 *
 * <p>The suite status: an error-severity rule that FAILED makes it FAILED; a warning-severity failure makes it
 * WARNING; a NO_DATA or INCONCLUSIVE rule counts as {@link Builder#onNoData(ValidationStatus)} and
 * {@link Builder#onInconclusive(ValidationStatus)} say (both WARNING by default), capped at WARNING for
 * warning-severity rules. Immutable and thread-safe.
 */
public final class ValidationSuite {
  private final String name;
  private final List<Check> checks;
  private final ValidationStatus onNoData;
  private final ValidationStatus onInconclusive;
  private final int parallelism;
  private final List<RuleKernel> kernels;
  private final List<String> checkNames;
  private final List<Severity> severities;

  private ValidationSuite(Builder b) {
    this.name = b.name;
    this.checks = List.copyOf(b.checks);
    this.onNoData = b.onNoData;
    this.onInconclusive = b.onInconclusive;
    this.parallelism = b.parallelism;
    List<RuleKernel> ks = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Severity> sev = new ArrayList<>();
    for (Check c : checks) {
      for (Rule r : c.rules()) {
        ks.add(RuleKernels.create(r));
        names.add(c.name());
        sev.add(r.severity() != null ? r.severity() : c.severity());
      }
    }
    this.kernels = List.copyOf(ks);
    this.checkNames = List.copyOf(names);
    this.severities = List.copyOf(sev);
  }

  /**
   * Starts a builder.
   *
   * @param name the suite name
   * @return a new builder, not thread-safe
   * @throws InvalidInputException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads a suite written by {@link #toJson()} (schema {@code mlops.validation.suite/v1}).
   *
   * @param json the JSON text
   * @return the suite
   * @throws InvalidInputException if the JSON is malformed, of another schema version, or holds invalid rules
   * @throws dev.mlops.core.ConfigurationException if a custom rule type has no provider
   */
  public static ValidationSuite fromJson(String json) {
    return ValidationJson.suiteFromJson(json);
  }

  /**
   * Writes the suite as versioned JSON that {@link #fromJson(String)} reads back into an equal suite.
   *
   * @return the JSON text
   * @throws InvalidInputException if the suite holds a lambda rule, which cannot be serialized
   */
  public String toJson() {
    for (Check c : checks) {
      for (Rule r : c.rules()) {
        if (!r.isSerializable()) {
          throw new InvalidInputException("check '" + c.name() + "' holds lambda rule " + r.description()
              + ", which cannot be written to JSON; use a RuleProvider for a serializable custom rule");
        }
      }
    }
    return ValidationJson.suiteToJson(this);
  }

  /**
   * Returns a builder holding this suite's settings and checks.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name).onNoData(onNoData).onInconclusive(onInconclusive).parallelism(parallelism);
    checks.forEach(b::addCheck);
    return b;
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
   * Returns the checks.
   *
   * @return an immutable list
   */
  public List<Check> checks() {
    return checks;
  }

  /**
   * Returns how a NO_DATA rule counts.
   *
   * @return the status it contributes
   */
  public ValidationStatus onNoData() {
    return onNoData;
  }

  /**
   * Returns how an INCONCLUSIVE rule counts.
   *
   * @return the status it contributes
   */
  public ValidationStatus onInconclusive() {
    return onInconclusive;
  }

  /**
   * Returns the number of worker threads a run uses.
   *
   * @return the parallelism
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Runs every rule over a table in one pass on {@link #parallelism()} threads.
   *
   * @param table the table
   * @return the result
   */
  public ValidationResult run(Table table) {
    SuiteRunner runner = new SuiteRunner(kernels, parallelism);
    runner.add(Objects.requireNonNull(table, "table"));
    return toResult(runner.finish());
  }

  /**
   * Runs every rule over consecutive chunks (from {@link Table#readCsvChunks}, say), merging states across
   * chunks; memory stays bounded by the chunk size plus the rules' states.
   *
   * @param chunks the chunks, at least one
   * @return the result
   * @throws InvalidInputException if there is no chunk
   */
  public ValidationResult run(Iterator<Table> chunks) {
    SuiteRunner runner = new SuiteRunner(kernels, parallelism);
    boolean any = false;
    while (chunks.hasNext()) {
      runner.add(chunks.next());
      any = true;
    }
    if (!any) {
      throw new InvalidInputException("suite '" + name + "' was given no chunk to validate");
    }
    return toResult(runner.finish());
  }

  private ValidationResult toResult(List<Outcome> outcomes) {
    List<RuleResult> results = new ArrayList<>(outcomes.size());
    ValidationStatus status = ValidationStatus.PASSED;
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      Severity sev = severities.get(i);
      results.add(new RuleResult(checkNames.get(i), kernels.get(i).rule().description(), sev, o.status(),
          o.observed(), o.elementCount(), o.unexpectedCount(), o.errorBound(), o.samples(), o.message()));
      ValidationStatus contributes;
      switch (o.status()) {
        case FAILED:
          contributes = sev == Severity.ERROR ? ValidationStatus.FAILED : ValidationStatus.WARNING;
          break;
        case NO_DATA:
          contributes = cap(onNoData, sev);
          break;
        case INCONCLUSIVE:
          contributes = cap(onInconclusive, sev);
          break;
        default:
          contributes = ValidationStatus.PASSED;
      }
      if (contributes.compareTo(status) > 0) {
        status = contributes;
      }
    }
    return new ValidationResult(name, status, results);
  }

  private static ValidationStatus cap(ValidationStatus policy, Severity sev) {
    return sev == Severity.WARNING && policy == ValidationStatus.FAILED ? ValidationStatus.WARNING : policy;
  }

  private List<RowKernel> rowKernels() {
    List<RowKernel> out = new ArrayList<>();
    for (RuleKernel k : kernels) {
      if (RuleKernels.isRowLevel(k)) {
        out.add((RowKernel) k);
      }
    }
    return out;
  }

  private List<Severity> rowSeverities() {
    List<Severity> out = new ArrayList<>();
    for (int i = 0; i < kernels.size(); i++) {
      if (RuleKernels.isRowLevel(kernels.get(i))) {
        out.add(severities.get(i));
      }
    }
    return out;
  }

  /**
   * Streams every row that breaks a row-level rule to a sink, in row order and without a cap, each with every
   * rule it broke and why. Aggregate and key rules are not row-level and are not applied here (use
   * {@link #run(Table)}). Rules whose columns are missing are skipped (the run reports them). Runs on the calling
   * thread.
   *
   * @param table the table
   * @param sink receives offending rows
   * @return the number of offending rows
   */
  public long validateRows(Table table, RowSink sink) {
    return validateRows(table, sink, 0);
  }

  private long validateRows(Table table, RowSink sink, long offset) {
    BoundRowRules rules = new BoundRowRules(rowKernels(), rowSeverities(), table);
    long bad = 0;
    for (int r = 0; r < table.rowCount(); r++) {
      List<Violation> v = rules.violations(r);
      if (!v.isEmpty()) {
        sink.accept(new RowViolation(offset + r, v));
        bad++;
      }
    }
    return bad;
  }

  /**
   * Streams offending rows of consecutive chunks to a sink; row numbers run on across chunks.
   *
   * @param chunks the chunks
   * @param sink receives offending rows
   * @return the number of offending rows
   */
  public long validateRows(Iterator<Table> chunks, RowSink sink) {
    long offset = 0;
    long bad = 0;
    while (chunks.hasNext()) {
      Table t = chunks.next();
      bad += validateRows(t, sink, offset);
      offset += t.rowCount();
    }
    return bad;
  }

  /**
   * Splits a table into the rows that break no row-level rule and those that break at least one.
   *
   * @param table the table
   * @return the split, each part keeping row order
   */
  public TableSplit split(Table table) {
    BoundRowRules rules = new BoundRowRules(rowKernels(), rowSeverities(), table);
    int[] valid = new int[table.rowCount()];
    int[] invalid = new int[table.rowCount()];
    int nv = 0;
    int ni = 0;
    for (int r = 0; r < table.rowCount(); r++) {
      if (rules.isValid(r)) {
        valid[nv++] = r;
      } else {
        invalid[ni++] = r;
      }
    }
    return new TableSplit(table.select(java.util.Arrays.copyOf(valid, nv)),
        table.select(java.util.Arrays.copyOf(invalid, ni)));
  }

  /**
   * Creates a validator of single records with the given schema, applying the suite's row-level rules.
   *
   * @param schema column names and types of a record
   * @return a thread-safe validator
   */
  public RowValidator rowValidator(Map<String, ColumnType> schema) {
    return new RowValidator(schema, rowKernels(), rowSeverities());
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    if (!(o instanceof ValidationSuite)) {
      return false;
    }
    ValidationSuite s = (ValidationSuite) o;
    return name.equals(s.name) && checks.equals(s.checks) && onNoData == s.onNoData
        && onInconclusive == s.onInconclusive;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, checks, onNoData, onInconclusive);
  }

  @Override
  public String toString() {
    return "ValidationSuite[" + name + ", " + checks.size() + " checks, " + kernels.size() + " rules]";
  }

  /** Builds a {@link ValidationSuite}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<Check> checks = new ArrayList<>();
    private ValidationStatus onNoData = ValidationStatus.WARNING;
    private ValidationStatus onInconclusive = ValidationStatus.WARNING;
    private int parallelism = Runtime.getRuntime().availableProcessors();

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new InvalidInputException("suite name must not be blank");
      }
      this.name = name;
    }

    /**
     * Adds a check.
     *
     * @param check the check
     * @return this builder
     */
    public Builder addCheck(Check check) {
      checks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /**
     * Says what a NO_DATA rule contributes to the suite status (default WARNING).
     *
     * @param status PASSED to ignore it, WARNING, or FAILED
     * @return this builder
     */
    public Builder onNoData(ValidationStatus status) {
      this.onNoData = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Says what an INCONCLUSIVE rule contributes to the suite status (default WARNING).
     *
     * @param status PASSED, WARNING or FAILED
     * @return this builder
     */
    public Builder onInconclusive(ValidationStatus status) {
      this.onInconclusive = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets the number of worker threads of a run (default: the available processors).
     *
     * @param threads at least 1
     * @return this builder
     * @throws InvalidInputException if {@code threads < 1}
     */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new InvalidInputException("parallelism must be at least 1, got " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Builds the suite, validating every rule's parameters.
     *
     * @return the suite
     * @throws InvalidInputException if a rule is invalid
     * @throws dev.mlops.core.ConfigurationException if a custom rule type has no provider
     */
    public ValidationSuite build() {
      return new ValidationSuite(this);
    }
  }
}
