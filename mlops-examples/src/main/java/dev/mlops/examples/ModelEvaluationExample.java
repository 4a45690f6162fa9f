package dev.mlops.examples;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import dev.mlops.validation.model.BinaryEvaluation;
import dev.mlops.validation.model.Bootstrap;
import dev.mlops.validation.model.FairnessMetric;
import dev.mlops.validation.model.FairnessReport;
import dev.mlops.validation.model.GateResult;
import dev.mlops.validation.model.Interval;
import dev.mlops.validation.model.Metric;
import dev.mlops.validation.model.ModelComparison;
import dev.mlops.validation.model.ModelGate;
import dev.mlops.validation.model.PairedComparison;
import dev.mlops.validation.model.Predictions;
import dev.mlops.validation.model.Promotion;
import dev.mlops.validation.model.SliceReport;
import dev.mlops.validation.model.SlicedEvaluation;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model testing end to end: trains two logistic regressions that tell a penguin's sex from its
 * measurements - a small one on the beak alone and a full one on every measurement and the species - and
 * judges them on held-out rows: metrics with bootstrap intervals, slices by species and island, fairness
 * over islands, DeLong's test of one against the other, and a {@link ModelGate}. A model becomes
 * {@code champion} only through {@link Promotion}, which moves the alias when the gate passed and records
 * the verdict's digest and a reason.
 *
 * <ol>
 *   <li>the small model, with no champion yet: it misses the Chinstrap slice and the fairness bar, so it is
 *       refused and there is still no champion;</li>
 *   <li>the full model, with no champion yet: it passes and becomes {@code champion};</li>
 *   <li>the small model challenges the champion: DeLong's test finds it worse, it is refused;</li>
 *   <li>the full model retrained with a stronger penalty challenges the champion: not worse by more than the
 *       margin, it passes and replaces it.</li>
 * </ol>
 *
 * <p>Run it with {@code mvn -pl mlops-examples exec:java -Dexample.mainClass=dev.mlops.examples.ModelEvaluationExample}.
 */
public final class ModelEvaluationExample {
  private static final String[] MEASUREMENTS = {"Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"};
  private static final List<String> SPECIES = List.of("Adelie", "Chinstrap", "Gentoo");
  private static final long SEED = 20261206;
  private static final String MODEL = "penguins-sex";

  private ModelEvaluationExample() {}

  /**
   * Runs the example on a store named by the first argument, or a fresh in-memory store.
   *
   * @param args an optional store URI
   */
  public static void main(String[] args) {
    try (MlopsStore store = MlopsStore.open(args.length > 0 ? args[0] : "mem:")) {
      run(store, System.out);
    }
  }

  /** The gate every candidate must pass; it is data, so it could equally be read from a JSON file. */
  static ModelGate gate() {
    return ModelGate.builder("penguins-sex-gate")
        .atLeast(Metric.ROC_AUC, 0.75)
        .atMost(Metric.LOG_LOSS, 0.6)
        .notWorseThanChampion(Metric.ROC_AUC, 0.02)
        .sliceAtLeast("species", Metric.ACCURACY, 0.6)
        .fairnessAtMost("island", FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, 0.35)
        .minSliceSize(10)
        .seed(SEED)
        .build();
  }

