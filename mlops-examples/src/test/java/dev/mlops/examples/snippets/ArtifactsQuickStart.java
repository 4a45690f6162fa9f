package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactKind;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class ArtifactsQuickStart {
  public static void main(String[] args) throws Exception {
    Path raw = Files.writeString(Path.of("penguins.csv"), "species,mass\nAdelie,3750\nGentoo,\n");
    Path clean = Files.createDirectories(Path.of("penguins-clean"));
    Files.writeString(clean.resolve("penguins.csv"), "species,mass\nAdelie,3750\n");

    try (MlopsStore store = MlopsStore.open()) {                 // ./.mlops, created on first use
      Artifacts artifacts = store.artifacts();
      ArtifactVersion penguins = artifacts.publish("penguins", raw, ArtifactSpec.builder()
          .kind(ArtifactKind.DATASET)
          .description("Palmer penguins, raw")
          .property("source", "vega-datasets 3.2.1")
          .build());                                             // penguins@1; unchanged content keeps @1
      artifacts.alias("penguins", "champion", penguins.version());

      ArtifactVersion cleaned = artifacts.publish("penguins-clean", clean, ArtifactSpec.builder()
          .kind(ArtifactKind.DATASET)
          .parent(artifacts.get("penguins@champion"))           // lineage
          .runId("cleaning-run-1")
          .build());
      List<ArtifactVersion> ancestors = artifacts.ancestors(cleaned);
      Path restored = artifacts.materialize(cleaned, Path.of("restored"));
      System.out.println(cleaned.id() + " comes from " + ancestors.get(0).id() + "; restored to " + restored);
    }
  }
}
