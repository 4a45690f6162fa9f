package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.work.WorkerPool;
import dev.mlops.validation.internal.engine.BoundRowRules;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RowJudge;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.internal.engine.SuiteRunner;
import dev.mlops.validation.internal.json.ValidationJson;
import dev.mlops.validation.internal.rules.RuleKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * over the chunks of a file larger than memory. {@link #validateRows(Table, RowSink)} and {@link #split(Table)}
 * apply the row-level and key rules row by row (every copy of a duplicated key is an offending row) and report
 * the table-level rules they did not apply; {@link #rowValidator(Map)} applies the row-level rules to single
 * records and refuses key rules unless told to skip them.
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
  private final WorkerPool workers;
  private final List<RuleKernel> kernels;
  private final List<String> checkNames;
  private final List<Severity> severities;

  private ValidationSuite(Builder b) {
    this.name = b.name;
    this.checks = List.copyOf(b.checks);
    this.onNoData = b.onNoData;
    this.onInconclusive = b.onInconclusive;
    this.parallelism = b.parallelism;
    this.workers = b.workers;
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
    Builder b = new Builder(name).onNoData(onNoData).onInconclusive(onInconclusive).parallelism(parallelism)
        .workers(workers);
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
   * Returns the pool whose threads join the calling thread in a run.
   *
   * @return the pool; core's {@link WorkerPool#shared()} unless the builder was given another
   */
  public WorkerPool workers() {
    return workers;
  }

  /**
   * Runs every rule over a table in one pass on at most {@link #parallelism()} threads: the calling thread and
   * threads of {@link #workers()}.
   *
   * @param table the table
   * @return the result
   */
  public ValidationResult run(Table table) {
    SuiteRunner runner = new SuiteRunner(kernels, parallelism, workers);
    runner.add(Objects.requireNonNull(table, "table"));
    return toResult(runner.finish());
  }

  /**
   * Runs every rule over consecutive chunks (from {@link dev.mlops.validation.io.TableReader#readCsvChunks}, say), merging states across
   * chunks; memory stays bounded by the chunk size plus the rules' states.
   *
   * @param chunks the chunks, at least one
   * @return the result
   * @throws InvalidInputException if there is no chunk
   */
  public ValidationResult run(Iterator<Table> chunks) {
    SuiteRunner runner = new SuiteRunner(kernels, parallelism, workers);
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

  /** The rules a row-level operation applies, with their severities, and those it leaves out with the reason. */
  private static final class RowPlan {
    final List<RowJudge> judges = new ArrayList<>();
    final List<Severity> severities = new ArrayList<>();
    final List<String> applied = new ArrayList<>();
    final List<SkippedRule> skipped = new ArrayList<>();
  }

  private RowPlan rowPlan(Map<String, ColumnType> schema, @Nullable String keyRulesSkippedBecause) {
    RowPlan plan = new RowPlan();
    for (int i = 0; i < kernels.size(); i++) {
      RuleKernel k = kernels.get(i);
      String description = k.rule().description();
      boolean key = RuleKernels.isKeyRule(k);
      if (key && keyRulesSkippedBecause != null) {
        plan.skipped.add(new SkippedRule(checkNames.get(i), description, keyRulesSkippedBecause));
      } else if (key || RuleKernels.isRowLevel(k)) {
        String problem = BoundRowRules.problem(k, schema);
        if (problem != null) {
          plan.skipped.add(new SkippedRule(checkNames.get(i), description, "cannot apply: " + problem));
        } else {
          plan.judges.add((RowJudge) k);
          plan.severities.add(severities.get(i));
          plan.applied.add(description);
        }
      } else {
        plan.skipped.add(new SkippedRule(checkNames.get(i), description, TABLE_LEVEL));
      }
    }
    return plan;
  }

  private static final String TABLE_LEVEL = "table-level: it judges one aggregate of the whole table (a size, a"
      + " schema, a statistic), which no single row breaks; run(...) judges it";
  private static final String KEYS_NEED_THE_TABLE = "a key rule needs every row at once (every copy of a duplicated"
      + " key breaks it), which a stream of chunks cannot give row by row; validateRows(Table) and split(Table)"
      + " apply it, and run(...) counts its duplicates across chunks";

  /**
   * Streams every row that breaks a rule to a sink, in row order and without a cap, each with every rule it broke
   * and why. Applied row by row: the row-level rules, and the key rules ({@code isUnique}, {@code isPrimaryKey},
   * {@code hasNoDuplicateRows}), where <em>every copy</em> of a duplicated key breaks the rule (the whole table is
   * scanned for duplicate groups first: three passes over the key columns, 8 bytes a row while hashing). A rule's
   * {@code where} filter and null policy apply as in {@link #run(Table)}; {@code mostly} does not (a row either
   * breaks a rule or not). Not applied: aggregate and schema rules, which have no per-row meaning, and rules whose
   * columns are missing; the report lists them with the reason. Runs on the calling thread.
   *
   * @param table the table
   * @param sink receives offending rows
   * @return what was applied, skipped and found
   */
  public RowLevelReport validateRows(Table table, RowSink sink) {
    RowPlan plan = rowPlan(Objects.requireNonNull(table, "table").schema(), null);
    long bad = validateRows(plan, table, Objects.requireNonNull(sink, "sink"), 0);
    return new RowLevelReport(table.rowCount(), bad, plan.applied, plan.skipped);
  }

  private static long validateRows(RowPlan plan, Table table, RowSink sink, long offset) {
    BoundRowRules rules = new BoundRowRules(plan.judges, plan.severities, table);
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
   * Streams offending rows of consecutive chunks to a sink; row numbers run on across chunks and memory stays
   * bounded by a chunk. Key rules are <em>not</em> applied here (a row's duplicate may come in a later chunk), and
   * the report says so; {@link #validateRows(Table, RowSink)} applies them to a table in memory.
   *
   * @param chunks the chunks, at least one
   * @param sink receives offending rows
   * @return what was applied, skipped and found
   * @throws InvalidInputException if there is no chunk
   */
  public RowLevelReport validateRows(Iterator<Table> chunks, RowSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (!chunks.hasNext()) {
      throw new InvalidInputException("suite '" + name + "' was given no chunk to validate");
    }
    Table first = chunks.next();
    RowPlan plan = rowPlan(first.schema(), KEYS_NEED_THE_TABLE);
    long offset = first.rowCount();
    long bad = validateRows(plan, first, sink, 0);
    while (chunks.hasNext()) {
      Table t = chunks.next();
      bad += validateRows(plan, t, sink, offset);
      offset += t.rowCount();
    }
    return new RowLevelReport(offset, bad, plan.applied, plan.skipped);
  }

  /**
   * Splits a table into the rows that break no rule and those that break at least one, applying the same rules as
   * {@link #validateRows(Table, RowSink)} (row-level and key rules: every copy of a duplicated key is invalid).
   *
   * @param table the table
   * @return the split, each part keeping row order, with the rules that took no part
   */
  public TableSplit split(Table table) {
    RowPlan plan = rowPlan(table.schema(), null);
    BoundRowRules rules = new BoundRowRules(plan.judges, plan.severities, table);
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
    return new TableSplit(table.select(Arrays.copyOf(valid, nv)), table.select(Arrays.copyOf(invalid, ni)),
        plan.skipped);
  }

  /**
   * Creates a validator of single records with the given schema, applying the suite's row-level rules. A suite
   * holding a key rule is refused: one record cannot show a duplicate, so the rule would silently never fail; say
   * {@link RowValidator.KeyRules#SKIP} to validate records without it. Aggregate rules are left out (listed in
   * {@link RowValidator#skippedRules()}).
   *
   * @param schema column names and types of a record
   * @return a thread-safe validator
   * @throws InvalidInputException if the suite holds a key rule
   */
  public RowValidator rowValidator(Map<String, ColumnType> schema) {
    return rowValidator(schema, RowValidator.KeyRules.REJECT);
  }

  /**
   * Creates a validator of single records, saying what to do with key rules.
   *
   * @param schema column names and types of a record
   * @param keyRules {@link RowValidator.KeyRules#REJECT} to refuse a suite holding a key rule,
   *     {@link RowValidator.KeyRules#SKIP} to leave key rules out (listed in {@link RowValidator#skippedRules()})
   * @return a thread-safe validator
   * @throws InvalidInputException if the suite holds a key rule and {@code keyRules} is REJECT
   */
  public RowValidator rowValidator(Map<String, ColumnType> schema, RowValidator.KeyRules keyRules) {
    Objects.requireNonNull(keyRules, "keyRules");
    RowPlan plan = rowPlan(Map.copyOf(schema), "a key rule needs other rows: a single record cannot repeat a key");
    if (keyRules == RowValidator.KeyRules.REJECT) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < kernels.size(); i++) {
        if (RuleKernels.isKeyRule(kernels.get(i))) {
          keys.add(kernels.get(i).rule().description() + " in check '" + checkNames.get(i) + "'");
        }
      }
      if (!keys.isEmpty()) {
        throw new InvalidInputException("suite '" + name + "' holds key rules " + keys + ", which a single record"
            + " cannot break (a duplicate needs other rows); build the validator with rowValidator(schema,"
            + " RowValidator.KeyRules.SKIP) to validate records without them, or drop them from the suite");
      }
    }
    List<RowKernel> rowKernels = new ArrayList<>();
    plan.judges.forEach(j -> rowKernels.add((RowKernel) j));
    return new RowValidator(schema, rowKernels, plan.severities, plan.skipped);
  }

  @Override
  public boolean equals(@Nullable Object o) {
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
    private WorkerPool workers = WorkerPool.shared();

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
     * Sets the most threads a run uses, the calling thread included (default: the available processors; the
     * {@link #workers(WorkerPool) pool}'s parallelism caps it too).
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
     * Sets the pool whose threads join the calling thread in a run (default: core's shared
     * {@link WorkerPool#shared()} pool); pass {@code store.workers()} to run on a store's threads, or a pool of
     * parallelism 1 to validate on the calling thread alone. The calling thread always works too, so a run never
     * waits for a pool that is busy, even when it is started from a task of that pool.
     *
     * @param pool the pool
     * @return this builder
     */
    public Builder workers(WorkerPool pool) {
      this.workers = Objects.requireNonNull(pool, "pool");
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
