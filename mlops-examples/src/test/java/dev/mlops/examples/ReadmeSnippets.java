package dev.mlops.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactKind;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The README's Java snippets, compiled and run by {@link ReadmeSnippetsTest}. */
final class ReadmeSnippets {
  private ReadmeSnippets() {}

  static void runAll(Path dir) throws Exception {
    storage(dir.resolve("store"));
    artifacts(Files.createDirectories(dir.resolve("artifacts")));
  }

  static void storage(Path dir) throws Exception {
    // snippet:storage
    try (MlopsStore store = MlopsStore.open("file:" + dir)) {
      // blobs: content-addressed, durable when put returns, verified when read
      BlobInfo blob = store.storage().blobs().put(new ByteArrayInputStream("hello".getBytes(UTF_8)));
      try (InputStream in = store.storage().blobs().open(blob.digest())) {
        System.out.println(blob.digest() + " -> " + new String(in.readAllBytes(), UTF_8));
      }
      // records: atomic create and compare-and-set, safe across threads and processes
      RecordStore records = store.storage().records();
      records.create("counters/epochs", "0".getBytes(UTF_8));
      StoredRecord current = records.get("counters/epochs").orElseThrow();
      boolean won = records.compareAndSet("counters/epochs", current.version(), "1".getBytes(UTF_8));
      // series: atomic, durable batches, read back in order
      store.storage().series().append("events/train", List.of("start".getBytes(UTF_8), "epoch 1".getBytes(UTF_8)));
      System.out.println(won + " " + store.storage().series().readAll("events/train").size());
    }
    // end-snippet
    try (MlopsStore store = MlopsStore.open("file:" + dir)) {
      if (!Digest.sha256("hello").equals(store.storage().blobs().stat(Digest.sha256("hello")).orElseThrow().digest())
          || store.storage().records().get("counters/epochs").orElseThrow().version() != 2
          || store.storage().series().readAll("events/train").size() != 2) {
        throw new AssertionError("the storage snippet did not persist what it wrote");
      }
    }
  }

  static void artifacts(Path dir) throws Exception {
    Path raw = Files.writeString(dir.resolve("penguins.json"), "[{\"Species\":\"Adelie\"}]");
    Path clean = Files.createDirectories(dir.resolve("penguins-clean"));
    Files.writeString(clean.resolve("penguins.json"), "[]");
    Path target = dir.resolve("restored");
    try (MlopsStore store = MlopsStore.open("file:" + dir.resolve("store"))) {
      // snippet:artifacts
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
      // end-snippet
      if (!ancestors.equals(List.of(penguins)) || !descendants.equals(List.of(cleaned))
          || !Files.readString(restored.resolve("penguins.json")).equals("[]")) {
        throw new AssertionError("the artifacts snippet did not version, link and restore the data");
      }
    }
  }
}
