package dev.mlops.validation.spi;

import dev.mlops.validation.Rule;
import dev.mlops.validation.RowView;
import java.util.function.Predicate;

/**
 * A custom row-level rule type, found through {@link java.util.ServiceLoader}; a table-level rule with a mergeable
 * state comes from an {@link AggregateRuleProvider} instead.
 *
 * <p>A suite refers to the rule by {@link #type()} (in Java through
 * {@code check.add(Rule.of("acme.isIban", List.of("account"), Map.of()))}, or in suite JSON), so suites with custom
 * rules still round-trip through JSON. List the implementation in
 * {@code META-INF/services/dev.mlops.validation.spi.RuleProvider}; it needs a public no-argument constructor. A
 * provider that fails to load is logged and skipped; it never hides the others. Implementations must be
 * thread-safe.
 */
public interface RuleProvider {
  /**
   * Returns the rule type this provider serves; it must not be a built-in type name (use a dotted prefix such as
   * {@code acme.isIban}).
   *
   * @return the type name
   */
  String type();

  /**
   * Returns this provider's priority among providers of the same type: the highest wins, and between equal
   * priorities the class name that sorts first, whatever the class-path order; the choice is logged.
   *
   * @return the priority, 0 unless overridden
   */
  default int priority() {
    return 0;
  }

  /**
   * Creates the row predicate for one rule, reading the rule's columns and parameters.
   *
   * @param rule the rule, with {@link Rule#type()} equal to {@link #type()}
   * @return a thread-safe predicate, free of side effects (a failing row is judged again to name its reason),
   *     returning {@code true} for a passing row; nulls reach it unfiltered
   * @throws dev.mlops.core.InvalidInputException if the rule's parameters are invalid
   */
  Predicate<RowView> create(Rule rule);
}