  /**
   * Trains, evaluates, gates and promotes, printing what happens.
   *
   * @param store the store holding the model artifacts
   * @param out where the report goes
   * @return the champion at the end
   */
  public static ArtifactVersion run(MlopsStore store, PrintStream out) {
    Data data = Data.load();
    out.printf("penguins with a known sex: %d rows, %d train / %d test%n", data.rows(), data.train.length, data.test.length);
    double[] small = Logistic.train(data, data.train, false, 0.001).predict(data, data.test, false);
    double[] full = Logistic.train(data, data.train, true, 0.001).predict(data, data.test, true);
    double[] retrained = Logistic.train(data, data.train, true, 0.02).predict(data, data.test, true);
    Table test = data.testTable(small, full, retrained);

    Predictions smallModel = Predictions.binary("male", "small");
    Predictions fullModel = Predictions.binary("male", "full");
    Bootstrap bootstrap = Bootstrap.builder().resamples(1000).seed(SEED).build();
    for (Predictions p : List.of(smallModel, fullModel)) {
      BinaryEvaluation e = (BinaryEvaluation) p.evaluate(test);
      Interval auc = bootstrap.interval(e, Metric.ROC_AUC);
      out.printf(Locale.ROOT, "%-5s ROC AUC %.3f [%.3f, %.3f], average precision %.3f, log loss %.3f, accuracy %.3f, "
              + "ECE %.3f%n", p.predictionColumns().get(0), auc.estimate(), auc.lower(), auc.upper(), e.averagePrecision(),
          e.logLoss(), e.at(0.5).accuracy(), e.calibration(10).expectedCalibrationError());
    }
    for (Predictions p : List.of(smallModel, fullModel)) {
      SliceReport slices = SlicedEvaluation.builder(test, p)
          .metrics(Metric.ROC_AUC, Metric.ACCURACY, Metric.F1)
          .by("species").by("island").minSliceSize(10).build().evaluate();
      out.println("slices of the " + p.predictionColumns().get(0) + " model:");
      out.print(slices.toTable());
    }
    FairnessReport fairness = FairnessReport.of(test, fullModel, "island", 0.5);
    out.printf(Locale.ROOT, "full model over islands: demographic parity difference %.3f, equalized odds difference %.3f%n",
        fairness.demographicParityDifference(), fairness.equalizedOddsDifference());
    PairedComparison delong = ModelComparison.delong((BinaryEvaluation) fullModel.evaluate(test),
        (BinaryEvaluation) smallModel.evaluate(test), 0.95);
    out.printf(Locale.ROOT, "DeLong full - small: %+.3f [%+.3f, %+.3f], p = %.2g%n", delong.difference(), delong.lower(),
        delong.upper(), delong.pValue());

    Artifacts artifacts = store.artifacts();
    ModelGate gate = gate();
    ArtifactVersion smallVersion = publish(artifacts, "small", small);
    ArtifactVersion fullVersion = publish(artifacts, "full", full);
    ArtifactVersion retrainedVersion = publish(artifacts, "retrained", retrained);
    step(out, artifacts, gate, test, "1. the small model, no champion yet:", smallVersion,
        "first model, on the beak measurements");
    step(out, artifacts, gate, test, "2. the full model, no champion yet:", fullVersion, "all measurements and the species");
    step(out, artifacts, gate, test, "3. the small model challenges the champion:", smallVersion,
        "retry of the beak-only model");
    step(out, artifacts, gate, test, "4. the full model retrained with a stronger penalty challenges the champion:",
        retrainedVersion, "weekly retrain");
    ArtifactVersion champion = artifacts.get(MODEL + "@champion");
    out.printf("champion: %s (%s)%n", champion.id(), champion.properties().get("features"));
    return champion;
  }

  /** Judges a candidate against the current champion, if any, and promotes it through the gate. */
  private static void step(PrintStream out, Artifacts artifacts, ModelGate gate, Table test, String title,
      ArtifactVersion candidate, String reason) {
    out.println(title);
    Integer current = artifacts.aliases(MODEL).get("champion");
    Predictions champion = current == null ? null
        : Predictions.binary("male", artifacts.get(MODEL + "@" + current).properties().get("features"));
    GateResult verdict = gate.evaluate(test,
        Predictions.binary("male", candidate.properties().get("features")), champion);
    out.print(verdict.summary());
    report(out, Promotion.promote(artifacts, candidate, "champion", verdict, reason));
  }

  private static void report(PrintStream out, Promotion promotion) {
    out.println(promotion.promoted()
        ? "   promoted " + promotion.candidate() + " to " + promotion.alias() + " (gate result " + promotion.gateDigest() + ")"
        : "   not promoted: " + promotion.candidate() + " stays where it is (" + promotion.explanation() + ")");
  }

  private static ArtifactVersion publish(Artifacts artifacts, String kind, double[] testScores) {
    String json = "{\"model\":\"" + kind + "\",\"testScores\":" + Arrays.toString(testScores) + "}";
    return artifacts.publish(MODEL, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        ArtifactSpec.builder().description("logistic regression on " + kind + " features").property("features", kind).build());
  }

  /** Logistic regression by full-batch gradient descent on standardized features. */
  private static final class Logistic {
    private final double[] w;

    private Logistic(double[] w) {
      this.w = w;
    }

