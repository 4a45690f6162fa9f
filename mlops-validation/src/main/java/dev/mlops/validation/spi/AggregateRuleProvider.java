package dev.mlops.validation.spi;

import dev.mlops.validation.Rule;

/**
 * A custom table-level rule type, found through {@link java.util.ServiceLoader} like {@link RuleProvider}: list the
 * implementation in {@code META-INF/services/dev.mlops.validation.spi.AggregateRuleProvider}; it needs a public
 * no-argument constructor. A suite refers to the rule by {@link #type()}
 * ({@code check.add(Rule.of("acme.hasGeometricMean", List.of("price"), Map.of("min", 1, "max", 50)))}), so suites
 * holding it round-trip through JSON. Types are unique across built-in rules, {@link RuleProvider}s and aggregate
 * providers; a provider that fails to load or repeats a type is logged and skipped. Implementations must be
 * thread-safe.
 */
public interface AggregateRuleProvider {
  /**
   * Returns the rule type this provider serves; not a built-in type name (use a dotted prefix).
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
   * Creates the aggregate of one rule, reading the rule's columns and parameters.
   *
   * @param rule the rule, with {@link Rule#type()} equal to {@link #type()}
   * @return a thread-safe aggregate rule
   * @throws dev.mlops.core.InvalidInputException if the rule's columns or parameters are invalid
   */
  AggregateRule<?> create(Rule rule);
}
