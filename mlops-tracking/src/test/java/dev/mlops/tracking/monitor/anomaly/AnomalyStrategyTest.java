package dev.mlops.tracking.monitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyStrategyTest {
  private static List<Integer> indices(List<Anomaly> anomalies) {
    return anomalies.stream().map(Anomaly::index).toList();
  }

  @Test
  void simpleThresholdFlagsValuesOutsideTheBounds() {
    double[] history = {1, 5, -2, 10};
    assertThat(indices(new SimpleThresholdStrategy(0, 5).detect(history))).containsExactly(2, 3);
    assertThat(indices(SimpleThresholdStrategy.atMost(5).detect(history))).containsExactly(3);
    assertThat(indices(new SimpleThresholdStrategy(0, 5).detect(history, 0, 3))).containsExactly(2);
    assertThat(new SimpleThresholdStrategy(0, 5).detect(history).get(1).detail()).contains("10.0", "[0.0, 5.0]");
  }

  @Test
  void absoluteChangeOfFirstAndSecondOrder() {
    double[] history = {1, 2, 5, 4, 0};
    // first differences at 1..4: 1, 3, -1, -4
    assertThat(indices(new AbsoluteChangeStrategy(-2, 2, 1).detect(history))).containsExactly(2, 4);
    // second differences at 2..4: 2, -4, -3
    assertThat(indices(new AbsoluteChangeStrategy(-2, 2, 2).detect(history))).containsExactly(3, 4);
    // order 0 compares the values themselves
    assertThat(indices(new AbsoluteChangeStrategy(0.5, 4.5, 0).detect(history))).containsExactly(2, 4);
    // values before the interval still give the change at its first index
    assertThat(indices(new AbsoluteChangeStrategy(-2, 2, 1).detect(history, 2, 5))).containsExactly(2, 4);
    assertThat(indices(new AbsoluteChangeStrategy(-2, 2, 1).detect(history, 3, 5))).containsExactly(4);
    // only a decrease bound
    assertThat(indices(new AbsoluteChangeStrategy(-2, Double.POSITIVE_INFINITY, 1).detect(history)))
        .containsExactly(4);
    assertThat(new AbsoluteChangeStrategy(-2, 2, 5).detect(history)).isEmpty();
  }

  @Test
  void relativeChangeComparesRatios() {
    double[] history = {100, 105, 120, 100, 0, 0, 5};
    // ratios at 1..6: 1.05, 1.143, 0.833, 0, NaN (0/0, never flagged), infinity
    assertThat(indices(new RelativeChangeStrategy(0.9, 1.1, 1).detect(history))).containsExactly(2, 3, 4, 6);
    // two steps back: 1.2, 0.952, 0, 0, infinity
    assertThat(indices(new RelativeChangeStrategy(0.9, 1.1, 2).detect(history))).containsExactly(2, 4, 5, 6);
    assertThat(indices(new RelativeChangeStrategy(0.9, 1.1, 1).detect(history, 3, 4))).containsExactly(3);
  }

  @Test
  void onlineNormalKeepsAnomaliesOutOfTheEstimatesWhenAsked() {
    double[] history = new double[24];
    for (int i = 0; i < 20; i++) {
      history[i] = i % 2 == 0 ? 9 : 11;
    }
    history[20] = 30;
    history[21] = 10;
    history[22] = 16;
    history[23] = 10;
    assertThat(indices(OnlineNormalStrategy.defaults().detect(history))).containsExactly(20, 22);
    // when the spike of 30 widens the band, 16 looks normal
    assertThat(indices(new OnlineNormalStrategy(3, 3, 0.1, false).detect(history))).containsExactly(20);
    // only the upper side
    assertThat(indices(new OnlineNormalStrategy(Double.POSITIVE_INFINITY, 3, 0.1, true).detect(history)))
        .containsExactly(20, 22);
    // the start is ignored: a 100 % skip never flags
    assertThat(new OnlineNormalStrategy(3, 3, 1.0, true).detect(history)).isEmpty();
    // as in Deequ, points before the interval are never anomalies, so the 30 stays in the estimates
    // and widens the band enough for 16 to pass
    assertThat(OnlineNormalStrategy.defaults().detect(history, 21, 24)).isEmpty();
    assertThat(indices(OnlineNormalStrategy.defaults().detect(history, 20, 24))).containsExactly(20, 22);
  }

  @Test
  void constantHistoriesAreNormal() {
    double[] flat = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
    assertThat(OnlineNormalStrategy.defaults().detect(flat)).isEmpty();
    assertThat(new OnlineNormalStrategy(Double.POSITIVE_INFINITY, 1, 0, true).detect(flat)).isEmpty();
    assertThat(new RelativeChangeStrategy(0.9, 1.1, 1).detect(flat)).isEmpty();
    assertThat(new AbsoluteChangeStrategy(-0.1, 0.1, 1).detect(flat)).isEmpty();
  }

  @Test
  void badInputIsRefusedWithItsPlace() {
    assertThatThrownBy(() -> new SimpleThresholdStrategy(0, 5).detect(new double[] {1, Double.NaN}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("history[1]");
    assertThatThrownBy(() -> new SimpleThresholdStrategy(0, 5).detect(new double[] {1}, 2, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("[2, 1)");
    assertThatThrownBy(() -> new SimpleThresholdStrategy(5, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new AbsoluteChangeStrategy(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1))
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> new AbsoluteChangeStrategy(2, 1, 1)).hasMessageContaining("above maxIncrease");
    assertThatThrownBy(() -> new AbsoluteChangeStrategy(-1, 1, -1)).hasMessageContaining("order");
    assertThatThrownBy(() -> new RelativeChangeStrategy(0.9, 1.1, 0)).hasMessageContaining("order must be >= 1");
    assertThatThrownBy(() -> new OnlineNormalStrategy(-1, 3, 0.1, true)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new OnlineNormalStrategy(3, 3, 1.5, true)).hasMessageContaining("[0, 1]");
    assertThat(new SimpleThresholdStrategy(0, 5).detect(new double[0])).isEmpty();
  }
}
