package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftStatisticsTest {

  @Test
  void refusesNonFiniteValuesNamingTheIndex() {
    assertThatThrownBy(() -> DriftStatistics.ks(new double[] {1, 2, Double.NaN}, new double[] {1}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("reference[2]");
    assertThatThrownBy(() -> DriftStatistics.wasserstein(new double[] {1}, new double[] {Double.NEGATIVE_INFINITY}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("current[0]");
  }

  @Test
  void refusesEmptyAndTooShortSamples() {
    assertThatThrownBy(() -> DriftStatistics.ks(new double[0], new double[] {1, 2}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("reference needs at least 1");
    assertThatThrownBy(() -> DriftStatistics.ksAsymptotic(new double[] {1}, new double[0]))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("current needs at least 1");
    assertThatThrownBy(() -> DriftStatistics.ksAsymptotic(new double[] {1}, new double[] {2}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("one value against one value");
    assertThatThrownBy(() -> DriftStatistics.tTest(new double[] {1, 2}, new double[] {1}, false))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("current needs at least 2");
    assertThatThrownBy(() -> DriftStatistics.andersonDarling(new double[] {3, 3}, new double[] {3}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than one distinct");
  }

  @Test
  void refusesBadHistogramsAndBases() {
    assertThatThrownBy(() -> DriftStatistics.psi(new double[] {1, 2}, new double[] {1, 2, 3}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("same bins");
    assertThatThrownBy(() -> DriftStatistics.hellinger(new double[] {1, -2}, new double[] {1, 2}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("reference[1]");
    assertThatThrownBy(() -> DriftStatistics.lInfinity(new double[] {0, 0}, new double[] {1, 2}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("positive sum");
    assertThatThrownBy(() -> DriftStatistics.jensenShannon(new double[] {1}, new double[] {1}, 1.0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("log base");
  }

  @Test
  void refusesExactDistributionsThatAreTooLarge() {
    double[] x = new double[30];
    double[] y = new double[30];
    for (int i = 0; i < 30; i++) {
      x[i] = i;
      y[i] = i + 0.5;
    }
    assertThatThrownBy(() -> DriftStatistics.cramerVonMises(x, y, PValueMode.EXACT))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ASYMPTOTIC");
  }

  @Test
  void reportsClippedAndersonDarlingPValues() {
    StatisticResult r = DriftStatistics.andersonDarling(new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, 3, 4, 5});
    assertThat(r.pValueClipped()).isTrue();
    assertThat(r.pValue()).isEqualTo(0.25);
    assertThat(r.notes()).anyMatch(n -> n.contains("capped at 0.25"));
    assertThat(r.pValueMethod()).isEqualTo(PValueMethod.INTERPOLATED);
  }

  @Test
  void distancesHaveNoPValue() {
    StatisticResult r = DriftStatistics.energyDistance(new double[] {1, 2}, new double[] {3, 4});
    assertThat(r.hasPValue()).isFalse();
    assertThat(r.pValue()).isNaN();
    assertThat(r.pValueMethod()).isEqualTo(PValueMethod.NONE);
    assertThat(r.statistic()).isGreaterThan(0.0);
  }

  @Test
  void constantSamplesGiveADefinedTTest() {
    StatisticResult same = DriftStatistics.tTest(new double[] {2, 2, 2}, new double[] {2, 2}, true);
    assertThat(same.statistic()).isZero();
    assertThat(same.pValue()).isEqualTo(1.0);
    StatisticResult apart = DriftStatistics.tTest(new double[] {2, 2, 2}, new double[] {3, 3}, false);
    assertThat(apart.statistic()).isInfinite();
    assertThat(apart.pValue()).isZero();
  }

  @Test
  void zTestOnConstantOutcomes() {
    StatisticResult r = DriftStatistics.zTestProportions(0, 10, 0, 20);
    assertThat(r.statistic()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
    assertThatThrownBy(() -> DriftStatistics.zTestProportions(11, 10, 0, 20))
        .isInstanceOf(InvalidInputException.class);
  }

  @Property(tries = 60)
  void ksIsSymmetricAndZeroOnIdenticalSamples(
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -1e6, max = 1e6) Double> xList,
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -1e6, max = 1e6) Double> yList) {
    double[] x = array(xList);
    double[] y = array(yList);
    StatisticResult xy = DriftStatistics.ks(x, y);
    StatisticResult yx = DriftStatistics.ks(y, x);
    assertThat(xy.statistic()).isCloseTo(yx.statistic(), within(1e-12));
    assertThat(xy.pValue()).isBetween(0.0, 1.0);
    StatisticResult self = DriftStatistics.ks(x, x.clone());
    assertThat(self.statistic()).isZero();
    assertThat(self.pValue()).isEqualTo(1.0);
  }

  /**
   * With one value against m distinct values, the exact p-value is the share of the m + 1 equally likely
   * positions of the single value whose D is at least the observed one: placed between the sorted values
   * and measured with ks itself, on either side of the comparison.
   */
  @Property(tries = 60)
  void singleValueExactPValueCountsItsPositions(
      @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -100, max = 100) Double> yList,
      @ForAll @DoubleRange(min = -120, max = 120) double single) {
    double[] y = java.util.Arrays.stream(array(yList)).distinct().sorted().toArray();
    StatisticResult observed = DriftStatistics.ks(new double[] {single}, y);
    assertThat(observed.pValueMethod()).isEqualTo(PValueMethod.EXACT);
    int atLeast = 0;
    for (int k = 0; k <= y.length; k++) {
      double position = k == 0 ? y[0] - 1 : k == y.length ? y[y.length - 1] + 1 : (y[k - 1] + y[k]) / 2;
      if (DriftStatistics.ks(new double[] {position}, y).statistic() >= observed.statistic() - 1e-12) {
        atLeast++;
      }
    }
    assertThat(observed.pValue()).isCloseTo((double) atLeast / (y.length + 1), within(1e-12));
    assertThat(DriftStatistics.ks(y, new double[] {single}).pValue()).isEqualTo(observed.pValue());
  }

  @Property(tries = 60)
  void wassersteinOfAShiftIsTheShift(
      @ForAll @Size(min = 1, max = 80) List<@DoubleRange(min = -1000, max = 1000) Double> xList,
      @ForAll @DoubleRange(min = -50, max = 50) double shift) {
    double[] x = array(xList);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] + shift;
    }
    double w = DriftStatistics.wasserstein(x, y).statistic();
    assertThat(w).isCloseTo(Math.abs(shift), within(1e-9 * (1 + 2000)));
    assertThat(DriftStatistics.wasserstein(y, x).statistic()).isCloseTo(w, within(1e-9));
    assertThat(DriftStatistics.energyDistance(x, x.clone()).statistic()).isZero();
  }

  @Property(tries = 60)
  void histogramDistancesStayInTheirRanges(
      @ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = 0, max = 100) Double> pList,
      @ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = 0.01, max = 100) Double> qList) {
    double[] p = array(pList);
    double[] q = array(qList);
    int n = Math.min(p.length, q.length);
    double[] a = java.util.Arrays.copyOf(p, n);
    double[] b = java.util.Arrays.copyOf(q, n);
    a[0] += 1;
    assertThat(DriftStatistics.jensenShannon(a, b, 2).statistic()).isBetween(0.0, 1.0 + 1e-12);
    assertThat(DriftStatistics.hellinger(a, b).statistic()).isBetween(0.0, 1.0 + 1e-12);
    assertThat(DriftStatistics.lInfinity(a, b).statistic()).isBetween(0.0, 1.0);
    assertThat(DriftStatistics.kl(a, b).statistic()).isGreaterThanOrEqualTo(-1e-12);
    assertThat(DriftStatistics.psi(a, b).statistic()).isGreaterThanOrEqualTo(-1e-12);
    assertThat(DriftStatistics.jensenShannon(a, a, 2).statistic()).isCloseTo(0.0, within(1e-7));
  }

  static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
