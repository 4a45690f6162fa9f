package dev.mlops.validation.internal.engine;

import dev.mlops.validation.RowFilter;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValueCount;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Counts judged and failed rows of a {@link RowKernel} with a sample of offending values. Thread-confined. */
final class RowLevelState implements RuleState {
  private final RowKernel kernel;
  private final Samples samples = new Samples();
  private long evaluated;
  private long failed;
  private @Nullable Table boundTable;
  private @Nullable RowTester tester;
  private @Nullable RowPredicate where;
  /** Rows that failed in the block being folded. */
  private int[] failedRows = new int[0];

  RowLevelState(RowKernel kernel) {
    this.kernel = kernel;
  }

  @Override
  public void update(Table table, int from, int to) {
    if (table != boundTable) {
      tester = kernel.bind(table);
      RowFilter f = kernel.rule().where();
      where = f == null ? null : RowPredicate.bind(f, table::column);
      boundTable = table;
    }
    RowTester t = tester;
    RowPredicate w = where;
    if (w == null) {
      if (failedRows.length < to - from) {
        failedRows = new int[to - from];
      }
      long packed = t.judge(from, to, failedRows);
      int failures = (int) packed;
      for (int i = 0; i < failures; i++) {
        samples.add(t.offending(failedRows[i]));
      }
      evaluated += packed >>> 32;
      failed += failures;
      return;
    }
    long ev = 0;
    long fail = 0;
    for (int r = from; r < to; r++) {
      if (w != null && !w.test(r)) {
        continue;
      }
      int v = t.test(r);
      if (v == RowTester.SKIP) {
        continue;
      }
      ev++;
      if (v == RowTester.FAIL) {
        fail++;
        samples.add(t.offending(r));
      }
    }
    evaluated += ev;
    failed += fail;
  }

  @Override
  public void merge(RuleState other) {
    RowLevelState o = (RowLevelState) other;
    evaluated += o.evaluated;
    failed += o.failed;
    samples.merge(o.samples);
  }

  @Override
  public Outcome finish() {
    if (evaluated == 0) {
      return Outcome.noData("no rows to judge (zero rows after the filter, or every value null)");
    }
    double fraction = (double) (evaluated - failed) / evaluated;
    double mostly = kernel.rule().mostly();
    RuleStatus status = fraction >= mostly ? RuleStatus.PASSED : RuleStatus.FAILED;
    List<ValueCount> list = samples.toList();
    String msg = (evaluated - failed) + " of " + evaluated + " rows pass (" + NumberText.number(fraction) + ", required "
        + NumberText.number(mostly) + ")"
        + (failed > 0 ? "; " + failed + " unexpected: " + samples.describe()
        + (list.size() == Samples.LIMIT ? ", ..." : "") : "");
    return new Outcome(status, fraction, evaluated, failed, null, list, msg);
  }
}
