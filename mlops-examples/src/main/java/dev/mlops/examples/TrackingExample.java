package dev.mlops.examples;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.examples.server.PenguinsModel;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.leaderboard.Aggregation;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.tracking.leaderboard.LeaderboardEntry;
import dev.mlops.tracking.sweep.Sweep;
import dev.mlops.tracking.sweep.SweepResult;
import dev.mlops.validation.Table;
import dev.mlops.validation.drift.BinningOptions;
import dev.mlops.validation.drift.DatasetProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Experiment tracking end to end: trains a softmax (multinomial logistic) regression on the Palmer
 * penguins by gradient descent, sweeps the learning rate and the L2 penalty as child runs of one sweep,
 * logging the training loss per epoch and the held-out accuracy, and prints the leaderboard. The data set
 * is published as an artifact version and every trial records it as its {@code train} input, attaches the
 * fingerprint of its setup (code version, data digest, hyperparameters, seed) and publishes its model as
 * a version of {@code penguins-softmax} with lineage to the data; the best model gets the alias
 * {@code champion}.
 *
 * <p>Run it with {@code mvn -pl mlops-examples exec:java -Dexample.mainClass=dev.mlops.examples.TrackingExample}
 * (an optional argument names the store URI; the default is a fresh in-memory store).
 */
public final class TrackingExample {
  private static final String[] FEATURES = {"Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"};
  private static final List<String> SPECIES = List.of("Adelie", "Chinstrap", "Gentoo");
  private static final int EPOCHS = 200;
  private static final long SEED = 20261127;

  private TrackingExample() {}

  /**
   * Runs the example on a store named by the first argument, or a fresh in-memory store.
   *
   * @param args an optional store URI such as {@code file:.mlops}
   */
  public static void main(String[] args) {
    try (MlopsStore store = MlopsStore.open(args.length > 0 ? args[0] : "mem:")) {
      run(store, System.out);
    }
  }