    static Logistic train(Data d, int[] rows, boolean full, double l2) {
      double[] w = new double[d.features(rows[0], full).length];
      for (int epoch = 0; epoch < 500; epoch++) {
        double[] grad = new double[w.length];
        for (int i : rows) {
          double[] x = d.features(i, full);
          double g = sigmoid(dot(w, x)) - (d.male[i] ? 1 : 0);
          for (int j = 0; j < w.length; j++) {
            grad[j] += g * x[j];
          }
        }
        for (int j = 0; j < w.length; j++) {
          w[j] -= 0.5 * (grad[j] / rows.length + (j == 0 ? 0 : l2 * w[j]));
        }
      }
      return new Logistic(w);
    }

    double[] predict(Data d, int[] rows, boolean full) {
      double[] p = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        p[i] = sigmoid(dot(w, d.features(rows[i], full)));
      }
      return p;
    }

    private static double dot(double[] w, double[] x) {
      double s = 0;
      for (int j = 0; j < w.length; j++) {
        s += w[j] * x[j];
      }
      return s;
    }

    private static double sigmoid(double z) {
      return 1 / (1 + Math.exp(-z));
    }
  }

  /** Complete rows with a known sex, standardized, with a seeded 70/30 split. */
  private static final class Data {
    final double[][] x;
    final boolean[] male;
    final String[] species;
    final String[] island;
    final int[] train;
    final int[] test;

    private Data(double[][] x, boolean[] male, String[] species, String[] island, int[] train, int[] test) {
      this.x = x;
      this.male = male;
      this.species = species;
      this.island = island;
      this.train = train;
      this.test = test;
    }

    int rows() {
      return x.length;
    }

    /** The bias, then the beak (small) or every measurement and the species one-hot (full). */
    double[] features(int row, boolean full) {
      if (!full) {
        return new double[] {1, x[row][0], x[row][1]};
      }
      double[] f = new double[1 + MEASUREMENTS.length + SPECIES.size() - 1];
      f[0] = 1;
      System.arraycopy(x[row], 0, f, 1, MEASUREMENTS.length);
      int s = SPECIES.indexOf(species[row]);
      if (s > 0) {
        f[MEASUREMENTS.length + s] = 1;
      }
      return f;
    }

    Table testTable(double[] small, double[] full, double[] retrained) {
      Table.Builder b = Table.builder().column("male", ColumnType.BOOLEAN).column("small", ColumnType.DOUBLE)
          .column("full", ColumnType.DOUBLE).column("retrained", ColumnType.DOUBLE).column("species", ColumnType.STRING)
          .column("island", ColumnType.STRING);
      for (int i = 0; i < test.length; i++) {
        int r = test[i];
        b.row(male[r], small[i], full[i], retrained[i], species[r], island[r]);
      }
      return b.build();
    }

    static Data load() {
      JsonNode rows = JsonMapper.builder().build().readTree(ExampleFiles.penguinJson());
      List<double[]> xs = new ArrayList<>();
      List<Boolean> ys = new ArrayList<>();
      List<String> sp = new ArrayList<>();
      List<String> is = new ArrayList<>();
      for (JsonNode r : rows) {
        String sex = r.path("Sex").asString("");
        if (!sex.equals("MALE") && !sex.equals("FEMALE")) {
          continue;
        }
        double[] v = new double[MEASUREMENTS.length];
        boolean complete = true;
        for (int j = 0; j < MEASUREMENTS.length && complete; j++) {
          JsonNode cell = r.get(MEASUREMENTS[j]);
          complete = cell != null && cell.isNumber();
          v[j] = complete ? cell.asDouble() : 0;
        }
        if (complete) {
          xs.add(v);
          ys.add(sex.equals("MALE"));
          sp.add(r.path("Species").asString());
          is.add(r.path("Island").asString());
        }
      }
      double[][] x = xs.toArray(new double[0][]);
      Standardization.fitInPlace(x, 0, MEASUREMENTS.length);
      boolean[] male = new boolean[ys.size()];
      for (int i = 0; i < male.length; i++) {
        male[i] = ys.get(i);
      }
      SeededSplit split = SeededSplit.shuffle(x.length, SEED, 0.7);
      return new Data(x, male, sp.toArray(new String[0]), is.toArray(new String[0]), split.train(), split.test());
    }
  }
}
