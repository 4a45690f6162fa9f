package dev.mlops.validation.internal.engine;

import dev.mlops.validation.RowFilter;
import dev.mlops.validation.Severity;
import dev.mlops.validation.Table;
import dev.mlops.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Row-level kernels bound to one table, judging one row at a time against all of them: the engine behind row
 * sinks, table splits and single-record validation. Passing rows allocate nothing. Confined to one thread.
 */
public final class BoundRowRules {
  private final RowKernel[] kernels;
  private final Severity[] severities;
  private final String[] descriptions;
  private final RowTester[] testers;
  private final @Nullable RowPredicate[] filters;

  /**
   * Binds kernels to a table; kernels whose schema check fails are left out (the aggregate run reports them).
   *
   * @param kernels row-level kernels
   * @param severities their effective severities
   * @param table the table
   */
  public BoundRowRules(List<RowKernel> kernels, List<Severity> severities, Table table) {
    List<RowKernel> usable = new ArrayList<>();
    List<Severity> sev = new ArrayList<>();
    for (int i = 0; i < kernels.size(); i++) {
      RowKernel k = kernels.get(i);
      RowFilter f = k.rule().where();
      if (k.schemaProblem(table.schema()) == null && (f == null || RowPredicate.schemaProblem(f, table.schema()) == null)) {
        usable.add(k);
        sev.add(severities.get(i));
      }
    }
    this.kernels = usable.toArray(new RowKernel[0]);
    this.severities = sev.toArray(new Severity[0]);
    this.descriptions = new String[this.kernels.length];
    this.testers = new RowTester[this.kernels.length];
    this.filters = new RowPredicate[this.kernels.length];
    for (int i = 0; i < this.kernels.length; i++) {
      descriptions[i] = this.kernels[i].rule().description();
      testers[i] = this.kernels[i].bind(table);
      RowFilter f = this.kernels[i].rule().where();
      filters[i] = f == null ? null : RowPredicate.bind(f, table);
    }
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
