package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.micrometer.MetricMonitorMetrics;
import dev.mlops.micrometer.ModelAgeMetrics;
import dev.mlops.micrometer.RowValidatorMetrics;
import dev.mlops.micrometer.WindowDriftMetrics;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

public class MicrometerQuickStart {
  public static void main(String[] args) throws Exception {
    try (MlopsStore store = MlopsStore.open()) {
      // what a model server holds: its model's alias, a monitor, a request validator, a drift window
      Path model = Files.writeString(Path.of("model.json"), "{\"weights\": [0.4, -1.2]}");
      store.artifacts().publish("penguins-softmax", model, ArtifactSpec.defaults());
      store.artifacts().alias("penguins-softmax", "champion", 1);
      MetricMonitor monitor = MetricMonitor.builder("prediction_confidence")
          .detector(ChangeDetector.pageHinkley()).build();
      RowValidator validator = ValidationSuite.builder("requests")
          .addCheck(Check.error("inputs").isPositive("mass")).build()
          .rowValidator(Map.of("mass", ColumnType.DOUBLE));
      Table training = Table.fromMaps(List.of(Map.of("mass", 3750.0), Map.of("mass", 4200.0)));
      WindowProfile window = WindowProfile.of(DatasetProfile.fit(training, BinningOptions.defaults()),
          Window.slidingCount(1000, 4));

      MeterRegistry registry = new SimpleMeterRegistry();       // or the server's Prometheus registry
      new MetricMonitorMetrics(monitor).bindTo(registry);       // mlops.monitor.*
      new RowValidatorMetrics(validator, "penguins").bindTo(registry);                         // mlops.validation.*
      new WindowDriftMetrics(window, DriftDetector.defaults(), "penguins").bindTo(registry);   // mlops.drift.*
      ModelAgeMetrics.of(store.artifacts(), "penguins-softmax@champion", Clock.systemUTC()).bindTo(registry);

      validator.newRow().setDouble("mass", -5.0).isValid();    // a bad request, counted per rule
      registry.getMeters().forEach(m -> System.out.println(m.getId().getName() + " " + m.getId().getTags()));
    }
  }
}
