package dev.mlops.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowValidator;
import dev.mlops.validation.ValidationSuite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The row validator binder: checked, rejected and per-rule counts, from many threads. */
class RowValidatorMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static RowValidator validator() {
    ValidationSuite suite = ValidationSuite.builder("serve").addCheck(Check.error("inputs")
        .isComplete("species").isNonNegative("mass")).build();
    return suite.rowValidator(Map.of("species", ColumnType.STRING, "mass", ColumnType.DOUBLE));
  }

  @Test
  void countsCheckedRejectedAndViolationsPerRule() throws Exception {
    RowValidator validator = validator();
    new RowValidatorMetrics(validator, "penguins").bindTo(registry);
    assertThat(registry.find("mlops.validation.violations").functionCounters()).hasSize(2)
        .allSatisfy(c -> assertThat(c.getId().getTag("validator")).isEqualTo("penguins"));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(() -> {
        RowValidator.Row row = validator.newRow();
        for (int i = 0; i < 1000; i++) {
          row.setString("species", i % 10 == 0 ? null : "Adelie").setDouble("mass", i % 4 == 0 ? -1 : 3500);
          if (i % 2 == 0) {
            row.validate();
          } else {
            row.isValid();
          }
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(registry.get("mlops.validation.rows.checked").functionCounter().count()).isEqualTo(4000);
    // rejected: i % 10 == 0 or i % 4 == 0 -> 100 + 250 - 50 = 300 of 1000 per thread
    assertThat(registry.get("mlops.validation.rows.rejected").functionCounter().count()).isEqualTo(1200);
    // per rule from validate() only (even i): null species at i % 10 == 0 (all even): 100; negative mass: 250
    assertThat(registry.get("mlops.validation.violations").tag("rule", "isComplete(species)").functionCounter()
        .count()).isEqualTo(400);
    assertThat(registry.get("mlops.validation.violations").tag("rule", "isNonNegative(mass)").functionCounter()
        .count()).isEqualTo(1000);
    assertThat(validator.stats().violationsByRule()).containsOnlyKeys("isComplete(species)", "isNonNegative(mass)");
  }
}
