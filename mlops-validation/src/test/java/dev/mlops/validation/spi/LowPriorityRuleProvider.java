package dev.mlops.validation.spi;

import dev.mlops.validation.RowView;
import dev.mlops.validation.Rule;
import java.util.function.Predicate;

/** A test provider of {@code test.preferred} that loses to {@link PreferredRuleProvider} by priority. */
public final class LowPriorityRuleProvider implements RuleProvider {
  @Override
  public String type() {
    return "test.preferred";
  }

  @Override
  public Predicate<RowView> create(Rule rule) {
    return row -> false;
  }
}
