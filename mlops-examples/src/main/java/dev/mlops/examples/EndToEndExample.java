package dev.mlops.examples;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.leaderboard.Leaderboard;
import dev.mlops.ui.HtmlReport;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.drift.DatasetDrift;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *   <li>serve the champion over HTTP with input validation and Prometheus metrics ({@link ServingExample});</li>
 *   <li>write single-file HTML reports of the validation, the drift and the leaderboard into
 *       {@code mlops-reports/} beside the store ({@link HtmlReport}).</li>
 * </ol>
 *
 * <p>Run it with {@code mvn -B -q -DskipTests -Prun-example package} from the repository root. Running it
 * twice shows deduplication: unchanged data sets are not versioned again.
 *
 * <p>The store is chosen by the first of: the argument {@code --store <uri>}, the system property
 * {@value #STORE_PROPERTY}, the environment variable {@value #STORE_ENV}; without any, the embedded default.
 * With mlops-storage-jdbc on the class path (it is, here) the same pipeline runs on a database:
 * {@code -Dmlops.store=sqlite:/tmp/mlops.db} or
 * {@code -Dmlops.store=postgresql://localhost/mlops?user=alice} (password from {@code PGPASSWORD} or
 * {@code ~/.pgpass}).
 *
 * <p>Set {@value #BLOBS_PROPERTY} (for example {@code -Dmlops.example.blobs=s3://bucket/prefix?...}) to keep the
 * blobs in an S3-compatible bucket while records and series stay in the chosen store.
 */
public final class EndToEndExample {
  /** The system property that names the store URI. */
  public static final String STORE_PROPERTY = "mlops.store";

  /** The environment variable that names the store URI. */
  public static final String STORE_ENV = "MLOPS_STORE";

  private EndToEndExample() {}

  /**
   * The system property that keeps the example's blobs in an S3 bucket, as an {@code s3://} URI
   * (mlops-storage-s3), while records stay in the chosen store: for example
   * {@code -Dmlops.example.blobs=s3://models/example?endpoint=http://127.0.0.1:9000&pathStyle=true}.
   */
  public static final String BLOBS_PROPERTY = "mlops.example.blobs";

  /**
   * Runs the pipeline on the store the arguments, system property or environment name, with its blobs where
   * {@value #BLOBS_PROPERTY} says.
   *
   * @param args empty, or {@code --store <uri>}
   */
  public static void main(String[] args) {
    try (MlopsStore store = open(storeUri(args, System.getProperty(STORE_PROPERTY), System.getenv(STORE_ENV)),
        System.getProperty(BLOBS_PROPERTY))) {
      run(store, System.out);
    }
  }

  /**
   * Chooses the store URI: {@code --store <uri>} in the arguments, else the property, else the
   * environment variable, else {@link MlopsStore#DEFAULT_URI}.
   *
   * @param args the command-line arguments
   * @param property the value of {@value #STORE_PROPERTY}, or null
   * @param env the value of {@value #STORE_ENV}, or null
   * @return the URI to open
   * @throws IllegalArgumentException if the arguments hold anything but one {@code --store <uri>}
   */
  static String storeUri(String[] args, @Nullable String property, @Nullable String env) {
    if (args.length == 2 && args[0].equals("--store")) {
      return args[1];
    }
    if (args.length != 0) {
      throw new IllegalArgumentException("usage: EndToEndExample [--store <uri>], for example --store sqlite:/tmp/mlops.db");
    }
    if (property != null && !property.isBlank()) {
      return property;
    }
    return env != null && !env.isBlank() ? env : MlopsStore.DEFAULT_URI;
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
    out.println("mlops end-to-end example: a training pipeline and a model server, in-process, on one store");
    out.println("store: " + store.describe());
    section(out, "1. Validate the raw data",
        "A validation suite judges the Palmer penguins data; its rows that break a rule are listed, and a profile of"
            + " the Seattle weather data suggests a suite of its own.");
    ValidationResult validation = ValidationExample.run(out);
    section(out, "2. Version the data set",
        "The penguins file becomes a numbered artifact version with an alias; a cleaned directory derived from it"
            + " records its lineage and is restored from the store.");
    ArtifactsExample.run(store, out);
    section(out, "3. Train in a tracked sweep and publish the champion model",
        "A grid of learning rates and penalties trains a classifier, each trial a tracked run; the leaderboard ranks"
            + " them, the best model is published as champion, and a run that fails is recorded as FAILED.");
    Leaderboard leaderboard = TrackingExample.run(store, out).leaderboard();
    section(out, "4. Fingerprint the training setup",
        "Two setups that differ in one hyperparameter get different fingerprints, and their diff says why.");
    FingerprintExample.run(out);
    section(out, "5. Data drift",
        "Seattle weather of 2015 and of summer is compared column by column with 2012 and winter, first on raw rows,"
            + " then as a server would: a stored reference profile against a sliding window.");
    DatasetDrift drift = DriftExample.run(out);
    section(out, "6. Metric drift in a model server",
        "A change detector watches a live error stream whose accuracy drops half way, and keeps its state across a"
            + " server restart.");
    MetricMonitorExample.run(out);
    section(out, "7. Model testing: slices, gate and promotion",
        "Two classifiers are evaluated overall, per species and island, for fairness and against each other; a gate"
            + " decides which may become champion.");
    ModelEvaluationExample.run(store, out);
    section(out, "8. Serve the champion model",
        "The champion model answers HTTP requests; bad inputs get 422 with the rules they broke, and the mlops"
            + " counters appear on /metrics.");
    ServingExample.run(store, out);
    section(out, "9. HTML reports",
        "Single-file reports of the validation, the drift and the leaderboard, to open in a browser.");
    Path reports = reportsBeside(store);
    HtmlReport.of(validation).writeTo(reports.resolve("validation.html"));
    HtmlReport.of(drift).titled("Data drift: 2015 against 2012").writeTo(reports.resolve("drift.html"));
    HtmlReport.of(leaderboard).writeTo(reports.resolve("leaderboard.html"));
    out.println("validation.html, drift.html and leaderboard.html are in " + reports);
    out.println();
    out.println("done; the store is at " + store.describe());
    out.println("it holds the artifact versions, runs and metrics above; run the example again and the unchanged"
        + " data sets are not versioned again");
  }

  /** {@code mlops-reports/} beside a file store's directory; a temporary directory for other stores. */
  private static Path reportsBeside(MlopsStore store) {
    String where = store.describe();
    try {
      return where.startsWith("file:")
          ? Path.of(where.substring("file:".length())).toAbsolutePath().resolveSibling("mlops-reports")
          : Files.createTempDirectory("mlops-reports");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the reports", e);
    }
  }

  private static void section(PrintStream out, String title, String whatItShows) {
    out.println();
    out.println("== " + title);
    out.println(whatItShows);
    out.println();
  }
}
