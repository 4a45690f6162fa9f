package dev.mlops.validation.internal.engine;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rule judged row by row; its state counts judged and failed rows and samples offending values, and its
 * observed value is the passing fraction, compared with the rule's {@code mostly}.
 */
public abstract class RowKernel implements RowJudge {
  private final Rule rule;

  /**
   * Creates the kernel.
   *
   * @param rule the rule
   */
  protected RowKernel(Rule rule) {
    this.rule = rule;
  }

  @Override
  public final Rule rule() {
    return rule;
  }

  @Override
  public abstract RowTester bind(Table table);

  @Override
  public abstract String reason(@Nullable Comparable<?> value);

  /**
   * Checks the columns this kernel reads exist (and have one of the accepted types).
   *
   * @param schema the schema
   * @param accepted the accepted types, or empty for any
   * @return the problem or {@code null}
   */
  protected final @Nullable String columnsProblem(Map<String, ColumnType> schema, ColumnType... accepted) {
    for (String c : rule.columns()) {
      ColumnType t = schema.get(c);
      if (t == null) {
        return "column '" + c + "' does not exist; the table has " + schema.keySet();
      }
      if (accepted.length > 0 && !java.util.Arrays.asList(accepted).contains(t)) {
        return "column '" + c + "' is " + t + " but " + rule.type() + " needs "
            + java.util.Arrays.toString(accepted);
      }
    }
    return null;
  }

  @Override
  public RuleState newState() {
    return new RowLevelState(this);
  }
}
