package dev.mlops.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.tracking.monitor.ChangeDetector;
import dev.mlops.tracking.monitor.MetricMonitor;
import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowValidator;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.drift.BinningOptions;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.DriftDetector;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Micrometer snippet, compiled and run. */
class ReadmeSnippetTest {
  @Test
  void bindingEveryBinderRegistersTheDocumentedMeters() {
    try (MlopsStore store = MlopsStore.open("mem:")) {
      store.artifacts().publish("penguins-softmax", new ByteArrayInputStream(new byte[] {1}), ArtifactSpec.defaults());
      store.artifacts().alias("penguins-softmax", "champion", 1);
      MetricMonitor monitor = MetricMonitor.builder("prediction_confidence").detector(ChangeDetector.pageHinkley())
          .build();
      RowValidator validator = ValidationSuite.builder("requests").addCheck(Check.error("inputs").isPositive("mass"))
          .build().rowValidator(Map.of("mass", ColumnType.DOUBLE));
      WindowProfile window = WindowProfile.of(DatasetProfile.fit(Table.fromMaps(List.of(Map.of("mass", 1.0),
          Map.of("mass", 2.0))), BinningOptions.defaults()), Window.slidingCount(1000, 4));
      // snippet:micrometer
      MeterRegistry registry = new SimpleMeterRegistry();       // or the server's Prometheus registry
      new MetricMonitorMetrics(monitor).bindTo(registry);       // mlops.monitor.*
      new RowValidatorMetrics(validator, "penguins").bindTo(registry);                         // mlops.validation.*
      new WindowDriftMetrics(window, DriftDetector.defaults(), "penguins").bindTo(registry);   // mlops.drift.*
      ModelAgeMetrics.of(store.artifacts(), "penguins-softmax@champion", Clock.systemUTC()).bindTo(registry);
      // end-snippet
      assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).contains("mlops.monitor.state",
          "mlops.validation.rows.checked", "mlops.drift.p.value", "mlops.model.age");
    }
  }
}
