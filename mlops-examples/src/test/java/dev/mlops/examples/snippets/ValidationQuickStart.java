package dev.mlops.examples.snippets;

import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Profile;
import dev.mlops.validation.RowValidator;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.io.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

public class ValidationQuickStart {
  public static void main(String[] args) throws Exception {
    Path csv = Files.writeString(Path.of("orders.csv"), """
        id,status,amount
        1,NEW,12.5
        2,PAID,99.0
        2,PAID,
        4,LOST,-4.0
        """);
    Table orders = TableReader.readCsv(csv);                     // column types from every value
    ValidationSuite suite = ValidationSuite.builder("orders")
        .addCheck(Check.error("integrity")
            .hasSize(1, 10_000_000)
            .isComplete("id")
            .isUnique("id")
            .isContainedIn("status", Set.of("NEW", "PAID", "SHIPPED"))
            .isNonNegative("amount").mostly(0.5)
            .hasMean("amount", 10, 500))
        .build();
    ValidationResult result = suite.run(orders);                 // one pass, on all cores
    System.out.print(result.summary());
    String json = result.toJson();                               // versioned JSON; suites round-trip too

    // row level: every offending row with the rules it broke
    suite.validateRows(orders, bad -> System.out.println("row " + bad.row() + ": " + bad.violations()
        .stream().map(v -> v.rule() + " (" + v.reason() + ")").toList()));

    // one request in a model server: one record cannot repeat a key, so say so explicitly
    // (by default a row validator refuses a suite holding isUnique)
    RowValidator validator = suite.rowValidator(Map.of("id", ColumnType.LONG, "status", ColumnType.STRING,
        "amount", ColumnType.DOUBLE), RowValidator.KeyRules.SKIP);
    RowValidator.Row row = validator.newRow();                   // one per thread, reused
    boolean ok = row.setLong("id", 5).setString("status", "PAID").setDouble("amount", 12.0).isValid();
    System.out.println("request valid: " + ok);

    // a profile suggests a suite that passes on the data it came from
    ValidationSuite suggested = Profile.of(orders).suggestSuite("orders (suggested)");
    System.out.println("suggested suite: " + suggested.run(orders).status());
  }
}
