package dev.mlops.validation.spi;

import dev.mlops.validation.RowView;
import dev.mlops.validation.Rule;
import java.util.function.Predicate;

/** A test provider that claims {@code test.tie} with a higher priority than the others, for {@code test.preferred}. */
public final class PreferredRuleProvider implements RuleProvider {
  @Override
  public String type() {
    return "test.preferred";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Predicate<RowView> create(Rule rule) {
    return row -> true;
  }
}
