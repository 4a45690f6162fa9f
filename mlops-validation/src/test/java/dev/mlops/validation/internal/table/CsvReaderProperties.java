package dev.mlops.validation.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast reader against a simple reference on random CSV text: the generator knows every cell's intended value
 * (text, quoting, null-ness), the reference types each column over all its values with Java's own parsers and
 * regular expressions, and the table read with tiny blocks on several threads (or in row chunks) must equal it cell by cell.
 * Cells include quoted delimiters, quotes and line breaks, multi-byte UTF-8, null tokens, numbers needing the
 * slow double path, and columns whose type only the last rows decide.
 */
class CsvReaderProperties {
  private static final Set<String> NULL_TOKENS = Set.of("", "NA", "N/A", "null", "NULL");
  private static final String[] TEXT_PIECES = {
    "a", "b", "z", " ", ",", "\"", "\n", "\r\n", "\r", "é", "€", "😀", "中", "x\"y", "NA", "1", "-", "."
  };

  /** One generated cell: its raw CSV text and what it means. */
  private static final class Cell {
    final String raw;
    final boolean isNull;
    final String value;

    Cell(String raw, boolean isNull, String value) {
      this.raw = raw;
      this.isNull = isNull;
      this.value = value;
    }
  }

  private static String randomValue(Random rnd, int kind) {
    switch (kind) {
      case 0:
        return Long.toString(rnd.nextInt(5) == 0 ? rnd.nextLong() : rnd.nextInt(1000) - 500);
      case 1: {
        int form = rnd.nextInt(6);
        if (form == 0) {
          return Double.toString(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
        }
        if (form == 1) {
          return rnd.nextInt(1000) + "." + rnd.nextInt(1000) + "e" + (rnd.nextInt(700) - 350);
        }
        if (form == 2) {
          return new String[] {"NaN", "Infinity", "-Infinity", "-0.0", "inf", "1e400", "4.9e-324"}[rnd.nextInt(7)];
        }
        if (form == 3) {
          StringBuilder sb = new StringBuilder();
          for (int i = 0, n = 1 + rnd.nextInt(25); i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
          }
          return sb.insert(rnd.nextInt(sb.length() + 1), '.').toString();
        }
        return Long.toString(rnd.nextInt(100));
      }
      case 2:
        return rnd.nextBoolean() ? "true" : "FALSE";
      case 3:
        return LocalDate.ofEpochDay(rnd.nextInt(40000) - 10000).toString();
      case 4:
        return "2024-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(9) + (rnd.nextBoolean() ? "T" : " ") + "1"
            + rnd.nextInt(9) + ":3" + rnd.nextInt(9) + (rnd.nextBoolean() ? ":0" + rnd.nextInt(9) : "")
            + (rnd.nextBoolean() ? "Z" : "");
      default: {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = rnd.nextInt(6); i < n; i++) {
          sb.append(TEXT_PIECES[rnd.nextInt(TEXT_PIECES.length)]);
        }
        return sb.toString();
      }
    }
  }

  private static Cell randomCell(Random rnd, int kind, boolean only) {
    if (rnd.nextInt(8) == 0) {
      String token = new String[] {"", "NA", "null"}[rnd.nextInt(3)];
      return only && token.isEmpty() ? new Cell("NA", true, "") : new Cell(token, true, "");
    }
    // a column sometimes holds one value of another kind, to force the wider type
    String v = randomValue(rnd, rnd.nextInt(25) == 0 ? rnd.nextInt(6) : kind);
    boolean mustQuote = v.isEmpty() || NULL_TOKENS.contains(v) || v.contains(",") || v.contains("\"")
        || v.contains("\n") || v.contains("\r");
    if (mustQuote || rnd.nextInt(6) == 0) {
      return new Cell("\"" + v.replace("\"", "\"\"") + "\"", false, v);
    }
    return new Cell(v, false, v);
  }

