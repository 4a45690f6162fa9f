package dev.mlops.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Streamed points become one primitive series per key, ordered by step with ties in logging order, and a
 * chart read through envelopes equals the whole series' chart while the series fits the envelope.
 */
class MetricSeriesTest {
  @Test
  void pointsAreGroupedByKeyAndStablySortedByStep() {
    MetricSeries.Collector c = MetricSeries.Collector.ofSeries();
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
    assertThat(acc.chart(10).get("total")).isEqualTo(41L);
  }

  @Property(tries = 50)
  void chartsFromCollectedArraysEqualChartsOfTheWholeSeries(
      @ForAll @Size(max = 3000) List<@LongRange(min = 0, max = 500) Long> steps,
      @ForAll @IntRange(min = 3, max = 300) int maxPoints) {
    MetricSeries.Collector whole = MetricSeries.Collector.ofSeries();
    MetricSeries.Collector chartsOnly = MetricSeries.Collector.ofCharts(); // 8,192 buckets: every point here
    MetricSeries.Collector smallBlocksWhole = MetricSeries.Collector.ofSeries(3);
    boolean ordered = steps.size() % 2 == 0; // half the tries log in step order
    List<Long> logged = ordered ? steps.stream().sorted().toList() : steps;
    for (int i = 0; i < logged.size(); i++) {
      String key = i % 3 == 0 ? "a" : "b";
      double value = i % 17 == 0 ? Double.NaN : Math.sin(i);
      for (MetricSeries.Collector c : List.of(whole, chartsOnly, smallBlocksWhole)) {
        c.accept(key, value, logged.get(i), i);
      }
    }
    Map<String, MetricSeries> series = whole.series();
    Map<String, Map<String, Object>> charts = chartsOnly.charts(maxPoints);
    assertThat(charts.keySet()).containsExactlyElementsOf(series.keySet());
    series.forEach((key, s) -> assertThat(charts.get(key)).usingRecursiveComparison()
        .isEqualTo(s.chart(maxPoints)));
    Map<String, MetricSeries> fromBlocks = smallBlocksWhole.series();
    assertThat(fromBlocks.keySet()).containsExactlyElementsOf(series.keySet());
    series.forEach((key, s) -> {
      MetricSeries b = fromBlocks.get(key);
      assertThat(b.steps()).isEqualTo(s.steps());
      assertThat(java.util.Arrays.equals(b.values(), s.values())).as("values of %s", key).isTrue();
      assertThat(b.timestamps()).isEqualTo(s.timestamps());
    });
  }

  @Test
  void aChartsOnlyCollectorKeepsNoTimestamps() {
    MetricSeries.Collector c = MetricSeries.Collector.ofCharts();
    c.accept("loss", 1, 0, 0);
    assertThatThrownBy(c::series).isInstanceOf(IllegalStateException.class);
  }
}
