package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Table;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
  private final Table weather = SeattleWeather.table();

  @Test
  void seattleYears() {
    Table y2012 = SeattleWeather.rows(weather, d -> d.getYear() == 2012);
    Table y2015 = SeattleWeather.rows(weather, d -> d.getYear() == 2015);
    DatasetDrift drift = DriftDetector.defaults().compare(y2012, y2015);
    drift.columns().forEach(c -> System.out.println(c.column() + ": " + c.explanation() + " " + c.warnings()));
    System.out.println(drift.skipped());
    System.out.println(drift.toJson());
    Table winter = SeattleWeather.rows(weather, d -> d.getMonthValue() <= 2 || d.getMonthValue() == 12);
    Table summer = SeattleWeather.rows(weather, d -> d.getMonthValue() >= 6 && d.getMonthValue() <= 8);
    DatasetDrift seasons = DriftDetector.defaults().compare(winter, summer);
    seasons.columns().forEach(c -> System.out.println(c.column() + ": " + c.explanation() + " " + c.warnings()));
  }
}
