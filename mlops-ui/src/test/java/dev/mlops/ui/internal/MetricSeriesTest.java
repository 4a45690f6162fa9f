package dev.mlops.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Streamed points become one primitive series per key, ordered by step with ties in logging order. */
class MetricSeriesTest {
  @Test
  void pointsAreGroupedByKeyAndStablySortedByStep() {
    MetricSeries.Collector c = new MetricSeries.Collector();
    c.accept("loss", 0.5, 2, 100);
    c.accept("acc", 0.1, 0, 101);
    c.accept("loss", 0.4, 1, 102);
    c.accept("loss", Double.NaN, 1, 103);
    for (int i = 0; i < 40; i++) { // past the first growth of the arrays
      c.accept("acc", i, i + 1, 200 + i);
    }
    Map<String, MetricSeries> series = c.series();
    assertThat(series.keySet()).containsExactly("loss", "acc");
    MetricSeries loss = series.get("loss");
    assertThat(loss.steps()).containsExactly(1, 1, 2);
    assertThat(loss.values()[0]).isEqualTo(0.4);
    assertThat(loss.values()[1]).isNaN();
    assertThat(loss.timestamps()).containsExactly(102, 103, 100);
    MetricSeries acc = series.get("acc");
    assertThat(acc.size()).isEqualTo(41);
    assertThat(acc.steps()).isSorted();
    assertThat(acc.timestamps()[40]).isEqualTo(239);
    assertThat(acc.chart(10).get("total")).isEqualTo(41);
  }
}
