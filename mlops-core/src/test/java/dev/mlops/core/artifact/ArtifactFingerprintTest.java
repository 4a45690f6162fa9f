package dev.mlops.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.fingerprint.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts and fingerprints identify the same data the same way, and a version carries its producer. */
class ArtifactFingerprintTest {
  @TempDir Path dir;

  @Test
  void aFingerprintOfAnArtifactVersionEqualsOneOfItsDirectoryAndTheVersionRecordsItsProducer() throws Exception {
    Path data = Files.createDirectories(dir.resolve("train"));
    Files.writeString(data.resolve("part-0.csv"), "x,y\n1,0\n");
    Files.writeString(data.resolve("part-1.csv"), "x,y\n2,1\n");
    try (MlopsStore store = MlopsStore.open("mem:")) {
      ArtifactVersion train = store.artifacts().publish("train", data);
      Fingerprint byVersion = Fingerprint.builder().code("v1").data("train", train).config(Map.of("lr", 0.1)).build();
      Fingerprint byPath = Fingerprint.builder().code("v1").data("train", data).config(Map.of("lr", 0.1)).build();
      assertThat(byVersion.id()).isEqualTo(byPath.id());
      assertThat(byVersion.toJson()).contains("train@1");

      Path model = Files.writeString(dir.resolve("model.bin"), "weights");
      ArtifactVersion published = store.artifacts().publish("model", model,
          ArtifactSpec.builder().kind(ArtifactKind.MODEL).parent(train).producedBy(byVersion).build());
      assertThat(store.artifacts().get("model@1").producedBy()).contains(byVersion.id());
      assertThat(Fingerprint.parse(byVersion.toJson()).id()).isEqualTo(published.producedBy().orElseThrow());
    }
  }
}
