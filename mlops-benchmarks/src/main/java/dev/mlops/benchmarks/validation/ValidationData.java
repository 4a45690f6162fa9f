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
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark data of issue 16, shaped like the tables users validate: a generated table of five columns and the
 * issue's 12-rule suite over it. Deterministic (fixed seed).
 *
 * <ul>
 *   <li>{@code id}: unique longs {@code 1..rows} in a shuffled order (a seeded Fisher-Yates permutation);
 *   <li>{@code category}: one of 20 strings, 1% nulls;
 *   <li>{@code amount}: {@code |N(100, 15)|} doubles written with full precision, 0.5% nulls;
 *   <li>{@code ts}: instants with second precision spread over 2024, written like {@code 2024-09-22T08:52:26Z};
 *   <li>{@code email}: unique addresses ({@code first.last<n>@domain.tld} over 40 domains), 0.1% malformed (no
 *       {@code @}, a space inside, or no top-level domain).
 * </ul>
 */
public final class ValidationData {
  /** The 20 category values. */
  public static final Set<String> CATEGORIES = categories();
  private static final String[] FIRST = {
    "anna", "ben", "carla", "david", "eva", "felix", "greta", "hugo", "ida", "jonas", "karin", "lars", "mia",
    "noah", "olga", "paul", "quinn", "rosa", "sven", "tina", "ulf", "vera", "wim", "xenia", "yusuf", "zoe"
  };
  private static final String[] LAST = {
    "meyer", "schmidt", "martin", "garcia", "rossi", "novak", "kowalski", "jensen", "dubois", "silva", "smith",
    "nguyen", "kim", "tanaka", "okafor", "haddad", "larsen", "moreau", "fischer", "weber"
  };
  private static final String[] DOMAINS = domains();

  private ValidationData() {}

  private static Set<String> categories() {
    Set<String> s = new LinkedHashSet<>();
    for (int i = 0; i < 20; i++) {
      s.add(String.format("category-%02d", i));
    }
    return Set.copyOf(s);
  }

  private static String[] domains() {
    String[] names = {"example", "mail", "post", "inbox", "corp", "shop", "uni-berlin", "acme", "web", "cloud"};
    String[] tlds = {"com", "de", "org", "co.uk"};
    String[] d = new String[names.length * tlds.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = names[i / tlds.length] + "." + tlds[i % tlds.length];
    }
    return d;
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
    long[] ids = new long[rows];
    for (int i = 0; i < rows; i++) {
      ids[i] = i + 1L;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      long t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    Column.Builder id = Column.builder("id", ColumnType.LONG, rows);
    Column.Builder category = Column.builder("category", ColumnType.STRING, rows);
    Column.Builder amount = Column.builder("amount", ColumnType.DOUBLE, rows);
    Column.Builder ts = Column.builder("ts", ColumnType.TIMESTAMP, rows);
    Column.Builder email = Column.builder("email", ColumnType.STRING, rows);
    long second0 = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    int yearSeconds = 366 * 86_400;
    StringBuilder sb = new StringBuilder(48);
    for (int i = 0; i < rows; i++) {
      id.addLong(ids[i]);
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
      ts.addLong((second0 + rnd.nextInt(yearSeconds)) * 1_000_000L);
      sb.setLength(0);
      sb.append(FIRST[rnd.nextInt(FIRST.length)]).append('.').append(LAST[rnd.nextInt(LAST.length)]).append(i);
      int malformed = rnd.nextInt(1000) == 0 ? 1 + rnd.nextInt(3) : 0;
      sb.append(malformed == 1 ? "" : "@");
      String domain = DOMAINS[rnd.nextInt(DOMAINS.length)];
      sb.append(malformed == 3 ? domain.substring(0, domain.indexOf('.')) : domain);
      if (malformed == 2) {
        sb.insert(sb.indexOf("."), ' ');
      }
      email.addString(sb.toString());
    }
    return Table.of(id.build(), category.build(), amount.build(), ts.build(), email.build());
  }

  /**
   * Returns the issue's 12-rule suite for a table of {@code rows} rows.
   *
   * @param rows the expected row count
   * @return the suite
   */
  public static ValidationSuite suite(int rows) {
    return ValidationSuite.builder("benchmark").addCheck(Check.error("issue-16")
        .hasSize(rows, rows)
        .isComplete("id")
        .isUnique("id")
        .hasCompleteness("category", 0.98)
        .isContainedIn("category", CATEGORIES)
        .isNonNegative("amount")
        .hasMean("amount", 90, 110)
        .hasStandardDeviation("amount", 10, 20)
        .hasApproxMedian("amount", 90, 110)
        .isEmail("email").mostly(0.99)
        .hasMin("amount", 0, 100)
        .hasMax("amount", 100, 1000)).build();
  }

  /**
   * Writes a table as CSV (timestamps ISO-8601 UTC, nulls empty, no quoting needed for this data).
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
