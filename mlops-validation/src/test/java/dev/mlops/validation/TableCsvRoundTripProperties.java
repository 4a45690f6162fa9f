package dev.mlops.validation;

import dev.mlops.validation.io.TableReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * {@link Table#writeCsv(Path)} round-trips: any table, read back with its schema declared, is the same table
 * (values, nulls, empty strings, doubles to the bit); and so does {@link Table#writeJson(Path)}.
 */
class TableCsvRoundTripProperties {
  private final Path dir;

  TableCsvRoundTripProperties() {
    try {
      dir = Files.createTempDirectory("csv-roundtrip");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterProperty
  void cleanUp() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
  }

  @Property(tries = 200)
  void writeCsvThenReadCsvGivesTheSameTable(@ForAll("tables") Table table) {
    Path f = dir.resolve("t.csv");
    table.writeCsv(f);
    CsvOptions.Builder options = CsvOptions.builder();
    table.schema().forEach(options::columnType);
    TableOperationsTest.assertSameTable(TableReader.readCsv(f, options.build()), table);
  }

  @Property(tries = 100)
  void writeJsonThenReadJsonGivesTheSameTable(@ForAll("tables") Table table) {
    Path f = dir.resolve("t.json");
    table.writeJson(f);
    TableOperationsTest.assertSameTable(TableReader.readJson(f, table.schema()), table);
  }

  @Provide
  Arbitrary<Table> tables() {
    Arbitrary<ColumnType> types = Arbitraries.of(ColumnType.values());
    return Combinators.combine(types.list().ofMinSize(1).ofMaxSize(5), Arbitraries.integers().between(1, 30),
        Arbitraries.longs()).as((colTypes, rows, seed) -> {
          java.util.Random random = new java.util.Random(seed);
          List<Column> columns = new ArrayList<>();
          for (int c = 0; c < colTypes.size(); c++) {
            Column.Builder b = Column.builder(randomName(random, c), colTypes.get(c), rows);
            for (int r = 0; r < rows; r++) {
              if (random.nextInt(5) == 0) {
                b.addNull();
              } else {
                b.add(value(random, colTypes.get(c)));
              }
            }
            columns.add(b.build());
          }
          return Table.of(columns);
        });
  }

  private static final String[] PIECES = {"a", "Z", " ", ",", "\"", "\r", "\n", "\r\n", "NA", "null", "", "1",
    "-2.5", "\u00e9", "\u4e2d", "\ud83d\ude00", "\t", "\uFEFF", "true", "2024-01-01"};

  private static String randomText(java.util.Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static String randomName(java.util.Random random, int c) {
    return "c" + c + randomText(random);
  }

  private static Object value(java.util.Random random, ColumnType type) {
    switch (type) {
      case LONG:
        return random.nextBoolean() ? random.nextLong() : (long) random.nextInt(100) - 50;
      case DOUBLE:
        switch (random.nextInt(6)) {
          case 0:
            return Double.longBitsToDouble(random.nextLong() & ~0x7ff0000000000000L | 0x3ff0000000000000L);
          case 1:
            double special = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
              0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL}[random.nextInt(8)];
            return special;
          case 2:
            return (double) random.nextInt(1000);
          default:
            double d = Double.longBitsToDouble(random.nextLong());
            return Double.isNaN(d) ? 1.5 : d;
        }
      case STRING:
        return randomText(random);
      case BOOLEAN:
        return random.nextBoolean();
      case DATE:
        return LocalDate.ofEpochDay(random.nextInt(2_000_000) - 700_000);
      default:
        return Instant.ofEpochSecond(random.nextInt(2_000_000_000) - 1_000_000_000L,
            random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000) * 1000L);
    }
  }
}
