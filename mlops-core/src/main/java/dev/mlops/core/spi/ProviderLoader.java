package dev.mlops.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every mlops SPI finds its providers: storage backends, blob stores, validation rules.
 *
 * <p>{@link #load} asks {@link ServiceLoader} for every provider of a type; a provider that fails to load
 * (a {@link ServiceConfigurationError} or a {@link LinkageError} such as a missing dependency) is logged and
 * skipped, so one broken jar never hides the others, and no failure escapes as an {@link Error}. At most
 * {@value #MAX_FAILURES} failures are collected: a class loader that keeps failing at the same entry cannot
 * spin forever. {@link #resolve} then picks one provider per name deterministically: the highest priority
 * wins, ties go to the class name that sorts first, whatever the classpath order; the choice is logged.
 *
 * <p>The results are immutable values; both methods are safe to call from any thread.
 *
 * @param <P> the provider type
 */
public final class ProviderLoader<P> {
  /** The most load failures collected before discovery stops. */
  public static final int MAX_FAILURES = 100;

  private static final Logger LOG = LoggerFactory.getLogger(ProviderLoader.class);

  private final Class<P> type;
  private final Function<P, String> name;
  private final ToIntFunction<P> priority;
  private final Predicate<String> validName;
  private final String what;

  private ProviderLoader(Class<P> type, Function<P, String> name, ToIntFunction<P> priority,
      Predicate<String> validName, String what) {
    this.type = type;
    this.name = name;
    this.priority = priority;
    this.validName = validName;
    this.what = what;
  }

  /**
   * Describes how providers of a type are told apart.
   *
   * @param type the service interface
   * @param what what a provider is, for logs and errors ("storage provider")
   * @param name the name a provider claims (a scheme, a rule name); may throw, which skips the provider
   * @param priority the provider's priority among those claiming one name; may throw likewise
   * @param validName which names are acceptable; a provider claiming another is skipped and reported
   * @param <P> the provider type
   * @return the loader
   */
  public static <P> ProviderLoader<P> of(Class<P> type, String what, Function<P, String> name,
      ToIntFunction<P> priority, Predicate<String> validName) {
    return new ProviderLoader<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(priority, "priority"), Objects.requireNonNull(validName, "validName"),
        Objects.requireNonNull(what, "what"));
  }

  /**
   * The providers resolved by name, and descriptions of those that failed to load or were refused.
   *
   * @param byName the winning provider of each name, sorted by name
   * @param failures one line per provider that was skipped, for error messages
   * @param <P> the provider type
   */
  public record Resolved<P>(Map<String, P> byName, List<String> failures) {
    /**
     * Copies the parts.
     *
     * @param byName the winning provider of each name
     * @param failures the skipped providers
     */
    public Resolved {
      byName = Collections.unmodifiableMap(new TreeMap<>(byName));
      failures = List.copyOf(failures);
    }
  }

  /**
   * Discovers the providers visible to a class loader and resolves them by name.
   *
   * @param loader the class loader to search; null for the loader of the service type
   * @return the resolved providers
   */
  public Resolved<P> load(@Nullable ClassLoader loader) {
    ClassLoader cl = loader != null ? loader : type.getClassLoader();
    List<P> found = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Iterator<P> it;
    try {
      it = ServiceLoader.load(type, cl).iterator();
    } catch (ServiceConfigurationError | LinkageError e) {
      LOG.warn("cannot look up {}s: {}", what, e.toString());
      return new Resolved<>(Map.of(), List.of(String.valueOf(e)));
    }
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
        LOG.warn("skipping a {} that failed to load: {}", what, e.toString());
      }
    }
    return resolve(found, failures);
  }

  /**
   * Resolves an explicit list of providers, as {@link #load} would. A provider whose name or priority
   * throws, or whose name is not valid, is skipped and reported among the failures.
   *
   * @param providers the candidates
   * @param failures descriptions of providers that failed earlier, kept in the result
   * @return the resolved providers
   */
  public Resolved<P> resolve(List<? extends P> providers, List<String> failures) {
    Map<String, P> byName = new TreeMap<>();
    Map<String, Integer> winningPriority = new TreeMap<>();
    List<String> allFailures = new ArrayList<>(failures);
    for (P p : providers) {
      String n;
      int prio;
      try {
        n = name.apply(p);
        prio = priority.applyAsInt(p);
      } catch (RuntimeException | LinkageError e) {
        allFailures.add(p.getClass().getName() + ": " + e);
        LOG.warn("skipping {} {}: {}", what, p.getClass().getName(), e.toString());
        continue;
      }
      if (n == null || !validName.test(n)) {
        allFailures.add(p.getClass().getName() + ": name " + (n == null ? "null" : "'" + n + "'")
            + " is not valid for a " + what);
        LOG.warn("skipping {} {}: invalid name {}", what, p.getClass().getName(), n);
        continue;
      }
      P current = byName.get(n);
      if (current == null) {
        byName.put(n, p);
        winningPriority.put(n, prio);
        continue;
      }
      int byPriority = Integer.compare(prio, winningPriority.get(n));
      boolean wins = byPriority > 0
          || (byPriority == 0 && p.getClass().getName().compareTo(current.getClass().getName()) < 0);
      P chosen = wins ? p : current;
      LOG.info("'{}' is claimed by {} and {}; using {}", n, current.getClass().getName(), p.getClass().getName(),
          chosen.getClass().getName());
      if (wins) {
        byName.put(n, p);
        winningPriority.put(n, prio);
      }
    }
    return new Resolved<>(byName, allFailures);
  }
}
