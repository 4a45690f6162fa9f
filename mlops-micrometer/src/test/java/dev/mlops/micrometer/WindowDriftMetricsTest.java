package dev.mlops.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.spi.MutableClock;
import dev.mlops.validation.Table;
import dev.mlops.validation.drift.BinningOptions;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.DriftDetector;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The drift binder: per-column gauges with bounded tags, a drifted window, and the refresh interval. */
class WindowDriftMetricsTest {
  private static DatasetProfile reference() {
    SplittableRandom rng = new SplittableRandom(7);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Map<String, Object> r = new HashMap<>();
      r.put("mass", 4000 + 500 * rng.nextGaussian());
      r.put("island", i % 3 == 0 ? "Biscoe" : i % 3 == 1 ? "Dream" : "Torgersen");
      rows.add(r);
    }
    return DatasetProfile.fit(Table.fromMaps(rows), BinningOptions.defaults());
  }

  @Test
  void aShiftedWindowDriftsAndEveryColumnHasItsGauges() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    WindowProfile window = WindowProfile.of(reference(), Window.tumblingCount(100_000), clock);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WindowDriftMetrics metrics = new WindowDriftMetrics(window, DriftDetector.defaults(), "serving",
        Duration.ofSeconds(10), clock, Tags.of("model", "penguins"));
    metrics.bindTo(registry);

    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().getName()).startsWith("mlops.drift.");
      assertThat(m.getId().getTag("window")).isEqualTo("serving");
    }
    assertThat(registry.find("mlops.drift.p.value").gauges()).extracting(g -> g.getId().getTag("column"))
        .containsExactlyInAnyOrder("mass", "island");
    // nothing served yet: no column can be compared
    assertThat(registry.get("mlops.drift.p.value").tag("column", "mass").gauge().value()).isNaN();

    SplittableRandom rng = new SplittableRandom(11);
    int mass = window.columnIndex("mass");
    int island = window.columnIndex("island");
    for (int i = 0; i < 2000; i++) {
      window.update(mass, 5000 + 500 * rng.nextGaussian()); // heavier penguins: drift
      window.update(island, i % 3 == 0 ? "Biscoe" : i % 3 == 1 ? "Dream" : "Torgersen");
    }
    // still within the refresh interval: the gauges keep the empty-window comparison
    assertThat(registry.get("mlops.drift.dataset.drifted").gauge().value()).isNotEqualTo(1.0);
    clock.advance(Duration.ofSeconds(10));
    assertThat(registry.get("mlops.drift.column.drifted").tag("column", "mass").gauge().value()).isEqualTo(1);
    assertThat(registry.get("mlops.drift.p.value").tag("column", "mass").gauge().value()).isLessThan(1e-6);
    assertThat(registry.get("mlops.drift.effect.size").tag("column", "mass").gauge().value()).isGreaterThan(0.5);
    assertThat(registry.get("mlops.drift.statistic").tag("column", "mass").gauge().value()).isPositive();
    assertThat(registry.get("mlops.drift.column.drifted").tag("column", "island").gauge().value()).isZero();
    assertThat(registry.get("mlops.drift.share").gauge().value()).isEqualTo(0.5);
    assertThat(metrics.refresh().driftedColumns()).extracting(c -> c.column()).containsExactly("mass");
  }
}