  @Property(tries = 300)
  void parallelReaderEqualsTheReference(@ForAll long seed, @ForAll @IntRange(min = 5, max = 200) int blockBytes,
      @ForAll @IntRange(min = 1, max = 3) int threads) {
    Random rnd = new Random(seed);
    int ncol = 1 + rnd.nextInt(4);
    int rows = 1 + rnd.nextInt(40);
    List<Cell[]> cells = new ArrayList<>();
    StringBuilder csv = new StringBuilder(rnd.nextInt(4) == 0 ? "\uFEFF" : "");
    String eol = rnd.nextBoolean() ? "\n" : "\r\n";
    int[] kinds = new int[ncol];
    for (int j = 0; j < ncol; j++) {
      kinds[j] = rnd.nextInt(6);
      csv.append(j > 0 ? "," : "").append("h").append(j);
    }
    csv.append(eol);
    for (int r = 0; r < rows; r++) {
      Cell[] row = new Cell[ncol];
      for (int j = 0; j < ncol; j++) {
        row[j] = randomCell(rnd, kinds[j], ncol == 1);
        csv.append(j > 0 ? "," : "").append(row[j].raw);
      }
      cells.add(row);
      if (r < rows - 1 || rnd.nextBoolean()) {
        csv.append(rnd.nextInt(10) == 0 ? eol + eol : eol);
      }
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    Table t = ParallelCsvReader.read(() -> new ByteArrayInputStream(bytes), "prop", CsvOptions.defaults(), blockBytes,
        threads);
    assertEqualsReference(t, cells, ncol);
    try (CsvTableReader chunks = new CsvTableReader(new ByteArrayInputStream(bytes), "prop",
        declared(t), 1 + rnd.nextInt(5), blockBytes)) {
      List<Table> parts = new ArrayList<>();
      chunks.forEachRemaining(parts::add);
      assertEqualsReference(Table.concat(parts), cells, ncol);
    }
  }

  private static CsvOptions declared(Table t) {
    CsvOptions.Builder b = CsvOptions.builder();
    t.schema().forEach(b::columnType);
    return b.build();
  }

  private static void assertEqualsReference(Table t, List<Cell[]> cells, int ncol) {
    assertThat(t.rowCount()).isEqualTo(cells.size());
    for (int j = 0; j < ncol; j++) {
      Column c = t.columns().get(j);
      assertThat(c.type()).as("column %d", j).isEqualTo(referenceType(cells, j));
      for (int r = 0; r < cells.size(); r++) {
        Cell cell = cells.get(r)[j];
        assertThat(c.isNull(r)).as("row %d column %d null", r, j).isEqualTo(cell.isNull);
        if (!cell.isNull) {
          assertThat(c.get(r)).as("row %d column %d <%s>", r, j, cell.raw).isEqualTo(referenceValue(c.type(),
              cell.value));
        }
      }
    }
  }

  private static ColumnType referenceType(List<Cell[]> cells, int j) {
    ColumnType[] order = {ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.DATE,
        ColumnType.TIMESTAMP};
    boolean any = false;
    for (Cell[] row : cells) {
      any |= !row[j].isNull;
    }
    if (!any) {
      return ColumnType.STRING;
    }
    for (ColumnType type : order) {
      boolean all = true;
      for (Cell[] row : cells) {
        if (!row[j].isNull) {
          all &= fits(type, row[j].value);
        }
      }
      if (all) {
        return type;
      }
    }
    return ColumnType.STRING;
  }

  /** An ISO date-time as the reader documents it: a date, {@code T} or a space, a time, an optional offset. */
  private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?");
  private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
      "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(?i:inf|infinity)|(?i:nan)");

  /** The reference typing: Java's own parsers and regular expressions, no code of the reader. */
  private static boolean fits(ColumnType type, String v) {
    switch (type) {
      case LONG:
        try {
          Long.parseLong(v);
          return true;
        } catch (NumberFormatException e) {
          return false;
        }
      case DOUBLE:
        // a finite literal beyond double's range, or an integer beyond long's, is not inferred as a double
        return DECIMAL.matcher(v).matches() && (v.matches("[+-]?(?i:inf|infinity)")
            || !Double.isInfinite(Double.parseDouble(v.replaceAll("(?i:nan)", "0"))))
            && !(v.matches("[+-]?\\d+") && !fits(ColumnType.LONG, v));
      case BOOLEAN:
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
      case DATE:
        return v.length() == 10 && parsesAsDate(v);
      default:
        return TIMESTAMP.matcher(v).matches() && parsesAsDate(v.substring(0, 10)) && timestamp(v) != null;
    }
  }

  private static boolean parsesAsDate(String v) {
    try {
      LocalDate.parse(v);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static java.time.@org.jspecify.annotations.Nullable Instant timestamp(String v) {
    String s = v.replace(' ', 'T');
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
      } catch (java.time.format.DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static Object referenceValue(ColumnType type, String value) {
    switch (type) {
      case LONG:
        return Long.parseLong(value);
      case DOUBLE: {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("nan")) {
          return Double.NaN;
        }
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
          return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(value);
      }
      case BOOLEAN:
        return value.equalsIgnoreCase("true");
      case DATE:
        return LocalDate.parse(value);
      case TIMESTAMP:
        return timestamp(value);
      default:
        return value;
    }
  }
}
