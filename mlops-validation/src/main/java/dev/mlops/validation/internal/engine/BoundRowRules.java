package dev.mlops.validation.internal.engine;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowFilter;
import dev.mlops.validation.Severity;
import dev.mlops.validation.Table;
import dev.mlops.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Row-level and key rules bound to one table, judging one row at a time against all of them: the engine behind row
 * sinks, table splits and single-record validation. Passing rows allocate nothing. Confined to one thread.
 */
public final class BoundRowRules {
  private final RowJudge[] kernels;
  private final Severity[] severities;
  private final String[] descriptions;
  private final RowTester[] testers;
  private final @Nullable RowPredicate[] filters;

  /**
   * Binds rules to a table (a key rule scans the whole table for its duplicate groups here); rules with a
   * {@link #problem} on the table's schema are left out.
   *
   * @param kernels row-level and key rules
   * @param severities their effective severities
   * @param table the table
   */
  public BoundRowRules(List<? extends RowJudge> kernels, List<Severity> severities, Table table) {
    List<RowJudge> usable = new ArrayList<>();
    List<Severity> sev = new ArrayList<>();
    for (int i = 0; i < kernels.size(); i++) {
      RowJudge k = kernels.get(i);
      if (problem(k, table.schema()) == null) {
        usable.add(k);
        sev.add(severities.get(i));
      }
    }
    this.kernels = usable.toArray(new RowJudge[0]);
    this.severities = sev.toArray(new Severity[0]);
    this.descriptions = new String[this.kernels.length];
    this.testers = new RowTester[this.kernels.length];
    this.filters = new RowPredicate[this.kernels.length];
    for (int i = 0; i < this.kernels.length; i++) {
      descriptions[i] = this.kernels[i].rule().description();
      testers[i] = this.kernels[i].bind(table);
      RowFilter f = this.kernels[i].rule().where();
      filters[i] = f == null ? null : RowPredicate.bind(f, table::column);
    }
  }

  /**
   * Says why a rule cannot judge rows of a schema (a missing column, a wrong type, a filter on a missing column).
   *
   * @param kernel the rule
   * @param schema the schema
   * @return the problem, or {@code null} when the rule applies
   */
  public static @Nullable String problem(RuleKernel kernel, Map<String, ColumnType> schema) {
    String p = kernel.schemaProblem(schema);
    RowFilter f = kernel.rule().where();
    return p != null || f == null ? p : RowPredicate.schemaProblem(f, schema);
  }

  /**
   * Tells whether a row breaks no rule, without allocating.
   *
   * @param row the row
   * @return {@code true} if valid
   */
  public boolean isValid(int row) {
    for (int i = 0; i < testers.length; i++) {
      RowPredicate f = filters[i];
      if ((f == null || f.test(row)) && testers[i].test(row) == RowTester.FAIL) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns every rule a row breaks, with reasons.
   *
   * @param row the row
   * @return the violations; an empty immutable list when the row is valid
   */
  public List<Violation> violations(int row) {
    List<Violation> out = null;
    for (int i = 0; i < testers.length; i++) {
      RowPredicate f = filters[i];
      if ((f == null || f.test(row)) && testers[i].test(row) == RowTester.FAIL) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(new Violation(descriptions[i], severities[i], kernels[i].reason(testers[i].offending(row))));
      }
    }
    return out == null ? List.of() : out;
  }
}
