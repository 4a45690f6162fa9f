package dev.mlops.validation.spi;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RowView;
import java.util.function.Predicate;

/** A test provider: rule {@code test.isMultipleOf} passes rows whose long column is a multiple of {@code k}. */
public final class EvenRuleProvider implements RuleProvider {
  @Override
  public String type() {
    return "test.isMultipleOf";
  }

  @Override
  public Predicate<RowView> create(Rule rule) {
    String column = rule.columns().get(0);
    Object k = rule.params().get("k");
    if (!(k instanceof Number) || ((Number) k).longValue() == 0) {
      throw new InvalidInputException("test.isMultipleOf needs a non-zero number k, got " + k);
    }
    long divisor = ((Number) k).longValue();
    return row -> row.isNull(column) || row.getLong(column) % divisor == 0;
  }
}
