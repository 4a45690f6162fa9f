package dev.mlops.validation.internal.rules;

import dev.mlops.validation.spi.RuleProvider;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that discovers {@link RuleProvider}s. Providers load once, in a deterministic order (by type);
 * a provider that fails to load, or repeats a type, is logged and skipped. Thread-safe (initialised once by the
 * class loader).
 */
final class RuleProviders {
  private static final Logger LOG = LoggerFactory.getLogger(RuleProviders.class);
  private static final Map<String, RuleProvider> PROVIDERS = load();

  private RuleProviders() {}

  private static Map<String, RuleProvider> load() {
    Map<String, RuleProvider> found = new TreeMap<>();
    Iterator<RuleProvider> it = ServiceLoader.load(RuleProvider.class, RuleProviders.class.getClassLoader())
        .iterator();
    while (true) {
      RuleProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        LOG.warn("skipping a validation rule provider that failed to load: {}", e.getMessage());
        continue;
      }
      String type = p.type();
      if (RuleKernels.BUILT_IN.contains(type) || found.containsKey(type)) {
        LOG.warn("skipping rule provider {}: rule type '{}' is already taken", p.getClass().getName(), type);
        continue;
      }
      found.put(type, p);
    }
    return Collections.unmodifiableMap(found);
  }

  static @Nullable RuleProvider find(String type) {
    return PROVIDERS.get(type);
  }

  static java.util.Set<String> types() {
    return PROVIDERS.keySet();
  }
}
