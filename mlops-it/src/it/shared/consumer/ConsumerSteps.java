package consumer;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactKind;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.Tracker;
import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnProfile;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.HistogramBin;
import dev.mlops.validation.Profile;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationStatus;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.io.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a new user does first, inside a host application with its own dependencies ({@code Host}, one per consumer
 * project, checks and uses them, then calls {@link #run}): publish a dataset, validate it as read by the JSON and
 * the CSV reader, profile it, fingerprint the setup, track a run and read it back. Every step goes through some of
 * mlops' JSON code. Throws, so that the JVM exits non-zero, on the first thing that does not hold.
 */
final class ConsumerSteps {
  private static final String CSV = "species,island,bill_length_mm,body_mass_g\n"
      + "Adelie,Torgersen,39.1,3750\n" + "Adelie,Biscoe,37.8,3400\n" + "Gentoo,Biscoe,46.1,4500\n"
      + "Chinstrap,Dream,46.5,3500\n" + "Gentoo,Biscoe,50.0,5700\n";
  private static final String JSON = "[{\"species\":\"Adelie\",\"island\":\"Torgersen\",\"bill_length_mm\":39.1,"
      + "\"body_mass_g\":3750},{\"species\":\"Adelie\",\"island\":\"Biscoe\",\"bill_length_mm\":37.8,"
      + "\"body_mass_g\":3400},{\"species\":\"Gentoo\",\"island\":\"Biscoe\",\"bill_length_mm\":46.1,"
      + "\"body_mass_g\":4500},{\"species\":\"Chinstrap\",\"island\":\"Dream\",\"bill_length_mm\":46.5,"
      + "\"body_mass_g\":3500},{\"species\":\"Gentoo\",\"island\":\"Biscoe\",\"bill_length_mm\":50.0,"
      + "\"body_mass_g\":5700}]";

  private ConsumerSteps() {}

  /**
   * Runs the steps.
   *
   * @param dir the working directory; each Java version writes below its own {@code java-<version>}
   * @param writtenEarlier a profile JSON that mlops wrote before it ran on Java 25 (DataSketches 6 on Java 17)
   * @param host what the host's check found, for the last line
   */
  static void run(Path dir, Path writtenEarlier, String host) throws Exception {
    Path work = Files.createDirectories(dir.resolve("java-" + Runtime.version().feature()));
    Path csv = Files.writeString(work.resolve("penguins.csv"), CSV);
    Path json = Files.writeString(work.resolve("penguins.json"), JSON);

    try (MlopsStore store = MlopsStore.open("file:" + work.resolve("store"))) {
      ArtifactVersion published = store.artifacts().publish("penguins", csv,
          ArtifactSpec.builder().kind(ArtifactKind.DATASET).description("five penguins").build());
      ArtifactVersion read = store.artifacts().get("penguins@" + published.version());
      require(read.digest().equals(published.digest()), "the published version reads back");
      Path restored = store.artifacts().materialize(read, work.resolve("restored.csv"));

      ValidationSuite suite = ValidationSuite.fromJson(ValidationSuite.builder("penguins")
          .addCheck(Check.error("shape").hasSize(5, 5).isComplete("species").isNonNegative("body_mass_g")
              .isContainedIn("species", java.util.Set.of("Adelie", "Gentoo", "Chinstrap")))
          .build().toJson());
      Table fromCsv = TableReader.readCsv(restored);
      Table fromJson = TableReader.readJson(json);
      for (Table table : new Table[] {fromCsv, fromJson}) {
        ValidationResult result = suite.run(table);
        require(result.status() == ValidationStatus.PASSED, result.summary());
        require(result.toJson().contains("\"PASSED\""), "the result's JSON says PASSED: " + result.toJson());
      }

      Profile profile = Profile.of(fromJson);
      require(profile.rowCount() == 5, "the profile counts five rows");
      require(profile.suggestSuite("suggested").run(fromCsv).status() == ValidationStatus.PASSED,
          "the suggested suite passes on the data it came from");
      profileJson(dir, work, writtenEarlier);

      Fingerprint setup = Fingerprint.builder().code("consumer-1").data("penguins", csv)
          .config(Map.of("lr", 0.1, "epochs", 3)).seed(42).build();
      require(Fingerprint.parse(setup.toJson()).id().equals(setup.id()), "the fingerprint round-trips");

      String runId;
      try (Tracker tracker = Tracker.on(store); Run run = tracker.startRun("consumer")) {
        runId = run.id();
        run.logParam("lr", 0.1);
        for (int epoch = 0; epoch < 3; epoch++) {
          run.logMetric("loss", 1.0 / (epoch + 1), epoch);
        }
        run.logInput("train", published);
        run.logFingerprint(setup);
        run.finish();
      }
      try (Tracker tracker = Tracker.on(store)) {
        RunSnapshot back = tracker.getRun(runId);
        require(back.status() == RunStatus.FINISHED, "the run is FINISHED: " + back.status());
        require("0.1".equals(back.params().get("lr")), "the param reads back: " + back.params());
        require(back.metric("loss").orElseThrow() == 1.0 / 3, "the last loss reads back: " + back.metrics());
        require(tracker.metricHistory(runId, "loss").size() == 3, "three loss points");
        require(back.fingerprintId().orElseThrow().equals(setup.id()), "the fingerprint id reads back");
      }
    }
    System.out.println("consumer OK on Java " + Runtime.version().feature() + " with " + host);
  }

  /**
   * Profile JSON, whose sketches are DataSketches bytes: this Java writes a profile large enough for both sketches
   * to leave their exact modes, with what it reads from it; reads it back; reads a profile mlops wrote on Java 17
   * before it ran on Java 25; and reads what another Java version's run wrote here before, if one did (the
   * projects run JDK 25 first, then the build's JDK), expecting exactly what that run read.
   */
  private static void profileJson(Path dir, Path work, Path writtenEarlier) throws Exception {
    StringBuilder csv = new StringBuilder("id,x,label\n");
    for (int i = 0; i < 5000; i++) {
      csv.append(i).append(',').append(Math.round(Math.sin(i * 0.37) * 1e6) / 1e3).append(",c").append(i % 7)
          .append('\n');
    }
    Profile profile = Profile.of(TableReader.parseCsv(csv.toString(), CsvOptions.defaults()));
    String json = profile.toJson();
    require(readings(Profile.fromJson(json)).equals(readings(profile)), "a profile reads back as it was written");
    Files.writeString(work.resolve("profile.json"), json);
    Files.writeString(work.resolve("profile-readings.txt"), readings(profile));

    String earlier = readings(Profile.fromJson(Files.readString(writtenEarlier)));
    String expected = "id 4944.30141593247 2507.0 4498.0 [1240, 1248, 1264, 1248]\n"
        + "x 5013.542319515866 16.43 952.067 [1668, 810, 855, 1667]\n"
        + "label 7.000000104308129 null null []\n";
    require(earlier.equals(expected), "the profile written on Java 17 before reads as it did then: " + earlier);

    try (Stream<Path> others = Files.list(dir)) {
      for (Path other : others.filter(p -> !p.equals(work) && Files.exists(p.resolve("profile.json"))).toList()) {
        String read = readings(Profile.fromJson(Files.readString(other.resolve("profile.json"))));
        require(read.equals(Files.readString(other.resolve("profile-readings.txt"))),
            "the profile written in " + other.getFileName() + " reads here as it did there: " + read);
        System.out.println("read the profile written in " + other.getFileName());
      }
    }
  }

  /** What a profile's sketches say: distinct counts, two quantiles and a histogram per column. */
  private static String readings(Profile profile) {
    StringBuilder s = new StringBuilder();
    for (ColumnProfile c : profile.columns()) {
      List<Long> counts = c.histogram(4).stream().map(HistogramBin::count).toList();
      s.append(c.name()).append(' ').append(c.approxDistinct()).append(' ').append(c.quantile(0.5)).append(' ')
          .append(c.quantile(0.9)).append(' ').append(counts).append('\n');
    }
    return s.toString();
  }

  static void require(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("does not hold: " + what);
    }
  }
}
