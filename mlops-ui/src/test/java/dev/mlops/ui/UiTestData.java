package dev.mlops.ui;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactKind;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.fingerprint.Environment;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import dev.mlops.validation.Check;
import dev.mlops.validation.Column;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.drift.DatasetDrift;
import dev.mlops.validation.drift.DriftDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** A store with a sweep, hostile strings, a lineage chain, a directory version and stored reports. */
final class UiTestData {
  static final String HOSTILE = "<img src=x onerror=alert(1)>";
  static final String EXPERIMENT = "sweep";
  static final int SWEEP_RUNS = 12;
  static final int LONG_STEPS = 5000;
  static final int SHORT_STEPS = 100;
  /** The one trial with a param and a metric no other run has: never on the first page of 5 (newest first). */
  static final int RARE_KEYS_TRIAL = 5;
  static final String RARE_PARAM = "warmup";
  static final String RARE_METRIC = "grad_norm";

  final List<String> runIds = new ArrayList<>();
  String hostileRunId;
  String longRunId;

  static UiTestData populate(MlopsStore store, Path scratch) {
    UiTestData d = new UiTestData();
    Artifacts artifacts = store.artifacts();
    ArtifactVersion raw = publish(artifacts, "penguins-raw", "species,mass\nAdelie,3700\n", ArtifactSpec.builder()
        .kind(ArtifactKind.DATASET).description("raw " + HOSTILE).property("source", HOSTILE).build());
    ArtifactVersion clean = publish(artifacts, "penguins-clean", "species,mass\nAdelie,3700\n\n", ArtifactSpec.builder()
        .kind(ArtifactKind.DATASET).parent(raw).build());
    try (Tracker tracker = Tracker.on(store)) {
      Random random = new Random(7);
      for (int i = 0; i < SWEEP_RUNS; i++) {
        double lr = new double[] {0.001, 0.01, 0.1}[i % 3];
        try (Run run = tracker.newRun(EXPERIMENT).name(i == 0 ? HOSTILE : "trial-" + i).start()) {
          run.logParam("lr", lr).logParam("optimizer", i % 2 == 0 ? "adam" : "sgd").logParam("depth", 2 + i % 4);
          run.setTag("note", i == 0 ? HOSTILE : "plain");
          double acc = 0.5;
          for (int step = 0; step < SHORT_STEPS; step++) {
            acc += (1 - acc) * lr * (0.5 + random.nextDouble());
            run.logMetrics(java.util.Map.of("acc", acc, "loss", 1 - acc + 0.01 * random.nextDouble()), step);
          }
          if (i == RARE_KEYS_TRIAL) {
            run.logParam(RARE_PARAM, "cosine");
            run.logMetric(RARE_METRIC, 0.5, 0);
          }
          run.logInput("train", clean);
          d.runIds.add(run.id());
          run.finish();
        }
      }
      d.hostileRunId = d.runIds.get(0);
      Fingerprint fp = Fingerprint.builder().code("v1.2.3").data("train", clean).config(java.util.Map.of("lr", 0.01))
          .seed(42).environment(Environment.capture()).build();
      try (Run run = tracker.newRun(EXPERIMENT).name("long").fingerprint(fp).start()) {
        run.logParam("lr", 0.05).logParam("optimizer", "adam").logParam("depth", 9);
        for (int step = 0; step < LONG_STEPS; step++) {
          run.logMetric("loss", Math.exp(-step / 800.0) + 0.05 * Math.sin(step / 7.0), step);
        }
        run.logMetric("acc", 0.93, LONG_STEPS);
        run.logInput("train", clean);
        d.longRunId = run.id();
        ArtifactVersion model = publish(artifacts, "classifier", "{\"weights\":[1,2,3]}", ArtifactSpec.builder()
            .kind(ArtifactKind.MODEL).parent(clean).runId(run.id()).build());
        run.logOutput("model", model);
        artifacts.alias("classifier", "champion", model.version());
        ArtifactVersion model2 = publish(artifacts, "classifier", "{\"weights\":[1,2,4]}", ArtifactSpec.builder()
            .kind(ArtifactKind.MODEL).parent(clean).runId(run.id()).build());
        artifacts.alias("classifier", "champion", model2.version());
        run.finish();
      }
      d.runIds.add(d.longRunId);
    }
    publishDirectory(artifacts, scratch);
    publishReports(artifacts);
    return d;
  }

  private static ArtifactVersion publish(Artifacts artifacts, String name, String content, ArtifactSpec spec) {
    return artifacts.publish(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), spec);
  }

  private static void publishDirectory(Artifacts artifacts, Path scratch) {
    try {
      Path dir = Files.createDirectories(scratch.resolve("bundle"));
      Files.writeString(dir.resolve("model.json"), "{\"w\":[0.1,0.2]}");
      Files.createDirectories(dir.resolve("meta"));
      Files.writeString(dir.resolve("meta/README.txt"), "a bundle");
      artifacts.publish("bundle", dir, ArtifactSpec.builder().kind(ArtifactKind.MODEL).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ValidationResult validation() {
    Table t = table(new Random(3), 0);
    return ValidationSuite.builder("penguins")
        .addCheck(Check.error("structure").hasSize(100, 1000).isComplete("species")
            .isContainedIn("species", Set.of("Adelie", "Gentoo")).isBetween("mass", 3000, 5000))
        .build().run(t);
  }

  static DatasetDrift drift() {
    return DriftDetector.defaults().compare(table(new Random(1), 0), table(new Random(2), 600));
  }

  static Table table(Random random, double shift) {
    int n = 400;
    double[] mass = new double[n];
    double[] flipper = new double[n];
    String[] species = new String[n];
    String[] pool = {"Adelie", "Gentoo", "Chinstrap"};
    for (int i = 0; i < n; i++) {
      mass[i] = 4000 + shift + 400 * random.nextGaussian();
      flipper[i] = 200 + 10 * random.nextGaussian();
      species[i] = pool[random.nextInt(shift > 0 ? 3 : 2)];
    }
    return Table.of(Column.ofDoubles("mass", mass), Column.ofDoubles("flipper", flipper),
        Column.ofStrings("species", species));
  }

  private static void publishReports(Artifacts artifacts) {
    ArtifactSpec json = ArtifactSpec.builder().kind(ArtifactKind.OTHER).property("format", "json").build();
    publish(artifacts, "penguins-validation", validation().toJson(), json);
    publish(artifacts, "penguins-drift", drift().toJson(), json);
  }
}
