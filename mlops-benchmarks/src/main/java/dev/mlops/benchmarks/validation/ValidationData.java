package dev.mlops.benchmarks.validation;

import dev.mlops.validation.Check;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationSuite;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark data of issue 5: a generated table (id: unique long; category: one of 20 strings with 1% nulls;
 * amount: normal double with 0.5% nulls; ts: date; email: string) and the suite over it. Deterministic
 * (fixed seed).
 */
public final class ValidationData {
  /** The 20 category values. */
  public static final Set<String> CATEGORIES = categories();

  private ValidationData() {}

  private static Set<String> categories() {
    Set<String> s = new LinkedHashSet<>();
    for (int i = 0; i < 20; i++) {
      s.add(String.format("category-%02d", i));
    }
    return Set.copyOf(s);
  }

  /**
   * Generates the table.
   *
   * @param rows the row count
   * @return the table
   */
  public static Table table(int rows) {
    Random rnd = new Random(42);
    String[] cats = CATEGORIES.stream().sorted().toArray(String[]::new);
    Column.Builder id = Column.builder("id", ColumnType.LONG, rows);
    Column.Builder category = Column.builder("category", ColumnType.STRING, rows);
    Column.Builder amount = Column.builder("amount", ColumnType.DOUBLE, rows);
    Column.Builder ts = Column.builder("ts", ColumnType.DATE, rows);
    Column.Builder email = Column.builder("email", ColumnType.STRING, rows);
    long day0 = LocalDate.of(2020, 1, 1).toEpochDay();
    for (int i = 0; i < rows; i++) {
      id.addLong(i * 0x9E3779B97F4A7C15L >>> 1);
      if (rnd.nextInt(100) == 0) {
        category.addNull();
      } else {
        category.addString(cats[rnd.nextInt(cats.length)]);
      }
      if (rnd.nextInt(200) == 0) {
        amount.addNull();
      } else {
        amount.addDouble(Math.abs(100 + 15 * rnd.nextGaussian()));
      }
      ts.addLong(day0 + rnd.nextInt(1500));
      email.addString("user" + i + "@example.com");
    }
    return Table.of(id.build(), category.build(), amount.build(), ts.build(), email.build());
  }

  /**
   * Returns the 12-rule suite for a table of {@code rows} rows.
   *
   * @param rows the expected row count
   * @return the suite
   */
  public static ValidationSuite suite(int rows) {
    return ValidationSuite.builder("benchmark").addCheck(Check.error("issue-5")
        .hasSize(rows, rows)
        .isComplete("id")
        .isUnique("id")
        .hasCompleteness("category", 0.98)
        .isContainedIn("category", CATEGORIES)
        .isNonNegative("amount")
        .hasMean("amount", 90, 110)
        .hasStandardDeviation("amount", 10, 20)
        .hasApproxMedian("amount", 90, 110)
        .hasPattern("email", "^[a-z0-9]+@[a-z]+\\.[a-z]{2,}$")
        .hasMin("amount", 0, 100)
        .hasMax("amount", 100, 1000)).build();
  }

  /**
   * Writes a table as CSV (dates ISO, nulls empty, no quoting needed for this data).
   *
   * @param table the table
   * @param path the file
   */
  public static void writeCsv(Table table, Path path) {
    try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write(String.join(",", table.columnNames()));
      w.write('\n');
      int cols = table.columns().size();
      for (int r = 0; r < table.rowCount(); r++) {
        for (int c = 0; c < cols; c++) {
          if (c > 0) {
            w.write(',');
          }
          String v = table.columns().get(c).format(r);
          if (v != null) {
            w.write(v);
          }
        }
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
