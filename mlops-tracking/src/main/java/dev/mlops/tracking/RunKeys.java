package dev.mlops.tracking;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The param, metric and tag keys that the runs of an experiment use, each set sorted and unmodifiable: what
 * a filter or an order-by clause can name, and what a runs table can offer as columns. Immutable.
 *
 * @param params every param key that at least one run has
 * @param metrics every metric key that at least one run has logged
 * @param tags every tag key that at least one run has, system tags such as {@code mlops.fingerprint}
 *     included
 */
public record RunKeys(SortedSet<String> params, SortedSet<String> metrics, SortedSet<String> tags) {
  /**
   * Creates the keys.
   *
   * @param params the param keys; copied
   * @param metrics the metric keys; copied
   * @param tags the tag keys; copied
   */
  public RunKeys {
    params = sorted(params, "params");
    metrics = sorted(metrics, "metrics");
    tags = sorted(tags, "tags");
  }

  /**
   * Creates the keys from any collections.
   *
   * @param params the param keys; copied
   * @param metrics the metric keys; copied
   * @param tags the tag keys; copied
   * @return the keys
   */
  public static RunKeys of(Collection<String> params, Collection<String> metrics, Collection<String> tags) {
    return new RunKeys(new TreeSet<>(params), new TreeSet<>(metrics), new TreeSet<>(tags));
  }

  private static SortedSet<String> sorted(SortedSet<String> keys, String what) {
    Objects.requireNonNull(keys, what);
    return Collections.unmodifiableSortedSet(new TreeSet<>(keys));
  }
}
