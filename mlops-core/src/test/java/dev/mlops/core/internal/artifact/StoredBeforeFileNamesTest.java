package dev.mlops.core.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.artifact.ArtifactFile;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.core.testing.SharedStorage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file version stored before file names were recorded: its record is the JSON the earlier layout wrote,
 * without a {@code fileName} field. It still reads, lists one file named by the last segment of the artifact
 * name (as before), and {@code materializeInto} writes it under that name.
 */
class StoredBeforeFileNamesTest {
  @TempDir
  Path tempDir;

  @Test
  void aVersionWithoutARecordedNameIsNamedByTheLastSegmentOfTheArtifactName() throws Exception {
    try (Storage storage = FileStorage.open(tempDir.resolve("store"))) {
      BlobInfo blob = storage.blobs().put(new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
      String before = "{\"format\":1,\"name\":\"datasets/penguins-clean\",\"version\":1,\"state\":\"live\","
          + "\"digest\":\"" + blob.digest() + "\",\"size\":" + blob.size() + ",\"directory\":false,"
          + "\"fileCount\":1,\"manifestBlob\":null,\"createdAt\":\"2026-01-01T00:00:00Z\",\"kind\":\"DATASET\","
          + "\"description\":\"\",\"properties\":{},\"parents\":[],\"runId\":null,\"producedBy\":null,"
          + "\"deletedAt\":null}";
      storage.records().create(ArtifactKeys.version("datasets/penguins-clean", 1),
          before.getBytes(StandardCharsets.UTF_8));
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);

      ArtifactVersion v = artifacts.get("datasets/penguins-clean@1");
      assertThat(v.spec().fileName()).isEmpty();
      assertThat(artifacts.files(v)).extracting(ArtifactFile::path).containsExactly("penguins-clean");
      Path restored = artifacts.materializeInto(v, tempDir.resolve("out"));
      assertThat(restored).isEqualTo(tempDir.resolve("out/penguins-clean"));
      assertThat(Files.readString(restored)).isEqualTo("a,b\n1,2\n");
    }
  }

  @Test
  void aTamperedFileNameThatWouldLeaveTheTargetIsDamageAndNothingIsWritten() throws Exception {
    try (Storage storage = FileStorage.open(tempDir.resolve("store"))) {
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);
      ArtifactVersion v = artifacts.publish("data", Files.writeString(tempDir.resolve("data.csv"), "x\n"));
      String key = ArtifactKeys.version("data", 1);
      String json = new String(storage.records().get(key).orElseThrow().value(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"fileName\":\"data.csv\"");
      storage.records().compareAndSet(key, 1, json.replace("\"data.csv\"", "\"../escaped.csv\"")
          .getBytes(StandardCharsets.UTF_8));

      Path out = Files.createDirectories(tempDir.resolve("out"));
      assertThatThrownBy(() -> artifacts.materializeInto(v, out)).isInstanceOf(CorruptedDataException.class)
          .hasMessageContaining(key);
      assertThatThrownBy(() -> artifacts.files(v)).isInstanceOf(CorruptedDataException.class);
      assertThat(tempDir.resolve("escaped.csv")).doesNotExist();
      try (var listed = Files.list(out)) {
        assertThat(listed).isEmpty();
      }
    }
  }
}
