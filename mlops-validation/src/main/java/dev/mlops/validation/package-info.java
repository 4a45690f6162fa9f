/**
 * Dataset validation: columnar {@link dev.mlops.validation.Table}s (read by
 * {@link dev.mlops.validation.io.TableReader}), rules grouped into {@link dev.mlops.validation.Check}s and
 * {@link dev.mlops.validation.ValidationSuite}s run in one pass, {@link dev.mlops.validation.ValidationResult}s,
 * row-level results, and {@link dev.mlops.validation.Profile}s with rule suggestion.
 *
 * <p>The data model is plain: a {@link dev.mlops.validation.Table} of {@link dev.mlops.validation.Column}s, each
 * one of four final kinds ({@link dev.mlops.validation.LongColumn}, {@link dev.mlops.validation.DoubleColumn},
 * {@link dev.mlops.validation.StringColumn}, {@link dev.mlops.validation.BooleanColumn}); readers depend on it,
 * never the reverse. How a suite runs (kernels, states, judges and testers) is mapped in the package
 * documentation of {@code dev.mlops.validation.internal.engine}.
 *
 * <h2>Semantics</h2>
 * <table>
 *   <caption>How rules treat nulls, NaN, empty strings, missing data and approximation</caption>
 *   <tr><th>Case</th><th>Default</th><th>Option</th></tr>
 *   <tr><td>null in a value rule (range, set, pattern, length, comparison, key, aggregate)</td>
 *       <td>skipped: not judged, not counted in {@code elementCount}</td>
 *       <td>{@code nullsFail()}: the null is judged and fails</td></tr>
 *   <tr><td>null in a completeness rule</td><td>judged: a null fails</td><td>-</td></tr>
 *   <tr><td>NaN</td><td>a value: fails every range (comparisons with NaN are false); makes min, max, mean, sum,
 *       standard deviation, variance, quantiles and correlation NaN, which fails; NaN equals NaN for uniqueness
 *       and distinct counts</td><td>{@code nanAsNull()}: NaN is treated as a null</td></tr>
 *   <tr><td>empty string</td><td>a value (and a distinct value); a CSV field {@code ""} (quoted) is an empty
 *       string, an unquoted empty field is null</td><td>{@code emptyAsNull()}</td></tr>
 *   <tr><td>zero rows (after {@code where}), or a value rule on an all-null column</td>
 *       <td>{@code NO_DATA}, which makes the suite WARNING; table-level rules (size, columns, types) still
 *       judge</td><td>{@code onNoData(PASSED | WARNING | FAILED)} on the suite</td></tr>
 *   <tr><td>approximate metric (KLL quantile, HyperLogLog distinct count)</td>
 *       <td>PASSED or FAILED only when the whole error interval lies inside or outside {@code [min, max]};
 *       {@code INCONCLUSIVE} when it straddles a threshold; {@code errorBound} is reported</td>
 *       <td>{@code onInconclusive(...)} on the suite</td></tr>
 *   <tr><td>{@code mostly(f)}</td><td>1.0: row-level and key rules pass when passing rows / judged rows
 *       {@code >= f}; aggregate rules reject it</td><td>-</td></tr>
 *   <tr><td>{@code where(filter)}</td><td>all rows; a comparison on a null is false, {@code NOT} negates
 *       (two-valued)</td><td>{@link dev.mlops.validation.RowFilter}</td></tr>
 *   <tr><td>missing column or wrong type</td><td>the rule is FAILED with a message, never an exception</td>
 *       <td>-</td></tr>
 * </table>
 */
@NullMarked
package dev.mlops.validation;

import org.jspecify.annotations.NullMarked;
