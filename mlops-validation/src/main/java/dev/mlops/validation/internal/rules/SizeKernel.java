package dev.mlops.validation.internal.rules;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.internal.engine.RuleState;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code hasSize}: the number of rows (accepted by the filter) within {@code [min, max]}; never NO_DATA. */
final class SizeKernel implements RuleKernel {
  private final Rule rule;
  private final double min;
  private final double max;

  SizeKernel(Rule rule) {
    this.rule = rule;
    Params.noMostly(rule);
    this.min = Params.number(rule, "min");
    this.max = Params.number(rule, "max");
    Params.bounds(min, max, rule);
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return null;
  }

  @Override
  public RuleState newState() {
    return new SizeState(rule);
  }

  /** Counts accepted rows. */
  private final class SizeState extends FilteredState {
    private long rows;

    SizeState(Rule r) {
      super(r);
    }

    @Override
    void bind(Table table) {}

    @Override
    void fold(int from, int to) {
      rows += to - from;
    }

    @Override
    public void merge(RuleState other) {
      rows += ((SizeState) other).rows;
    }

    @Override
    public Outcome finish() {
      return Outcome.inRange("row count", rows, min, max, rows);
    }
  }
}
