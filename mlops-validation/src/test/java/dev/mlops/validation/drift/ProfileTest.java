package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.validation.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ProfileTest {
  private final Table weather = SeattleWeather.table();

  @Test
  void referenceProfileRoundTripsThroughJson() {
    DatasetProfile p = DatasetProfile.fit(weather, BinningOptions.defaults());
    assertThat(p.columns()).extracting(ColumnHistogram::name)
        .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
    String json = p.toJson();
    assertThat(json).contains("\"format\":\"mlops-drift-profile\"");
    assertThat(DatasetProfile.fromJson(json)).isEqualTo(p);
    assertThat(p.column("weather").total()).isEqualTo(weather.rowCount());
  }

  @Test
  void profilesOfHalvesMergeIntoTheProfileOfTheWhole() {
    DatasetProfile reference = DatasetProfile.fit(weather, BinningOptions.defaults());
    int half = weather.rowCount() / 2;
    DatasetProfile first = reference.observe(weather.slice(0, half));
    DatasetProfile second = reference.observe(weather.slice(half, weather.rowCount()));
    assertThat(first.merge(second)).isEqualTo(reference.observe(weather)).isEqualTo(reference);
  }

  @Test
  void malformedJsonIsCorruptedData() {
    assertThatThrownBy(() -> DatasetProfile.fromJson("{\"format\":\"other\"}"))
        .isInstanceOf(CorruptedDataException.class);
    assertThatThrownBy(() -> DatasetProfile.fromJson("{\"format\":\"mlops-drift-profile\",\"version\":1,"
        + "\"columns\":[{\"name\":\"x\",\"binning\":{\"kind\":\"NUMERIC\",\"edges\":[2,1]},\"counts\":[1,2,3,4]}]}"))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> DatasetProfile.fromJson("not json")).isInstanceOf(CorruptedDataException.class);
  }

  @Test
  void tumblingCountWindowCompletesAndRestarts() {
    WindowProfile w = WindowProfile.of(profileOf(0, 10), Window.tumblingCount(3));
    int x = w.columnIndex("x");
    assertThat(w.lastCompleted()).isNull();
    for (double v : new double[] {1, 2, 30, 4}) {
      w.update(x, v);
    }
    assertThat(w.lastCompleted().column("x").counts()).containsExactly(2, 1, 0);
    assertThat(w.snapshot().column("x").counts()).containsExactly(1, 0, 0);
  }

  @Test
  void slidingTimeWindowForgetsOldPanes() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    WindowProfile w = WindowProfile.of(profileOf(0, 10), Window.slidingTime(Duration.ofSeconds(10), 2), clock);
    Map<String, Object> low = Map.of("x", 1.0);
    Map<String, Object> high = Map.of("x", 20.0);
    w.updateRow(low);
    clock.advance(Duration.ofSeconds(5));
    w.updateRow(high);
    assertThat(w.snapshot().column("x").counts()).containsExactly(1, 1, 0);
    clock.advance(Duration.ofSeconds(5));
    assertThat(w.snapshot().column("x").counts()).containsExactly(0, 1, 0);
    clock.advance(Duration.ofSeconds(60));
    assertThat(w.snapshot().column("x").total()).isZero();
  }

  @Test
  void tumblingTimeWindowKeepsTheLastCompletedWindow() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    WindowProfile w = WindowProfile.of(profileOf(0, 10), Window.tumblingTime(Duration.ofMinutes(1)), clock);
    int x = w.columnIndex("x");
    w.update(x, 1.0);
    w.update(x, Double.NaN);
    clock.advance(Duration.ofSeconds(60));
    w.update(x, 50.0);
    assertThat(w.lastCompleted().column("x").counts()).containsExactly(1, 0, 1);
    assertThat(w.snapshot().column("x").counts()).containsExactly(0, 1, 0);
  }

  @Property(tries = 80)
  void slidingCountWindowHoldsTheLatestPanes(
      @ForAll @Size(max = 200) List<@DoubleRange(min = -5, max = 15) Double> values,
      @ForAll @IntRange(min = 1, max = 5) int panes,
      @ForAll @IntRange(min = 1, max = 7) int paneSize) {
    DatasetProfile reference = profileOf(0, 10);
    WindowProfile w = WindowProfile.of(reference, Window.slidingCount((long) panes * paneSize, panes));
    int x = w.columnIndex("x");
    values.forEach(v -> w.update(x, v));
    int n = values.size();
    int held = n % paneSize + Math.min(panes - 1, n / paneSize) * paneSize;
    double[] expected = values.subList(n - held, n).stream().mapToDouble(Double::doubleValue).toArray();
    Binning b = reference.column("x").binning();
    assertThat(w.snapshot().column("x")).isEqualTo(ColumnHistogram.ofNumbers("x", b, expected));
  }

  private static DatasetProfile profileOf(double... reference) {
    Binning b = Binning.numeric(Arrays.stream(reference).skip(1).toArray());
    return DatasetProfile.of(List.of(ColumnHistogram.ofNumbers("x", b, reference)));
  }
}
