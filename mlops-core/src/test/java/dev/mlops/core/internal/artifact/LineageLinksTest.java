package dev.mlops.core.internal.artifact;

import dev.mlops.core.testing.SharedStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Child links are written before the version they point to, and a link only counts if its version exists
 * and names the parent: a publish that stops between the two writes loses no descendant of a published
 * version, and leftover links never show a stranger as a child.
 */
class LineageLinksTest {

  /** The in-memory records, made to fail the create of one chosen key once (a crash at that point). */
  private static final class FailingRecords extends ForwardingRecordStore {
    final AtomicReference<@Nullable String> failCreateOf = new AtomicReference<>();

    FailingRecords(RecordStore real) {
      super(real);
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, byte[] value) {
      String armed = failCreateOf.get();
      if (expectedVersion == 0 && key.equals(armed) && failCreateOf.compareAndSet(armed, null)) {
        throw new StorageException("injected failure creating " + key);
      }
      return super.compareAndSet(key, expectedVersion, value);
    }
  }

  private static ArtifactVersion publish(Artifacts artifacts, String name, String content, ArtifactVersion... parents) {
    ArtifactSpec.Builder spec = ArtifactSpec.builder();
    for (ArtifactVersion p : parents) {
      spec.parent(p.id());
    }
    return artifacts.publish(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), spec.build());
  }

  @Test
  void aPublishThatStopsBeforeItsVersionRecordLeavesNoChildBehind() {
    try (Storage base = InMemoryStorage.create()) {
      FailingRecords records = new FailingRecords(base.records());
      Artifacts artifacts = SharedStorage.artifacts(
          Storage.compose("failing", base.blobs(), records, base.series(), base), Clock.systemUTC(), Duration.ZERO);
      ArtifactVersion raw = publish(artifacts, "raw", "raw data");

      records.failCreateOf.set(ArtifactKeys.version("model", 1));
      assertThatThrownBy(() -> publish(artifacts, "model", "weights", raw)).isInstanceOf(StorageException.class);
      ArtifactVersion stranger = publish(artifacts, "model", "unrelated weights");

      assertThat(stranger.version()).as("the failed publish's number went to another version").isEqualTo(1);
      assertThat(artifacts.children(raw)).isEmpty();
      assertThat(artifacts.descendants(raw)).isEmpty();

      ArtifactVersion child = publish(artifacts, "model", "weights", raw);
      assertThat(artifacts.children(raw)).containsExactly(child);
      assertThat(artifacts.ancestors(child)).containsExactly(raw);
    }
  }

  @Test
  void aFailedChildLinkFailsThePublishSoNoPublishedVersionLacksItsLink() {
    try (Storage base = InMemoryStorage.create()) {
      FailingRecords records = new FailingRecords(base.records());
      Artifacts artifacts = SharedStorage.artifacts(
          Storage.compose("failing", base.blobs(), records, base.series(), base), Clock.systemUTC(), Duration.ZERO);
      ArtifactVersion raw = publish(artifacts, "raw", "raw data");
      ArtifactVersion clean = publish(artifacts, "clean", "clean data", raw);

      records.failCreateOf.set(ArtifactKeys.child(clean.id(), new ArtifactVersionId("model", 1)));
      assertThatThrownBy(() -> publish(artifacts, "model", "weights", clean)).isInstanceOf(StorageException.class);
      assertThat(artifacts.versions("model")).isEmpty();

      ArtifactVersion model = publish(artifacts, "model", "weights", clean);
      assertThat(artifacts.descendants(raw)).containsExactly(clean, model);
    }
  }

  @Test
  void aLinkToAVersionThatDoesNotNameTheParentIsIgnored() {
    try (Storage storage = InMemoryStorage.create()) {
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);
      ArtifactVersion raw = publish(artifacts, "raw", "raw data");
      ArtifactVersion other = publish(artifacts, "other", "other data");
      storage.records().create(ArtifactKeys.child(raw.id(), other.id()),
          ArtifactJson.write(Map.of("child", other.id().toString())));
      storage.records().create(ArtifactKeys.child(raw.id(), new ArtifactVersionId("ghost", 3)),
          ArtifactJson.write(Map.of("child", "ghost@3")));

      assertThat(artifacts.children(raw)).isEmpty();
      assertThat(artifacts.descendants(raw)).isEmpty();
    }
  }
}
