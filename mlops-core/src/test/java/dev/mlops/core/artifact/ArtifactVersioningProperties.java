package dev.mlops.core.artifact;

import dev.mlops.core.testing.SharedStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of publish, delete and restore checked against a plain model: numbering without gaps,
 * deduplication against the latest live version only, and what {@code versions} and {@code latest} show.
 */
class ArtifactVersioningProperties {
  private static final class ModelVersion {
    final String content;
    boolean live = true;

    ModelVersion(String content) {
      this.content = content;
    }
  }

  @Property(tries = 40)
  void versionsFollowTheModel(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 11) Integer> ops) {
    try (Storage storage = InMemoryStorage.create()) {
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ofHours(1));
      List<ModelVersion> model = new ArrayList<>();
      for (int op : ops) {
        if (op < 6) {
          String content = "content-" + (op % 3);
          ModelVersion latest = latestLive(model);
          ArtifactVersion v = artifacts.publish("prop", new ByteArrayInputStream(
              content.getBytes(StandardCharsets.UTF_8)), ArtifactSpec.defaults());
          if (latest != null && latest.content.equals(content)) {
            assertThat(v.isNewVersion()).isFalse();
            assertThat(v.version()).isEqualTo(model.indexOf(latest) + 1);
          } else {
            model.add(new ModelVersion(content));
            assertThat(v.isNewVersion()).isTrue();
            assertThat(v.version()).isEqualTo(model.size());
          }
          assertThat(v.digest()).isEqualTo(Digest.sha256(content));
        } else if (!model.isEmpty()) {
          int index = (op * 7) % model.size();
          if (op < 9) {
            artifacts.delete("prop", index + 1);
            model.get(index).live = false;
          } else {
            artifacts.restore("prop", index + 1);
            model.get(index).live = true;
          }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
          if (model.get(i).live) {
            expected.add(i + 1);
          }
        }
        assertThat(artifacts.versions("prop")).extracting(ArtifactVersion::version).containsExactlyElementsOf(expected);
        ModelVersion latest = latestLive(model);
        if (latest == null) {
          assertThatThrownBy(() -> artifacts.get("prop")).isInstanceOf(NotFoundException.class);
        } else {
          assertThat(artifacts.get("prop").digest()).isEqualTo(Digest.sha256(latest.content));
        }
      }
    }
  }

  private static ModelVersion latestLive(List<ModelVersion> model) {
    for (int i = model.size() - 1; i >= 0; i--) {
      if (model.get(i).live) {
        return model.get(i);
      }
    }
    return null;
  }
}
