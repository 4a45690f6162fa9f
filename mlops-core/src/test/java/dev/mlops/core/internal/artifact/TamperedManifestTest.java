package dev.mlops.core.internal.artifact;

import dev.mlops.core.testing.SharedStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.content.Manifest;
import dev.mlops.core.json.CanonicalJson;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.core.storage.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A manifest written into the store by someone else (with a self-consistent digest and a version record
 * pointing at it) must not make materialize write outside its target.
 */
class TamperedManifestTest {
  @TempDir
  Path tempDir;

  static Stream<Arguments> hostilePaths() {
    return Stream.of("../escaped.txt", "sub/../../escaped.txt", "/tmp/escaped.txt", "C:/escaped.txt",
        "nul\0byte.txt", "a\\..\\..\\escaped.txt", "./x").flatMap(p -> Stream.of(Arguments.of(p, true),
        Arguments.of(p, false)));
  }

  @ParameterizedTest
  @MethodSource("hostilePaths")
  void aManifestWithATraversalPathIsRefusedAndNothingIsWritten(String hostile, boolean onDisk) throws Exception {
    try (Storage storage = onDisk ? FileStorage.open(tempDir.resolve("store")) : InMemoryStorage.create()) {
      BlobInfo payload = storage.blobs().put(new ByteArrayInputStream("pwned".getBytes(StandardCharsets.UTF_8)));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", hostile);
      entry.put("digest", payload.digest().toString());
      entry.put("size", payload.size());
      entry.put("executable", false);
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("format", Manifest.DOMAIN_TAG);
      manifest.put("entries", List.of(entry));
      String json = CanonicalJson.write(manifest);
      Digest digest = CanonicalJson.digest(Manifest.DOMAIN_TAG, CanonicalJson.parse(json));
      BlobInfo manifestBlob = storage.blobs().put(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
      ArtifactVersion forged = ArtifactVersion.builder().id(new ArtifactVersionId("evil", 1)).digest(digest)
          .size(payload.size()).layout(true, 1).createdAt(Instant.EPOCH).spec(ArtifactSpec.defaults()).build();
      assertThat(storage.records().create(ArtifactKeys.version("evil", 1),
          ArtifactJson.write(VersionRecord.of(forged, manifestBlob.digest())))).isTrue();
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);

      Path target = Files.createDirectories(tempDir.resolve("work/inner")).resolve("target");
      assertThatThrownBy(() -> artifacts.materialize(artifacts.get("evil@1"), target))
          .isInstanceOf(CorruptedDataException.class).hasMessageContaining("evil@1");
      assertThatThrownBy(() -> artifacts.files(artifacts.get("evil@1"))).isInstanceOf(CorruptedDataException.class);
      try (Stream<Path> written = Files.walk(tempDir.resolve("work"))) {
        assertThat(written.filter(Files::isRegularFile)).isEmpty();
      }
      assertThat(tempDir.resolve("work/escaped.txt")).doesNotExist();
      assertThat(tempDir.resolve("work/inner/escaped.txt")).doesNotExist();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aManifestWhoseDigestDiffersFromTheVersionIsCorrupted(boolean onDisk) throws Exception {
    try (Storage storage = onDisk ? FileStorage.open(tempDir.resolve("store")) : InMemoryStorage.create()) {
      Path dir = Files.createDirectories(tempDir.resolve("src"));
      Files.writeString(dir.resolve("a.txt"), "a");
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);
      ArtifactVersion real = artifacts.publish("real", dir);
      VersionRecord record = ArtifactJson.read(storage.records().get(ArtifactKeys.version("real", 1)).orElseThrow()
          .value(), VersionRecord.class, "test");
      BlobInfo other = storage.blobs().put(new ByteArrayInputStream(
          "{\"entries\":[],\"format\":\"mlops.manifest.v1\"}".getBytes(StandardCharsets.UTF_8)));
      VersionRecord swapped = new VersionRecord(record.format(), "swapped", 1, record.state(), record.digest(),
          record.size(), true, record.fileCount(), other.digest().toString(), record.createdAt(), record.kind(),
          record.description(), record.properties(), record.parents(), null, null, null, null);
      storage.records().create(ArtifactKeys.version("swapped", 1), ArtifactJson.write(swapped));

      ArtifactVersion victim = artifacts.get("swapped@1");
      assertThat(victim.digest()).isEqualTo(real.digest());
      assertThatThrownBy(() -> artifacts.materialize(victim, tempDir.resolve("out")))
          .isInstanceOf(CorruptedDataException.class).hasMessageContaining("mismatch");
      assertThat(tempDir.resolve("out")).doesNotExist();
    }
  }
}
