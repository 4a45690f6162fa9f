package dev.mlops.core.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.storage.FileStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's directory-publishing snippet, compiled and checked. */
class DirectoryPublishReadmeTest {

  @Test
  void readmeSnippet(@TempDir Path tmp) throws IOException {
    Path images = Files.createDirectories(tmp.resolve("data/images"));
    FileTime anHourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    for (int i = 0; i < 20; i++) {
      Files.setLastModifiedTime(Files.writeString(images.resolve("img-" + i + ".txt"), "pixels " + i), anHourAgo);
    }
    Path storeRoot = tmp.resolve(".mlops");

    // snippet:publish-directory
    try (MlopsStore store = MlopsStore.open(FileStorage.open(storeRoot))) {
      Artifacts artifacts = store.artifacts();
      ArtifactVersion v1 = artifacts.publish("images", images);    // reads each file once, in parallel
      ArtifactVersion same = artifacts.publish("images", images);  // same content: v1 again, no file read
      Files.writeString(images.resolve("img-3.txt"), "new pixels");
      ArtifactVersion v2 = artifacts.publish("images", images);    // version 2; only img-3.txt is read
      System.out.println(v1.version() + " " + same.isNewVersion() + " " + v2.version()); // 1 false 2
    }
    // end-snippet

    try (MlopsStore store = MlopsStore.open(FileStorage.open(storeRoot))) {
      Artifacts artifacts = store.artifacts();
      ArtifactVersion v1 = artifacts.get("images@1");
      ArtifactVersion v2 = artifacts.get("images");
      assertThat(v2.version()).isEqualTo(2);
      assertThat(artifacts.versions("images")).hasSize(2);
      assertThat(artifacts.files(v2)).hasSize(20);
      assertThat(v2.digest()).isNotEqualTo(v1.digest());
    }
  }
}
