package dev.mlops.examples;

import dev.mlops.core.MlopsStore;
import java.io.PrintStream;
import org.jspecify.annotations.Nullable;

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
 * twice shows deduplication: unchanged data sets are not versioned again. Add
 * {@code -Dmlops.example.blobs=s3://bucket/prefix?...} to keep the blobs in an S3-compatible bucket.
 */
public final class EndToEndExample {
  private EndToEndExample() {}

  /**
   * The system property that keeps the example's blobs in an S3 bucket, as an {@code s3://} URI
   * (mlops-storage-s3), while records stay in {@code ./.mlops}: for example
   * {@code -Dmlops.example.blobs=s3://models/example?endpoint=http://127.0.0.1:9000&pathStyle=true}.
   */
  public static final String BLOBS_PROPERTY = "mlops.example.blobs";

  /**
   * Runs the pipeline on the default store, with its blobs where {@value #BLOBS_PROPERTY} says.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (MlopsStore store = open(MlopsStore.DEFAULT_URI, System.getProperty(BLOBS_PROPERTY))) {
      run(store, System.out);
    }
  }

  /**
   * Opens the example's store: records and series at a store URI, blobs there too or at a blob URI.
   *
   * @param storageUri where records and series live, such as {@code file:.mlops}
   * @param blobsUri where blobs live, such as {@code s3://bucket/prefix?...}; null or blank for the store itself
   * @return the open store
   */
  static MlopsStore open(String storageUri, @Nullable String blobsUri) {
    MlopsStore.Builder builder = MlopsStore.builder().storage(storageUri);
    return (blobsUri == null || blobsUri.isBlank() ? builder : builder.blobs(blobsUri)).open();
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
