package dev.mlops.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.spi.MutableClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The model age binder follows the alias and the clock, and survives a store that cannot answer. */
class ModelAgeMetricsTest {
  @Test
  void ageAndVersionFollowTheAlias() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (MlopsStore store = MlopsStore.builder().storage("mem:").clock(clock).artifactCacheTtl(Duration.ZERO).open()) {
      Artifacts artifacts = store.artifacts();
      artifacts.publish("model", new ByteArrayInputStream(new byte[] {1}), ArtifactSpec.defaults());
      artifacts.alias("model", "champion", 1);
      ModelAgeMetrics.of(artifacts, "model@champion", clock).bindTo(registry);
      assertThat(registry.get("mlops.model.age").tag("model", "model").timeGauge().value(TimeUnit.SECONDS)).isZero();
      assertThat(registry.get("mlops.model.version").gauge().value()).isEqualTo(1);

      clock.advance(Duration.ofHours(2));
      artifacts.publish("model", new ByteArrayInputStream(new byte[] {2}), ArtifactSpec.defaults());
      clock.advance(Duration.ofMinutes(30));
      assertThat(registry.get("mlops.model.age").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(9000);
      artifacts.alias("model", "champion", 2);
      assertThat(registry.get("mlops.model.age").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(1800);
      assertThat(registry.get("mlops.model.version").gauge().value()).isEqualTo(2);
    }
  }

  @Test
  void aStoreThatCannotAnswerReadsNaNInsteadOfThrowingIntoTheRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new ModelAgeMetrics("model", () -> {
      throw new StorageException("the database is down");
    }, Clock.systemUTC(), Tags.empty()).bindTo(registry);
    assertThat(registry.get("mlops.model.age").timeGauge().value(TimeUnit.SECONDS)).isNaN();
    assertThat(registry.get("mlops.model.version").gauge().value()).isNaN();
    new ModelAgeMetrics("none-yet", () -> null, Clock.systemUTC(), Tags.empty()).bindTo(registry);
    assertThat(registry.get("mlops.model.age").tag("model", "none-yet").timeGauge().value(TimeUnit.SECONDS)).isNaN();
  }
}
