package dev.mlops.validation.drift;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import dev.mlops.validation.io.TableReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The seattle-weather test table and row filters on its date column. */
final class SeattleWeather {
  private SeattleWeather() {}

  static Table table() {
    try {
      Path p = Path.of(SeattleWeather.class.getResource("/drift/seattle-weather.csv").toURI());
      return TableReader.readCsv(p, CsvOptions.builder().columnType("date", ColumnType.DATE).build());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Table rows(Table t, Predicate<LocalDate> keep) {
    Column date = t.column("date");
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      if (keep.test(LocalDate.ofEpochDay(date.getLong(i)))) {
        rows.add(i);
      }
    }
    return t.select(rows.stream().mapToInt(Integer::intValue).toArray());
  }
}
