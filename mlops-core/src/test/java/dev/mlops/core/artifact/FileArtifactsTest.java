package dev.mlops.core.artifact;

import dev.mlops.core.testing.SharedStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.FileStorage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the artifact semantics on the file backend, plus what only a disk can show: tampering and reopening. */
class FileArtifactsTest extends AbstractArtifactsTest {
  @Override
  Storage newStorage(Path dir, Clock clock) {
    return FileStorage.open(dir.resolve("store"), Duration.ofSeconds(30), clock);
  }

  private Path blobFile(Path storeDir, String hex) {
    return storeDir.resolve("blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
  }

  private static void flipByte(Path file, int index) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[index] ^= 0x01;
    Files.write(file, bytes);
  }

  @Test
  void flippingAByteOfAStoredBlobFailsReadsAndMaterializeWithCorruptedData() throws Exception {
    ArtifactVersion v = artifacts.publish("tampered", file("a.bin", "the original bytes of a model"));
    flipByte(blobFile(tempDir.resolve("store"), v.digest().hex()), 4);

    assertThatThrownBy(() -> {
      try (InputStream in = artifacts.open(v)) {
        in.readAllBytes();
      }
    }).isInstanceOf(CorruptedDataException.class).hasMessageContaining(v.digest().toString());
    Path target = tempDir.resolve("out/tampered.bin");
    assertThatThrownBy(() -> artifacts.materialize(v, target)).isInstanceOf(CorruptedDataException.class);
    assertThat(target).doesNotExist();
    assertThat(Files.list(target.getParent())).isEmpty();
  }

  @Test
  void reopeningTheStoreSeesEveryVersionAndAlias() throws Exception {
    ArtifactVersion v1 = artifacts.publish("persisted", file("p1", "one"));
    ArtifactVersion v2 = artifacts.publish("persisted", file("p2", "two"));
    artifacts.alias("persisted", "prod", 1);
    storage.close();

    storage = newStorage(tempDir, clock);
    artifacts = SharedStorage.artifacts(storage, clock, Duration.ofMinutes(5));
    assertThat(artifacts.versions("persisted")).containsExactly(v1, v2);
    assertThat(artifacts.get("persisted@prod")).isEqualTo(v1);
    assertThat(read(artifacts.get("persisted"))).isEqualTo("two");
  }

  @Test
  void aCorruptedFileInsideADirectoryLeavesNothingAtTheTarget() throws Exception {
    Path dir = Files.createDirectories(tempDir.resolve("d/sub"));
    Files.writeString(dir.resolve("ok.txt"), "fine");
    Files.writeString(dir.resolve("bad.txt"), "will be flipped");
    ArtifactVersion v = artifacts.publish("dir", dir.getParent());
    flipByte(blobFile(tempDir.resolve("store"), Digest.sha256("will be flipped").hex()), 0);

    Path target = tempDir.resolve("out/dir");
    assertThatThrownBy(() -> artifacts.materialize(v, target)).isInstanceOf(CorruptedDataException.class);
    assertThat(target).doesNotExist();
    assertThat(Files.list(target.getParent())).isEmpty();
  }
}
