package dev.mlops.tracking.monitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * jqwik properties of the history strategies (named {@code *Test} so surefire runs them): searching
 * an interval finds exactly the whole history's anomalies that lie in it, and first-order changes agree
 * with a direct computation.
 */
class AnomalyStrategyProperties {
  @Property(tries = 200)
  void anIntervalFindsTheWholeHistorysAnomaliesInside(
      @ForAll @Size(max = 40) List<@DoubleRange(min = -100, max = 100) Double> values,
      @ForAll @IntRange(min = 0, max = 45) int a, @ForAll @IntRange(min = 0, max = 45) int b,
      @ForAll @IntRange(min = 0, max = 3) int order) {
    double[] history = values.stream().mapToDouble(Double::doubleValue).toArray();
    int from = Math.min(a, b);
    int to = Math.max(a, b);
    for (AnomalyStrategy strategy : List.of(new SimpleThresholdStrategy(-50, 50),
        new AbsoluteChangeStrategy(-30, 30, order), new RelativeChangeStrategy(0.5, 2.0, Math.max(order, 1)))) {
      List<Anomaly> all = strategy.detect(history);
      List<Anomaly> inside = strategy.detect(history, from, to);
      assertThat(inside).as("%s on [%d, %d)", strategy, from, to)
          .isEqualTo(all.stream().filter(x -> x.index() >= from && x.index() < to).toList());
    }
  }

  @Property(tries = 200)
  void firstOrderChangesAreConsecutiveDifferences(
      @ForAll @Size(max = 40) List<@DoubleRange(min = -100, max = 100) Double> values) {
    double[] history = values.stream().mapToDouble(Double::doubleValue).toArray();
    List<Integer> expected = new java.util.ArrayList<>();
    for (int i = 1; i < history.length; i++) {
      double change = history[i] - history[i - 1];
      if (change < -20 || change > 10) {
        expected.add(i);
      }
    }
    assertThat(new AbsoluteChangeStrategy(-20, 10, 1).detect(history)).extracting(Anomaly::index)
        .isEqualTo(expected);
  }
}
