package dev.mlops.tracking.internal.store;

import dev.mlops.core.spi.StorageKeys;

/**
 * Where tracking data lives in the storage SPI. Records: {@code tracking/experiments/<escaped name>},
 * {@code tracking/runs/<experiment id>/<run id>}, {@code tracking/run-index/<run id>}; series:
 * {@code tracking/metrics/<run id>} and {@code tracking/run-changes/<experiment id>} (the ids of runs whose
 * record changed, in order, so readers refresh only those). Ids are hex; an experiment name becomes its
 * segment through {@link StorageKeys#segmentOf(String)}, which is the plain escape for every name stored
 * before (so old stores read unchanged) and a digest segment for a name whose escape would pass 255
 * characters (250 spaces escape to 750); experiments are listed from their records, which hold the name.
 * Stateless.
 */
public final class TrackingLayout {
  private static final String ROOT = "tracking/";

  private TrackingLayout() {}

  /** @return the prefix under which every experiment record lives */
  public static String experimentsPrefix() {
    return ROOT + "experiments/";
  }

  /**
   * @param name the experiment name, any allowed name up to 250 characters
   * @return the key of its record
   */
  public static String experiment(String name) {
    return experimentsPrefix() + StorageKeys.segmentOf(name);
  }

  /**
   * @param experimentId the experiment id
   * @return the prefix of its run records
   */
  public static String runsPrefix(String experimentId) {
    return ROOT + "runs/" + experimentId + "/";
  }

  /**
   * @param experimentId the experiment id
   * @param runId the run id
   * @return the key of the run record
   */
  public static String run(String experimentId, String runId) {
    return runsPrefix(experimentId) + runId;
  }

  /**
   * @param runId the run id
   * @return the key of the record naming the run's experiment
   */
  public static String runIndex(String runId) {
    return ROOT + "run-index/" + runId;
  }

  /**
   * @param runId the run id
   * @return the key of the record holding the run's fingerprint JSON
   */
  public static String fingerprint(String runId) {
    return ROOT + "fingerprints/" + runId;
  }

  /**
   * @param experimentId the experiment id
   * @return the key of the series of run-change notices of the experiment
   */
  public static String runChanges(String experimentId) {
    return ROOT + "run-changes/" + experimentId;
  }

  /**
   * @param runId the run id
   * @return the key of the run's metric series
   */
  public static String metrics(String runId) {
    return ROOT + "metrics/" + runId;
  }
}
