package dev.mlops.validation.spi;

import dev.mlops.validation.RowView;
import dev.mlops.validation.Rule;
import java.util.function.Predicate;

/** A test provider of {@code test.tie}, which two providers of equal priority claim. */
public final class TieRuleProviderZ implements RuleProvider {
  @Override
  public String type() {
    return "test.tie";
  }

  @Override
  public Predicate<RowView> create(Rule rule) {
    String column = rule.columns().get(0);
    return row -> row.getString(column).equals("TieRuleProviderZ");
  }
}