  /**
   * Loads the penguins, runs the sweep on the store and prints the leaderboard.
   *
   * @param store the store to track in
   * @param out where the report goes
   * @return the sweep's result
   */
  public static SweepResult run(MlopsStore store, PrintStream out) {
    Dataset data = Dataset.load();
    out.printf("penguins: %d complete rows, %d train / %d test%n", data.x.length, data.train.length, data.test.length);
    Artifacts artifacts = store.artifacts();
    ArtifactVersion dataset;
    try (InputStream in = TrackingExample.class.getResourceAsStream("/datasets/penguins.json")) {
      dataset = artifacts.publish("penguins", in, ArtifactSpec.builder().description("Palmer penguins (CC0)").build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.printf("dataset %s %s%n", dataset.id(), dataset.digest());
    try (Tracker tracker = Tracker.on(store)) {
      SweepResult result = Sweep.builder(tracker, "penguins-softmax")
          .name("lr-l2-grid")
          .choice("learning_rate", 0.01, 0.1, 0.5)
          .choice("l2", 0.0, 0.01, 0.1)
          .objective("test_accuracy", Direction.MAXIMIZE, Aggregation.LAST) // or MAX: the best over the epochs
          .parallelism(2)
          .build()
          .run((run, params) -> {
            Fingerprint setup = Fingerprint.builder().code("tracking-example-1")
                .data("train", dataset.digest()).config(params).seed(SEED).build();
            run.logInput("train", dataset).logFingerprint(setup);
            double[][] weights = train(run, data, params.getDouble("learning_rate"), params.getDouble("l2"));
            ArtifactVersion model = artifacts.publish("penguins-softmax",
                new ByteArrayInputStream(data.model(weights).toJson().getBytes(StandardCharsets.UTF_8)),
                ArtifactSpec.builder().parent(dataset).runId(run.id()).producedBy(setup.id()).build());
            run.logOutput("model", model);
          });
      out.printf("sweep %s: %d trials, %d failed%n", result.parentRunId(), result.trialsRun(), result.trialsFailed());
      out.print(result.leaderboard().toTable());
      LeaderboardEntry best = result.leaderboard().best().orElseThrow();
      out.printf("best: run %s with %s, test accuracy %.4f%n", best.runId(), best.params(), best.score());
      ArtifactVersionId champion = ArtifactVersionId.parse(tracker.getRun(best.runId()).outputs().get("model"));
      artifacts.alias(champion.name(), "champion", champion.version());
      ArtifactVersion published = artifacts.get(champion.name() + "@champion");
      out.printf("champion: %s (parents %s)%n", published.id(), published.parents());
      out.printf("fingerprint of the best run: %s%n", tracker.fingerprint(best.runId()).orElseThrow().id());
      String[] rejected = new String[1];
      try (Run run = tracker.startRun("penguins-softmax", "negative-learning-rate")) {
        rejected[0] = run.id();
        run.logParam("learning_rate", -0.1);
        train(run, data, -0.1, 0.0); // throws before finish(): closing the run unfinished ends it FAILED
        run.finish();
      } catch (IllegalArgumentException e) {
        RunSnapshot failed = tracker.getRun(rejected[0]);
        out.printf("run %s ended %s (%s)%n", failed.name(), failed.status(), e.getMessage());
      }
      return result;
    }
  }

  /** Trains one model by full-batch gradient descent and logs loss per epoch and the final accuracies. */
  private static double[][] train(Run run, Dataset d, double lr, double l2) {
    if (!(lr > 0) || !(l2 >= 0) || Double.isInfinite(lr) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("learning_rate must be positive and l2 non-negative, got " + lr + " and " + l2);
    }
    int k = SPECIES.size();
    int f = FEATURES.length + 1;
    double[][] w = new double[k][f];
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      double[][] grad = new double[k][f];
      double loss = 0;
      for (int i : d.train) {
        double[] p = softmax(w, d.x[i]);
        loss -= Math.log(Math.max(p[d.y[i]], 1e-15));
        for (int c = 0; c < k; c++) {
          double g = p[c] - (c == d.y[i] ? 1 : 0);
          for (int j = 0; j < f; j++) {
            grad[c][j] += g * d.x[i][j];
          }
        }
      }
      int n = d.train.length;
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < f; j++) {
          w[c][j] -= lr * (grad[c][j] / n + (j == 0 ? 0 : l2 * w[c][j]));
        }
      }
      run.logMetric("train_loss", loss / n, epoch);
    }
    run.logMetrics(Map.of("train_accuracy", accuracy(w, d, d.train), "test_accuracy", accuracy(w, d, d.test)), EPOCHS);
    return w;
  }

  private static double accuracy(double[][] w, Dataset d, int[] rows) {
    int right = 0;
    for (int i : rows) {
      double[] p = softmax(w, d.x[i]);
      int arg = 0;
      for (int c = 1; c < p.length; c++) {
        if (p[c] > p[arg]) {
          arg = c;
        }
      }
      right += arg == d.y[i] ? 1 : 0;
    }
    return (double) right / rows.length;
  }

  private static double[] softmax(double[][] w, double[] x) {
    double[] z = new double[w.length];
    for (int c = 0; c < w.length; c++) {
      for (int j = 0; j < x.length; j++) {
        z[c] += w[c][j] * x[j];
      }
    }
    return PenguinsModel.softmax(z);
  }

  /**
   * The complete rows, standardized, with a bias column first and a seeded 70/30 split; the standardization and
   * the profile of the raw inputs travel with every published model.
   */
  private static final class Dataset {
    final double[][] x;
    final int[] y;
    final int[] train;
    final int[] test;
    final Standardization scaling;
    final DatasetProfile reference;

    private Dataset(double[][] x, int[] y, int[] train, int[] test, Standardization scaling,
        DatasetProfile reference) {
      this.x = x;
      this.y = y;
      this.train = train;
      this.test = test;
      this.scaling = scaling;
      this.reference = reference;
    }

    PenguinsModel model(double[][] weights) {
      return new PenguinsModel(SPECIES, List.of(FEATURES), scaling.means(), scaling.sds(), weights, reference);
    }

    static Dataset load() {
      JsonNode rows = JsonMapper.builder().build().readTree(ExampleFiles.penguinJson());
      List<double[]> xs = new ArrayList<>();
      List<Integer> ys = new ArrayList<>();
      List<Map<String, Object>> inputs = new ArrayList<>();
      for (JsonNode r : rows) {
        double[] v = new double[FEATURES.length + 1];
        v[0] = 1;
        boolean complete = SPECIES.contains(r.path("Species").asString(""));
        for (int j = 0; j < FEATURES.length && complete; j++) {
          JsonNode cell = r.get(FEATURES[j]);
          complete = cell != null && cell.isNumber();
          v[j + 1] = complete ? cell.asDouble() : 0;
        }
        if (complete) {
          xs.add(v);
          ys.add(SPECIES.indexOf(r.get("Species").asString()));
          Map<String, Object> input = new java.util.LinkedHashMap<>();
          for (int j = 0; j < FEATURES.length; j++) {
            input.put(FEATURES[j], v[j + 1]);
          }
          input.put("Island", r.path("Island").asString(""));
          inputs.add(input);
        }
      }
      double[][] x = xs.toArray(new double[0][]);
      Standardization scaling = Standardization.fitInPlace(x, 1, FEATURES.length);
      SeededSplit split = SeededSplit.shuffle(x.length, SEED, 0.7);
      return new Dataset(x, ys.stream().mapToInt(Integer::intValue).toArray(), split.train(), split.test(), scaling,
          DatasetProfile.fit(Table.fromMaps(inputs), BinningOptions.defaults()));
    }
  }
}
