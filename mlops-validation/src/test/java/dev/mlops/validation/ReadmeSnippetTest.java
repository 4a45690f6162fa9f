package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.io.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the snippet of the README's validation section. */
class ReadmeSnippetTest {
  @TempDir Path dir;

  @Test
  void readmeSnippetRuns() throws Exception {
    Files.writeString(dir.resolve("orders.csv"),
        "id,status,amount\n1,NEW,20.5\n2,PAID,\n3,SHIPPED,99.0\n4,LOST,-1.0\n");
    Path path = dir.resolve("orders.csv");
    // snippet:validation
    Table orders = TableReader.readCsv(path);
    ValidationSuite suite = ValidationSuite.builder("orders")
        .addCheck(Check.error("integrity")
            .hasSize(1, 10_000_000)
            .isComplete("id")
            .isUnique("id")
            .isContainedIn("status", Set.of("NEW", "PAID", "SHIPPED"))
            .isNonNegative("amount").mostly(0.5)
            .hasMean("amount", 10, 500))
        .build();
    ValidationResult result = suite.run(orders);
    System.out.println(result.status() + "\n" + result.toJson());

    // row level: stream offending rows, or validate one request in a model server
    suite.validateRows(orders, bad -> System.out.println(bad.row() + " " + bad.violations()));
    // one record cannot repeat a key: say so explicitly (the default refuses a suite holding isUnique)
    RowValidator validator = suite.rowValidator(Map.of("id", ColumnType.LONG, "status", ColumnType.STRING,
        "amount", ColumnType.DOUBLE), RowValidator.KeyRules.SKIP);
    RowValidator.Row row = validator.newRow();  // one per thread, reused
    boolean ok = row.setLong("id", 5).setString("status", "PAID").setDouble("amount", 12.0).isValid();
    // end-snippet
    assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
    assertThat(result.results().get(3).samples()).containsExactly(new ValueCount("LOST", 1));
    assertThat(result.results().get(4).status()).isEqualTo(RuleStatus.PASSED);
    assertThat(ok).isTrue();
    assertThat(List.of(row.setString("status", "LOST").validate().get(0).reason())).allMatch(r -> r.contains("LOST"));
  }
}
