package dev.mlops.benchmarks.tracking;

import dev.mlops.core.spi.Storage;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.internal.store.ExperimentDocument;
import dev.mlops.tracking.internal.store.ProcessOwner;
import dev.mlops.tracking.internal.store.RunDocument;
import dev.mlops.tracking.internal.store.TrackingJson;
import dev.mlops.tracking.internal.store.TrackingLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills a storage with finished runs of one experiment, each with 20 params and 20 metrics, written
 * through the storage SPI in the tracker's own record layout (starting 10,000 runs through the API would
 * make the benchmark's setup, not its measurement, dominated by fsyncs). Seeded, so every fork sees the
 * same runs. Each run also has 1 tag; run ids are random 128-bit hex, like the ids the tracker makes.
 */
public final class RunPopulation {
  public static final String EXPERIMENT = "bench";

  private RunPopulation() {}

  public static void populate(Storage storage, int runs) {
    String experimentId = "e".repeat(32);
    storage.records().create(TrackingLayout.experiment(EXPERIMENT), TrackingJson.write(
        new ExperimentDocument(experimentId, EXPERIMENT, 0, Map.of(), false)));
    SplittableRandom rng = new SplittableRandom(7);
    for (int r = 0; r < runs; r++) {
      String id = String.format("%016x%016x", rng.nextLong(), rng.nextLong()); // random, as the tracker's ids are
      Map<String, String> params = new LinkedHashMap<>();
      Map<String, RunDocument.LatestMetric> metrics = new LinkedHashMap<>();
      for (int k = 0; k < 20; k++) {
        params.put("param_" + k, k == 0 ? (r % 4 == 0 ? "tree" : "linear") : String.valueOf(rng.nextInt(100)));
        metrics.put("metric_" + k, new RunDocument.LatestMetric(rng.nextDouble(), 99, 1_700_000_000_000L + r));
      }
      RunDocument doc = new RunDocument(id, experimentId, "run-" + r, null, RunStatus.FINISHED.name(),
          1_700_000_000_000L + r, 1_700_000_000_000L + r + 1000, ProcessOwner.current(), 1_700_000_001_000L + r,
          params, Map.of("team", r % 2 == 0 ? "a" : "b"), metrics);
      storage.records().create(TrackingLayout.runIndex(id), TrackingJson.write(Map.of("experimentId", experimentId)));
      storage.records().create(TrackingLayout.run(experimentId, id), TrackingJson.write(doc));
    }
  }
}
