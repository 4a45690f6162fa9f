package dev.mlops.examples;

import dev.mlops.core.MlopsStore;
import java.io.PrintStream;

/**
 * The main job: runs every capability of the SDK end to end on the embedded default store
 * ({@code ./.mlops} under the working directory), as a training pipeline and a model server would use it.
 *
 * <ol>
 *   <li>validate the raw penguins data ({@link ValidationExample});</li>
 *   <li>version it, alias it and derive a cleaned version with lineage ({@link ArtifactsExample});</li>
 *   <li>train a classifier in a tracked sweep, rank the trials, publish the best model as {@code champion}
 *       with lineage to the data and the run's fingerprint ({@link TrackingExample});</li>
 *   <li>fingerprint the training setup and explain a changed hyperparameter ({@link FingerprintExample});</li>
 *   <li>compare weather data across years and seasons for data drift ({@link DriftExample});</li>
 *   <li>watch a live accuracy stream for metric drift across a server restart ({@link MetricMonitorExample});</li>
 *   <li>evaluate two classifiers with slices, fairness and DeLong's test, and promote through a gate
 *       ({@link ModelEvaluationExample});</li>
 *   <li>serve the champion over HTTP with input validation and Prometheus metrics ({@link ServingExample}).</li>
 * </ol>
 *
 * <p>Run it with {@code mvn -B -q -DskipTests -Prun-example package} from the repository root. Running it
 * twice shows deduplication: unchanged data sets are not versioned again.
 */
public final class EndToEndExample {
  private EndToEndExample() {}

  /**
   * Runs the pipeline on the default store.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (MlopsStore store = MlopsStore.open()) {
      run(store, System.out);
    }
  }

  /**
   * Runs the pipeline on a store, printing what it does.
   *
   * @param store the store to use
   * @param out where to print
   */
  public static void run(MlopsStore store, PrintStream out) {
    out.println("mlops end-to-end example on " + store.describe());
    section(out, "1. Validate the raw data");
    ValidationExample.run(out);
    section(out, "2. Version the data set");
    ArtifactsExample.run(store, out);
    section(out, "3. Train in a tracked sweep and publish the champion model");
    TrackingExample.run(store, out);
    section(out, "4. Fingerprint the training setup");
    FingerprintExample.run(out);
    section(out, "5. Data drift");
    DriftExample.run(out);
    section(out, "6. Metric drift in a model server");
    MetricMonitorExample.run(out);
    section(out, "7. Model testing: slices, gate and promotion");
    ModelEvaluationExample.run(store, out);
    section(out, "8. Serve the champion model");
    ServingExample.run(store, out);
    out.println();
    out.println("done; the store is at " + store.describe());
  }

  private static void section(PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }
}
