package dev.mlops.validation.internal.engine;

import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The executable form of a {@link Rule}: checks the schema and creates states. Immutable and thread-safe. */
public interface RuleKernel {
  /**
   * Returns the rule this kernel runs.
   *
   * @return the rule
   */
  Rule rule();

  /**
   * Says why the rule cannot run on a schema (a missing column, a wrong type), or {@code null} if it can.
   *
   * @param schema the table's column names and types
   * @return the problem or {@code null}
   */
  @Nullable String schemaProblem(Map<String, ColumnType> schema);

  /**
   * Creates an empty state.
   *
   * @return a new state
   */
  RuleState newState();
}
