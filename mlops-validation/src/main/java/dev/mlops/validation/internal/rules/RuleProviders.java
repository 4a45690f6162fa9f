package dev.mlops.validation.internal.rules;

import dev.mlops.core.spi.ProviderLoader;
import dev.mlops.validation.spi.AggregateRuleProvider;
import dev.mlops.validation.spi.RuleProvider;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The one place that discovers custom rules: row-level {@link RuleProvider}s and table-level
 * {@link AggregateRuleProvider}s, through core's {@link ProviderLoader} as every mlops SPI is. A provider that
 * fails to load (a {@link java.util.ServiceConfigurationError} or {@link LinkageError}), or whose
 * {@code type()} throws, is logged and skipped, never hiding the others, and at most
 * {@value ProviderLoader#MAX_FAILURES} failures are collected. A type already taken by a built-in rule (or, for
 * an aggregate provider, by a row provider) is refused. Two providers of one type resolve deterministically:
 * the highest {@code priority()}, then the class name that sorts first. Providers load once, on first use;
 * thread-safe (the holder idiom publishes the result).
 */
final class RuleProviders {
  private static final ProviderLoader<RuleProvider> ROW_LOADER = ProviderLoader.of(RuleProvider.class,
      "validation rule provider", RuleProvider::type, RuleProvider::priority, t -> !RuleCatalogue.has(t));

  private RuleProviders() {}

  /** Discovered on first use; {@link ProviderLoader#load} never throws for a provider's failure. */
  private static final class Loaded {
    static final ProviderLoader.Resolved<RuleProvider> ROW = ROW_LOADER.load(RuleProviders.class.getClassLoader());
    static final ProviderLoader.Resolved<AggregateRuleProvider> AGGREGATE = ProviderLoader.of(
        AggregateRuleProvider.class, "validation aggregate rule provider", AggregateRuleProvider::type,
        AggregateRuleProvider::priority, t -> !RuleCatalogue.has(t) && !ROW.byName().containsKey(t))
        .load(RuleProviders.class.getClassLoader());
  }

  static @Nullable RuleProvider find(String type) {
    return Loaded.ROW.byName().get(type);
  }

  static @Nullable AggregateRuleProvider findAggregate(String type) {
    return Loaded.AGGREGATE.byName().get(type);
  }

  static Set<String> types() {
    Set<String> all = new TreeSet<>(Loaded.ROW.byName().keySet());
    all.addAll(Loaded.AGGREGATE.byName().keySet());
    return all;
  }

  /** Describes the providers that were skipped, for the error naming an unknown rule type. */
  static List<String> failures() {
    List<String> all = new java.util.ArrayList<>(Loaded.ROW.failures());
    all.addAll(Loaded.AGGREGATE.failures());
    return all;
  }
}
