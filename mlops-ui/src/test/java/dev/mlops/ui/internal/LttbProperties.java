package dev.mlops.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LttbProperties {

  @Property
  void keepsAtMostThresholdPointsWithBothEndsInOrder(@ForAll @Size(min = 1, max = 3000) java.util.List<@DoubleRange(min = -1e6, max = 1e6) Double> ys,
      @ForAll @IntRange(min = 3, max = 500) int threshold) {
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    long[] x = new long[y.length + 5]; // longer than the points, as collected arrays are
    for (int i = 0; i < x.length; i++) {
      x[i] = i * 2L;
    }
    int[] kept = Lttb.select(x, y, y.length, threshold);
    assertThat(kept.length).isEqualTo(Math.min(y.length, threshold));
    assertThat(kept[0]).isZero();
    assertThat(kept[kept.length - 1]).isEqualTo(y.length - 1);
    for (int i = 1; i < kept.length; i++) {
      assertThat(kept[i]).isGreaterThan(kept[i - 1]);
    }
  }

  @Test
  void keepsASpikeThatAveragingWouldHide() {
    int n = 100_000;
    long[] x = new long[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    y[54_321] = 1000;
    int[] kept = Lttb.select(x, y, n, 2000);
    assertThat(kept).contains(54_321);
  }

  @Test
  void keepsANonFiniteValueSoAGapStaysVisible() {
    int n = 10_000;
    long[] x = new long[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = Math.sin(i / 50.0);
    }
    y[7_777] = Double.NaN;
    assertThat(Lttb.select(x, y, n, 100)).contains(7_777);
  }

  @Test
  void refusesMismatchedInput() {
    assertThatThrownBy(() -> Lttb.select(new long[3], new double[2], 3, 3)).hasMessageContaining("must hold n = 3");
    assertThatThrownBy(() -> Lttb.select(new long[3], new double[3], 3, 2)).hasMessageContaining("at least 3");
  }
}
