package dev.mlops.validation.spi;

import dev.mlops.validation.RowView;
import dev.mlops.validation.Rule;
import java.util.function.Predicate;

/** A test provider whose {@code type()} fails as a provider missing a dependency at run time would. */
public final class MissingDependencyRuleProvider implements RuleProvider {
  @Override
  public String type() {
    throw new NoClassDefFoundError("com/example/MissingDependency");
  }

  @Override
  public Predicate<RowView> create(Rule rule) {
    return row -> true;
  }
}
