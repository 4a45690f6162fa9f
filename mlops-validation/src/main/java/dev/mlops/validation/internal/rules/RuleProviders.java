package dev.mlops.validation.internal.rules;

import dev.mlops.validation.spi.AggregateRuleProvider;
import dev.mlops.validation.spi.RuleProvider;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that discovers custom rules: row-level {@link RuleProvider}s and table-level
 * {@link AggregateRuleProvider}s. Providers load once, in a deterministic order (by type); a provider that fails to
 * load, or repeats a type (of a built-in rule or of any other provider), is logged and skipped. Thread-safe
 * (initialised once by the class loader).
 */
final class RuleProviders {
  private static final Logger LOG = LoggerFactory.getLogger(RuleProviders.class);
  private static final Map<String, RuleProvider> ROW = load(RuleProvider.class, RuleProvider::type, Map.of());
  private static final Map<String, AggregateRuleProvider> AGGREGATE = load(AggregateRuleProvider.class,
      AggregateRuleProvider::type, ROW);

  private RuleProviders() {}

  private static <P> Map<String, P> load(Class<P> service, Function<P, String> typeOf, Map<String, ?> taken) {
    Map<String, P> found = new TreeMap<>();
    Iterator<P> it = ServiceLoader.load(service, RuleProviders.class.getClassLoader()).iterator();
    while (true) {
      P p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        LOG.warn("skipping a validation rule provider that failed to load: {}", e.getMessage());
        continue;
      }
      String type;
      try {
        type = typeOf.apply(p);
      } catch (RuntimeException e) {
        LOG.warn("skipping rule provider {}: type() failed: {}", p.getClass().getName(), e.toString());
        continue;
      }
      if (type == null || RuleKernels.BUILT_IN.contains(type) || taken.containsKey(type) || found.containsKey(type)) {
        LOG.warn("skipping rule provider {}: rule type '{}' is missing or already taken", p.getClass().getName(),
            type);
        continue;
      }
      found.put(type, p);
    }
    return Collections.unmodifiableMap(found);
  }

  static @Nullable RuleProvider find(String type) {
    return ROW.get(type);
  }

  static @Nullable AggregateRuleProvider findAggregate(String type) {
    return AGGREGATE.get(type);
  }

  static Set<String> types() {
    Set<String> all = new TreeSet<>(ROW.keySet());
    all.addAll(AGGREGATE.keySet());
    return all;
  }
}
