/**
 * The validation engine: how a {@link dev.mlops.validation.ValidationSuite} judges a table in one pass. No
 * compatibility promise; this page is the map for readers of the code.
 *
 * <h2>From a rule to an outcome</h2>
 * <ol>
 *   <li>A {@link dev.mlops.validation.Rule} is data: a type name ({@code "isBetween"}), columns, parameters,
 *       an optional {@code where} filter and {@code mostly}. It is what suite JSON stores.</li>
 *   <li>{@code internal.rules.RuleKernels} turns each rule into its {@link RuleKernel}: the executable form,
 *       immutable and shared by every run. Built-in types come from {@code internal.rules.RuleCatalogue}, the
 *       one registry of name, parameters and kernel factory that {@code Check} also makes its rules from;
 *       custom types through {@code RuleProviders} ({@link dev.mlops.validation.spi.RuleProvider} for row rules,
 *       {@link dev.mlops.validation.spi.AggregateRuleProvider} for aggregate rules). A kernel checks its
 *       parameters when made and the table's schema through {@code schemaProblem}: a rule that cannot apply
 *       is FAILED with that message and never runs.</li>
 *   <li>{@link SuiteRunner} cuts the table into blocks of {@value SuiteRunner#BLOCK_ROWS} rows. Each worker
 *       (the calling thread and the workers of the suite's {@link dev.mlops.core.work.WorkerPool}) asks every
 *       kernel for a fresh {@link RuleState} and folds each block it takes into all of them, so a block stays in
 *       cache while every rule reads it. Kernels that read the same thing ({@link SharedScanKernel}: the mean
 *       and the maximum of one column under one filter) share one state through {@link SharedScanState}.</li>
 *   <li>The workers' states are merged ({@link RuleState#merge}) and each gives an {@link Outcome}: status,
 *       observed value, element and unexpected counts, a sample of offending values ({@link Samples}). Because
 *       every state is mergeable with exact counts, chunks of a file ({@code ValidationSuite.run(Iterator)})
 *       give the result a whole table would.</li>
 * </ol>
 *
 * <h2>The vocabulary</h2>
 * <table>
 *   <caption>Engine types and what each one is for</caption>
 *   <tr><th>Type</th><th>Is</th><th>Lives</th></tr>
 *   <tr><td>{@link RuleKernel}</td><td>a rule made executable: {@code rule()}, {@code schemaProblem(schema)},
 *       {@code newState()}</td><td>immutable, one per rule per suite</td></tr>
 *   <tr><td>{@link RuleState}</td><td>what one worker has seen of some rows: {@code update(table, from, to)},
 *       {@code merge}, {@code finish()} giving an {@link Outcome}</td><td>confined to one worker until merged</td></tr>
 *   <tr><td>{@link RowJudge}</td><td>a kernel that can tell, row by row, whether a row breaks it:
 *       {@code bind(table)} gives a {@link RowTester}, {@code reason(value)} says why. Row kernels and the key
 *       rules ({@code isUnique}, {@code isPrimaryKey}, {@code hasNoDuplicateRows}, which scan the whole table
 *       for duplicate groups when bound) are judges</td><td>immutable</td></tr>
 *   <tr><td>{@link RowKernel}</td><td>a judge whose state simply counts judged and failed rows
 *       ({@link RowLevelState}) and passes when the passing fraction reaches {@code mostly}: ranges, sets,
 *       patterns, lengths, comparisons, completeness, custom row predicates</td><td>immutable</td></tr>
 *   <tr><td>{@link RowTester}</td><td>a judge bound to one table: {@code test(row)} answers {@code PASS},
 *       {@code FAIL} or {@code SKIP} (a null under the default null policy)</td><td>one thread</td></tr>
 *   <tr><td>{@link ColumnTester}</td><td>the usual {@link RowTester} over one column: applies the null policy
 *       ({@code nullsFail}, {@code nanAsNull}, {@code emptyAsNull}) before the subclass's
 *       {@code check(row)}, with a tight loop over a block</td><td>one thread</td></tr>
 *   <tr><td>{@link RowPredicate}</td><td>a {@link dev.mlops.validation.RowFilter} compiled against one table
 *       (the rule's {@code where}, or {@link dev.mlops.validation.Table#filter})</td><td>after binding,
 *       stateless</td></tr>
 *   <tr><td>{@link BoundRowRules}</td><td>every judge of a suite bound to one table, asked one row at a time:
 *       the engine behind {@code validateRows}, {@code split} and {@link dev.mlops.validation.RowValidator}
 *       </td><td>one thread</td></tr>
 *   <tr><td>{@link TableCursor}</td><td>a {@link dev.mlops.validation.RowView} moved along a table, handed to
 *       custom predicates</td><td>one thread</td></tr>
 *   <tr><td>{@link Outcome}, {@link Samples}, {@link NumberText}</td><td>a finished rule's verdict, its
 *       offending-value sample, and how numbers print in descriptions</td><td>values</td></tr>
 * </table>
 *
 * <p>Aggregate rules (moments, quantiles, counts, correlation, sizes) are plain {@link RuleKernel}s whose
 * states fold values ({@code internal.rules.FilteredState} applies the {@code where} filter for them) and judge
 * one metric against {@code [min, max]} at the end; row-level work never allocates per passing row, and inner
 * loops read primitive arrays through {@link dev.mlops.validation.Column}'s typed accessors, never boxed values.
 */
@NullMarked
package dev.mlops.validation.internal.engine;

import org.jspecify.annotations.NullMarked;
