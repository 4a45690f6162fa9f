package dev.mlops.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many records a {@link RowValidator} has judged: checked, rejected, and violations per rule.
 *
 * <p>Immutable and thread-safe; a snapshot taken by {@link RowValidator#stats()}.
 *
 * @param checked records judged by {@link RowValidator.Row#isValid()} or {@link RowValidator.Row#validate()}
 * @param rejected records that broke at least one rule
 * @param violationsByRule violations found by {@link RowValidator.Row#validate()}, by rule description, in suite
 *     order; every applied rule is present, with 0 when it never failed
 */
public record RowValidationStats(long checked, long rejected, Map<String, Long> violationsByRule) {
  /**
   * Copies the map, keeping its order.
   *
   * @param checked records judged by {@link RowValidator.Row#isValid()} or {@link RowValidator.Row#validate()}
   * @param rejected records that broke at least one rule
   * @param violationsByRule violations found by {@link RowValidator.Row#validate()}, by rule description, in suite
   *     order; every applied rule is present, with 0 when it never failed
   */
  public RowValidationStats {
    Objects.requireNonNull(violationsByRule, "violationsByRule");
    violationsByRule = Collections.unmodifiableMap(new LinkedHashMap<>(violationsByRule));
  }
}
