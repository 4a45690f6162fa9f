package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.storage.FileStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

public class DirectoryPublish {
  public static void main(String[] args) throws Exception {
    Path images = Files.createDirectories(Path.of("data", "images"));
    FileTime anHourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    for (int i = 0; i < 20; i++) {                               // files left alone for a while
      Files.setLastModifiedTime(Files.writeString(images.resolve("img-" + i + ".txt"), "pixels " + i), anHourAgo);
    }

    try (MlopsStore store = MlopsStore.open(FileStorage.open(Path.of(".mlops")))) {
      Artifacts artifacts = store.artifacts();
      ArtifactVersion v1 = artifacts.publish("images", images);    // reads each file once, in parallel
      ArtifactVersion same = artifacts.publish("images", images);  // same content: v1 again, no file read
      Files.writeString(images.resolve("img-3.txt"), "new pixels");
      ArtifactVersion v2 = artifacts.publish("images", images);    // version 2; only img-3.txt is read
      System.out.println(v1.version() + " " + same.isNewVersion() + " " + v2.version()); // 1 false 2
    }
  }
}
