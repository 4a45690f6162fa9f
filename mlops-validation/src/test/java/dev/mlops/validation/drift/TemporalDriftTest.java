package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** DATE and TIMESTAMP columns compared as numbers on their epoch values and shown as ISO-8601. */
class TemporalDriftTest {
  private final Table weather = SeattleWeather.table();
  private final DriftDetector detector = DriftDetector.defaults();

  private static ColumnDrift column(DatasetDrift d, String name) {
    return d.columns().stream().filter(c -> c.column().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void datesOf2015DriftFromThoseOf2012WithIsoBins() {
    Table y2012 = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table y2015 = SeattleWeather.rows(weather, d -> d.getYear() == 2015);
    DatasetDrift drift = detector.compare(y2012, y2015);

    assertThat(drift.skipped()).isEmpty();
    ColumnDrift date = column(drift, "date");
    assertThat(date.drifted()).isTrue();
    assertThat(date.kind()).isEqualTo(Binning.Kind.NUMERIC);
    assertThat(date.test()).isEqualTo(DriftMethod.KOLMOGOROV_SMIRNOV);
    assertThat(date.pValueMethod()).isEqualTo(PValueMethod.EXACT);
    assertThat(date.statistic()).isEqualTo(1.0);
    assertThat(date.effectMeasure()).isEqualTo(DriftMethod.WASSERSTEIN_NORMALIZED);
    // three years apart, against a standard deviation of about 106 days
    assertThat(date.effectSize()).isGreaterThan(9.0);
    assertThat(date.referenceCount()).isEqualTo(366);
    assertThat(date.counts().bins()).hasSize(11).startsWith("(-inf, 2012-02-07)").endsWith("<missing>");
    assertThat(date.counts().bins()).allMatch(b -> b.equals("<missing>") || b.contains("2012-"));
    assertThat(date.topBin()).matches("\\[2012-1\\d-\\d\\d, \\+inf\\)");
    assertThat(date.explanation()).startsWith("drifted: KS p = ").contains("largest change in [2012-");

    JsonNode json = JsonMapper.builder().build().readTree(drift.toJson());
    JsonNode first = json.get("columns").get(0);
    assertThat(first.get("column").asString()).isEqualTo("date");
    assertThat(first.get("counts").get("bins").get(1).asString()).matches("\\[2012-\\d\\d-\\d\\d, 2012-.*\\)");
  }

  @Test
  void interleavedHalvesOfTheWintersDoNotDrift() {
    Table winter = SeattleWeather.rows(weather, d -> d.getMonthValue() == 12 || d.getMonthValue() <= 2);
    Table even = winter.select(IntStream.range(0, winter.rowCount()).filter(i -> i % 2 == 0).toArray());
    Table odd = winter.select(IntStream.range(0, winter.rowCount()).filter(i -> i % 2 == 1).toArray());
    DatasetDrift drift = detector.compare(even, odd);
    ColumnDrift date = column(drift, "date");
    assertThat(date.drifted()).isFalse();
    assertThat(date.pValue()).isGreaterThan(0.5);
    assertThat(date.effectSize()).isLessThan(0.01);
    assertThat(drift.driftedColumns()).isEmpty();
  }

  @Test
  void profilesIncludeDatesAndRoundTripTheirScale() {
    Table y2012 = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table y2015 = SeattleWeather.rows(weather, d -> d.getYear() == 2015);
    DatasetProfile reference = DatasetProfile.fit(y2012, BinningOptions.defaults());
    ColumnHistogram date = reference.column("date");
    assertThat(date).isNotNull();
    assertThat(date.binning().scale()).isEqualTo(NumericScale.EPOCH_DAY);
    assertThat(date.binning().labels().get(0)).isEqualTo("(-inf, 2012-02-07)");
    String json = reference.toJson();
    assertThat(json).contains("\"scale\":\"EPOCH_DAY\"").contains("\"version\":2");
    assertThat(DatasetProfile.fromJson(json)).isEqualTo(reference);

    DatasetDrift drift = detector.compare(reference, reference.observe(y2015));
    assertThat(column(drift, "date").drifted()).isTrue();
    assertThat(column(drift, "date").topBin()).startsWith("[2012-");
    assertThatThrownBy(() -> reference.observe(Table.of(Column.ofLongs("date", 15_000L))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("scale EPOCH_DAY");
  }

  @Test
  void windowsCountDatesAndInstantsFromRows() {
    Column day = Column.builder("day", ColumnType.DATE).add(LocalDate.of(2020, 1, 1))
        .add(LocalDate.of(2020, 6, 1)).add(LocalDate.of(2021, 1, 1)).build();
    Column at = Column.builder("at", ColumnType.TIMESTAMP).add(Instant.parse("2020-01-01T00:00:00Z"))
        .add(Instant.parse("2020-01-01T12:00:00.000250Z")).add(Instant.parse("2020-01-02T00:00:00Z")).build();
    DatasetProfile reference = DatasetProfile.fit(Table.of(day, at), new BinningOptions(3, 10));
    assertThat(reference.column("day").binning().labels())
        .containsExactly("(-inf, 2020-06-01)", "[2020-06-01, 2021-01-01)", "[2021-01-01, +inf)", "<missing>");
    assertThat(reference.column("at").binning().labels()).containsExactly(
        "(-inf, 2020-01-01T12:00:00.000250Z)", "[2020-01-01T12:00:00.000250Z, 2020-01-02T00:00:00Z)",
        "[2020-01-02T00:00:00Z, +inf)", "<missing>");

    WindowProfile w = WindowProfile.of(reference, Window.tumblingCount(100));
    Map<String, Object> row = new HashMap<>();
    row.put("day", LocalDate.of(2020, 7, 1));
    row.put("at", Instant.parse("2019-12-31T00:00:00Z"));
    w.updateRow(row);
    row.put("day", null);
    row.put("at", null);
    w.updateRow(row);
    assertThat(w.snapshot().column("day").counts()).containsExactly(0, 1, 0, 1);
    assertThat(w.snapshot().column("at").counts()).containsExactly(1, 0, 0, 1);
    assertThatThrownBy(() -> w.updateRow(Map.of("day", Instant.EPOCH)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("counts dates");
    assertThat(w.snapshot().column("at").total()).as("a refused row counts nothing").isEqualTo(2);
  }

  @Test
  void aDateColumnThatBecameANumberIsSkipped() {
    Column refDates = Column.builder("d", ColumnType.DATE).add(LocalDate.of(2020, 1, 1)).add(LocalDate.of(2020, 1, 2))
        .build();
    DatasetDrift drift = detector.compare(Table.of(refDates), Table.of(Column.ofLongs("d", 18262L, 18263L)));
    assertThat(drift.skipped()).containsEntry("d", "type changed from DATE to LONG");
  }

  @Test
  void scalesFormatAndGuardTheirNumbers() {
    assertThat(NumericScale.forType(ColumnType.DATE)).isEqualTo(NumericScale.EPOCH_DAY);
    assertThat(NumericScale.forType(ColumnType.TIMESTAMP)).isEqualTo(NumericScale.EPOCH_MICROSECOND);
    assertThat(NumericScale.forType(ColumnType.STRING)).isNull();
    assertThat(NumericScale.EPOCH_DAY.format(0)).isEqualTo("1970-01-01");
    assertThat(NumericScale.EPOCH_MICROSECOND.format(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
    assertThat(NumericScale.NUMBER.format(2.5)).isEqualTo("2.5");
    assertThat(NumericScale.EPOCH_DAY.accepts(0.5)).isFalse();
    assertThat(NumericScale.EPOCH_DAY.accepts(1e12)).isFalse();
    assertThatThrownBy(() -> Binning.numeric(NumericScale.EPOCH_DAY, 1.0, 1.5))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("edge 1 is 1.5");
    assertThatThrownBy(() -> NumericScale.EPOCH_DAY.toNumber(Instant.EPOCH))
        .isInstanceOf(InvalidInputException.class);
    assertThat(NumericScale.EPOCH_MICROSECOND.toNumber(Instant.parse("1970-01-01T00:00:01.000002999Z")))
        .isEqualTo(1_000_002.0);
  }

  @Test
  void versionOneProfilesStillReadAsPlainNumbers() {
    DatasetProfile p = DatasetProfile.fromJson("{\"format\":\"mlops-drift-profile\",\"version\":1,\"columns\":"
        + "[{\"name\":\"x\",\"binning\":{\"kind\":\"NUMERIC\",\"edges\":[1.5]},\"counts\":[1,2,0]}]}");
    assertThat(p.column("x").binning()).isEqualTo(Binning.numeric(1.5));
    assertThatThrownBy(() -> DatasetProfile.fromJson("{\"format\":\"mlops-drift-profile\",\"version\":3,"
        + "\"columns\":[]}")).isInstanceOf(CorruptedDataException.class).hasMessageContaining("version 3");
    assertThatThrownBy(() -> DatasetProfile.fromJson("{\"format\":\"mlops-drift-profile\",\"version\":2,\"columns\":"
        + "[{\"name\":\"x\",\"binning\":{\"kind\":\"NUMERIC\",\"scale\":\"EPOCH_WEEK\",\"edges\":[]},"
        + "\"counts\":[1,0]}]}")).isInstanceOf(CorruptedDataException.class).hasMessageContaining("EPOCH_WEEK");
  }
}
