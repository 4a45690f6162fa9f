package dev.mlops.core.internal.storage;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StorageProvider;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that discovers {@link StorageProvider}s through {@link ServiceLoader}.
 *
 * <p>Resolution is deterministic: for each scheme the provider with the highest priority wins, ties
 * going to the class name that sorts first. A provider that fails to load is logged and skipped, so one
 * broken jar never hides the others. Immutable after construction and thread-safe.
 */
public final class StorageProviders {
  private static final Logger LOG = LoggerFactory.getLogger(StorageProviders.class);

  private static final int MAX_FAILURES = 100;
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

  private final Map<String, StorageProvider> byScheme;
  private final List<String> failures;

  private StorageProviders(Map<String, StorageProvider> byScheme, List<String> failures) {
    this.byScheme = byScheme;
    this.failures = failures;
  }

  /**
   * Discovers the providers visible to a class loader.
   *
   * @param loader the class loader to search; null for this library's own
   * @return the resolved providers
   */
  public static StorageProviders discover(@Nullable ClassLoader loader) {
    ClassLoader cl = loader != null ? loader : StorageProviders.class.getClassLoader();
    List<StorageProvider> found = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Iterator<StorageProvider> it = ServiceLoader.load(StorageProvider.class, cl).iterator();
    // ServiceLoader recovers from a bad entry only on a best-effort basis; a loader that keeps failing
    // at the same place would otherwise spin here forever
    while (failures.size() < MAX_FAILURES) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        failures.add(String.valueOf(e.getMessage()));
        LOG.warn("skipping a storage provider that failed to load: {}", e.toString());
      }
    }
    return of(found, failures);
  }

  /**
   * Resolves an explicit list of providers, as discovery would. A provider whose {@code scheme()} or
   * {@code priority()} throws, or whose scheme is not a lower-case URI scheme, is skipped and reported
   * among the failures.
   *
   * @param providers the candidates
   * @param failures descriptions of providers that failed to load, for error messages
   * @return the resolved providers
   */
  public static StorageProviders of(List<StorageProvider> providers, List<String> failures) {
    Map<String, StorageProvider> byScheme = new TreeMap<>();
    Map<StorageProvider, Integer> priorities = new IdentityHashMap<>();
    List<String> allFailures = new ArrayList<>(failures);
    for (StorageProvider p : providers) {
      String scheme;
      int priority;
      try {
        scheme = p.scheme();
        priority = p.priority();
      } catch (RuntimeException | LinkageError e) {
        allFailures.add(p.getClass().getName() + ": " + e);
        LOG.warn("skipping storage provider {}: {}", p.getClass().getName(), e.toString());
        continue;
      }
      if (scheme == null || !SCHEME.matcher(scheme).matches()) {
        allFailures.add(p.getClass().getName() + ": scheme " + (scheme == null ? "null" : "'" + scheme + "'")
            + " is not a lower-case URI scheme");
        LOG.warn("skipping storage provider {}: bad scheme {}", p.getClass().getName(), scheme);
        continue;
      }
      priorities.put(p, priority);
      StorageProvider current = byScheme.get(scheme);
      if (current == null || wins(p, current, priorities)) {
        if (current != null) {
          LOG.info("scheme '{}' is claimed by {} and {}; using {}", scheme, current.getClass().getName(),
              p.getClass().getName(), p.getClass().getName());
        }
        byScheme.put(scheme, p);
      }
    }
    return new StorageProviders(byScheme, List.copyOf(allFailures));
  }

  private static boolean wins(StorageProvider p, StorageProvider current, Map<StorageProvider, Integer> priorities) {
    int byPriority = Integer.compare(priorities.get(p), priorities.get(current));
    return byPriority > 0 || (byPriority == 0 && p.getClass().getName().compareTo(current.getClass().getName()) < 0);
  }

  private static String describe(StorageProvider p) {
    try {
      return p.description();
    } catch (RuntimeException | LinkageError e) {
      return p.getClass().getName();
    }
  }

  /** @return the schemes that can be opened, sorted */
  public List<String> schemes() {
    return List.copyOf(byScheme.keySet());
  }

  /**
   * Opens a store URI with the provider of its scheme.
   *
   * @param location the parsed URI
   * @return the open storage
   * @throws ConfigurationException if no provider serves the scheme; the message lists those that do
   */
  public Storage open(StorageLocation location) {
    StorageProvider provider = byScheme.get(location.scheme());
    if (provider == null) {
      StringBuilder msg = new StringBuilder("no storage provider for scheme '").append(location.scheme())
          .append("' in store URI '").append(location.redacted()).append("'. Schemes available on the classpath: ");
      if (byScheme.isEmpty()) {
        msg.append("none");
      }
      String sep = "";
      for (Map.Entry<String, StorageProvider> e : byScheme.entrySet()) {
        msg.append(sep).append(e.getKey()).append(": (").append(describe(e.getValue())).append(')');
        sep = ", ";
      }
      msg.append(". Add the jar of the backend that serves '").append(location.scheme())
          .append("' to the classpath, or use one of these schemes.");
      if (!failures.isEmpty()) {
        msg.append(" Providers that failed to load: ").append(String.join("; ", failures));
      }
      throw new ConfigurationException(msg.toString());
    }
    return provider.open(location);
  }
}
