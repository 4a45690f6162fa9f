package dev.mlops.validation.internal.rules;

import dev.mlops.core.ConfigurationException;
import dev.mlops.validation.Rule;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.spi.AggregateRule;
import dev.mlops.validation.spi.AggregateRuleProvider;
import dev.mlops.validation.spi.RuleProvider;
import java.util.List;

/**
 * Turns a {@link Rule} into its {@link RuleKernel}, validating parameters: built-in types through the
 * {@link RuleCatalogue}, custom types through the providers {@link RuleProviders} found. Stateless and
 * thread-safe.
 */
public final class RuleKernels {
  private RuleKernels() {}

  /**
   * Creates the kernel of a rule.
   *
   * @param rule the rule
   * @return its kernel
   * @throws dev.mlops.core.InvalidInputException if a parameter is missing or invalid
   * @throws ConfigurationException if the type is unknown and no provider serves it
   */
  public static RuleKernel create(Rule rule) {
    RuleCatalogue.Type builtIn = RuleCatalogue.find(rule.type());
    if (builtIn != null) {
      return builtIn.kernel(rule);
    }
    RuleProvider p = RuleProviders.find(rule.type());
    if (p != null) {
      return new PredicateKernel(rule, p.create(rule), rule.type());
    }
    AggregateRuleProvider a = RuleProviders.findAggregate(rule.type());
    if (a != null) {
      return aggregate(rule, a.create(rule));
    }
    List<String> failures = RuleProviders.failures();
    throw new ConfigurationException("unknown rule type '" + rule.type() + "'; custom rule types need a"
        + " RuleProvider (row-level) or AggregateRuleProvider (table-level) listed in META-INF/services/"
        + "dev.mlops.validation.spi.RuleProvider or ...AggregateRuleProvider (found providers for "
        + RuleProviders.types() + (failures.isEmpty() ? "" : "; skipped: " + failures) + ")");
  }

  private static <S> RuleKernel aggregate(Rule rule, AggregateRule<S> aggregate) {
    return new CustomAggregateKernel<>(rule, java.util.Objects.requireNonNull(aggregate,
        "the AggregateRuleProvider of " + rule.type() + " returned no rule"));
  }

  /**
   * Tells whether a kernel judges rows one by one (so it can run on single records and row sinks).
   *
   * @param kernel the kernel
   * @return {@code true} for row-level kernels
   */
  public static boolean isRowLevel(RuleKernel kernel) {
    return kernel instanceof dev.mlops.validation.internal.engine.RowKernel;
  }

  /**
   * Tells whether a kernel is a key rule ({@code isUnique}, {@code isPrimaryKey}, {@code hasNoDuplicateRows}):
   * judged per row, but only once the whole table's duplicate groups are known.
   *
   * @param kernel the kernel
   * @return {@code true} for key rules
   */
  public static boolean isKeyRule(RuleKernel kernel) {
    return kernel instanceof KeyKernel;
  }
}
