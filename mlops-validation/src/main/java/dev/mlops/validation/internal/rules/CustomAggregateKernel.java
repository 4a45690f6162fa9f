package dev.mlops.validation.internal.rules;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.NumberText;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.internal.engine.RuleState;
import dev.mlops.validation.spi.AggregateOutcome;
import dev.mlops.validation.spi.AggregateRule;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A custom aggregate rule from an {@link dev.mlops.validation.spi.AggregateRuleProvider}, run like the built-in
 * aggregates: a state per worker, folded over runs of rows the {@code where} filter accepts, merged, then judged.
 * An exception from the plugin fails only its rule. Immutable and thread-safe.
 *
 * @param <S> the plugin's state
 */
final class CustomAggregateKernel<S> implements RuleKernel {
  private final Rule rule;
  private final AggregateRule<S> aggregate;

  CustomAggregateKernel(Rule rule, AggregateRule<S> aggregate) {
    this.rule = rule;
    this.aggregate = aggregate;
    if (!aggregate.countsRows()) {
      Params.noMostly(rule);
    }
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return Params.missingColumn(rule, schema);
  }

  @Override
  public RuleState newState() {
    return new State();
  }

  private static String failure(String when, RuntimeException e) {
    return "custom rule failed " + when + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** The plugin's state, or the first exception it threw. Thread-confined. */
  private final class State extends FilteredState {
    private S state = aggregate.newState();
    private @Nullable Table table;
    private @Nullable String error;

    State() {
      super(CustomAggregateKernel.this.rule);
    }

    @Override
    void bind(Table t) {
      table = t;
    }

    @Override
    void fold(int from, int to) {
      if (error != null) {
        return;
      }
      try {
        aggregate.updateRows(state, table, from, to);
      } catch (RuntimeException e) {
        error = failure("on rows " + from + " to " + to, e);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void merge(RuleState other) {
      State o = (State) other;
      if (error == null) {
        error = o.error;
      }
      if (error != null) {
        return;
      }
      try {
        state = aggregate.merge(state, o.state);
      } catch (RuntimeException e) {
        error = failure("merging states", e);
      }
    }

    @Override
    public Outcome finish() {
      if (error != null) {
        return Outcome.cannotApply(error);
      }
      AggregateOutcome o;
      try {
        o = aggregate.finish(state);
      } catch (RuntimeException e) {
        return Outcome.cannotApply(failure("judging its state", e));
      }
      if (o.status() == RuleStatus.NO_DATA) {
        return Outcome.noData(o.message());
      }
      if (o.status() != null) {
        return new Outcome(o.status(), o.observed(), o.elementCount(), o.unexpectedCount(), null, o.samples(),
            o.message());
      }
      if (!aggregate.countsRows()) {
        return Outcome.cannotApply("custom rule reported unexpected rows but its countsRows() is false, so"
            + " 'mostly' cannot judge them");
      }
      if (o.elementCount() == 0) {
        return Outcome.noData("no rows to judge: " + o.message());
      }
      double fraction = (double) (o.elementCount() - o.unexpectedCount()) / o.elementCount();
      RuleStatus status = fraction >= rule.mostly() ? RuleStatus.PASSED : RuleStatus.FAILED;
      return new Outcome(status, fraction, o.elementCount(), o.unexpectedCount(), null, o.samples(), o.message()
          + " (fraction passing " + NumberText.number(fraction) + ", required " + NumberText.number(rule.mostly())
          + ")");
    }
  }
}
