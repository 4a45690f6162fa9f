package dev.mlops.examples;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactFile;
import dev.mlops.core.artifact.ArtifactKind;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.json.CanonicalJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versions the Palmer penguins data set: publishes it, aliases it {@code champion}, publishes a cleaned
 * derivative with lineage, walks the lineage both ways and materializes the derivative.
 *
 * <p>Run it on the default store with {@code java dev.mlops.examples.ArtifactsExample}; running it again
 * finds the content unchanged and creates no new versions. Its working files (the copied data set, the
 * cleaned copy and the materialized tree) live in a temporary directory that it deletes at the end.
 */
public final class ArtifactsExample {
  private ArtifactsExample() {}

  /**
   * Runs the example on the default store ({@code ./.mlops}).
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (MlopsStore store = MlopsStore.open()) {
      run(store, System.out);
    }
  }

  /**
   * Runs the example on a store, printing what it does.
   *
   * @param store the store
   * @param out where to print
   * @throws java.io.UncheckedIOException if the data set cannot be copied to a temporary directory
   * @throws StorageException if the cleaned copy cannot be written there
   */
  public static void run(MlopsStore store, PrintStream out) {
    Path work = ExampleFiles.copyPenguins("mlops-artifacts-example");
    try {
      Path raw = work.resolve(ExampleFiles.PENGUINS);
      Path clean = Files.createDirectories(work.resolve("penguins-clean"));
      writeCleanCopy(raw, clean);
      demonstrate(store, raw, clean, work.resolve("restored"), out);
    } catch (IOException e) {
      throw new StorageException("the artifacts example could not write its working files: " + e, e);
    } finally {
      ExampleFiles.deleteQuietly(work);
    }
  }

  private static void demonstrate(MlopsStore store, Path raw, Path clean, Path target, PrintStream out) {
    Artifacts artifacts = store.artifacts();
    ArtifactVersion penguins = artifacts.publish("penguins", raw, ArtifactSpec.builder()
        .kind(ArtifactKind.DATASET)
        .description("Palmer Archipelago penguins (CC0), 344 rows")
        .property("source", "vega-datasets 3.2.1")
        .build());
    artifacts.alias("penguins", "champion", penguins.version());

    ArtifactVersion cleaned = artifacts.publish("penguins-clean", clean, ArtifactSpec.builder()
        .kind(ArtifactKind.DATASET)
        .parent(artifacts.get("penguins@champion"))
        .runId("cleaning-run-1")
        .build());
    List<ArtifactVersion> ancestors = artifacts.ancestors(cleaned);
    List<ArtifactVersion> descendants = artifacts.descendants(penguins);
    Path restored = artifacts.materialize(cleaned, target);
    out.println("published " + penguins + (penguins.isNewVersion() ? " (new version)" : " (unchanged)"));
    artifacts.aliases("penguins").forEach((alias, version) -> out.println("alias penguins@" + alias + " -> version " + version));
    out.println("published " + cleaned + (cleaned.isNewVersion() ? " (new version)" : " (unchanged)"));
    out.println("ancestors of " + cleaned.id() + ": " + ids(ancestors));
    out.println("descendants of " + penguins.id() + ": " + ids(descendants));
    out.println("materialized " + cleaned.id() + " at " + restored + ":");
    for (ArtifactFile f : artifacts.files(cleaned)) {
      out.println("  " + f.path() + " " + f.size() + " bytes " + f.digest());
    }
  }

  private static List<String> ids(List<ArtifactVersion> versions) {
    List<String> out = new ArrayList<>();
    versions.forEach(v -> out.add(v.id().toString()));
    return out;
  }

  /** Keeps the rows with a known sex and body mass, and writes a per-species count beside them. */
  private static void writeCleanCopy(Path raw, Path dir) throws IOException {
    Object parsed = CanonicalJson.parse(Files.readString(raw));
    List<Object> kept = new ArrayList<>();
    Map<String, Integer> perSpecies = new TreeMap<>();
    for (Object row : (List<?>) parsed) {
      Map<?, ?> r = (Map<?, ?>) row;
      Object sex = r.get("Sex");
      if (r.get("Body Mass (g)") != null && ("MALE".equals(sex) || "FEMALE".equals(sex))) {
        kept.add(r);
        perSpecies.merge(String.valueOf(r.get("Species")), 1, Integer::sum);
      }
    }
    Files.writeString(dir.resolve("penguins.json"), CanonicalJson.write(kept));
    Files.writeString(dir.resolve("species-counts.json"), CanonicalJson.write(perSpecies));
  }
}
