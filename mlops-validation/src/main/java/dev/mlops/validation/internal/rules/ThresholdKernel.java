package dev.mlops.validation.internal.rules;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.internal.engine.RuleKernel;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Base of aggregate kernels that judge one metric against the inclusive range {@code [min, max]} of the rule's
 * parameters; {@code mostly} does not apply to them. Immutable.
 */
abstract class ThresholdKernel implements RuleKernel {
  final Rule rule;
  final double min;
  final double max;

  ThresholdKernel(Rule rule, int columns) {
    this.rule = rule;
    Params.noMostly(rule);
    Params.columns(rule, columns, columns);
    this.min = Params.number(rule, "min");
    this.max = Params.number(rule, "max");
    Params.bounds(min, max, rule);
  }

  @Override
  public final Rule rule() {
    return rule;
  }

  /** Requires the rule's columns to exist and be numeric. */
  final @Nullable String numericProblem(Map<String, ColumnType> schema) {
    for (String c : rule.columns()) {
      ColumnType t = schema.get(c);
      if (t == null) {
        return "column '" + c + "' does not exist; the table has " + schema.keySet();
      }
      if (!t.isNumeric()) {
        return "column '" + c + "' is " + t + " but " + rule.type() + " needs a numeric column";
      }
    }
    return null;
  }
}
