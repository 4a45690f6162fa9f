package dev.mlops.validation.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.InvalidInputException;
import java.lang.reflect.Method;
import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The Smirnov tail sum against scipy 1.10's {@code kstwo.sf} (values from
 * {@code scripts/drift/kstwo_sf_values.py}) and against Commons Statistics' own evaluation of the same
 * formula on random points; the integer merge statistic against Commons Statistics' on tied samples.
 */
class SmirnovTailProperties {
  /** (n, x, scipy's kstwo.sf(x, n)) from scripts/drift/kstwo_sf_values.py. */
  private static final Object[][] SCIPY = {
    {500000, 0.004144, 6.946732054212097e-08},
    {500000, 0.0025, 0.0038544560212235442},
    {141, 0.2, 2.0276784223976912e-05},
    {1000000, 0.002, 0.0006700277103670718},
    {250000, 0.01, 3.827782382946494e-22},
    {100000, 0.02, 3.5372711931479597e-35},
    {5000, 0.03, 0.00024159234422666817},
    {20000, 0.1, 1.4723820041654574e-174},
  };

  @Example
  void agreesWithScipy() {
    for (Object[] c : SCIPY) {
      int n = (Integer) c[0];
      double x = (Double) c[1];
      double expected = (Double) c[2];
      assertThat(SmirnovTail.twoSidedSf(n, x)).as("n=%d x=%s", n, x)
          .isCloseTo(expected, within(1e-12 * expected));
    }
  }

  @Property(tries = 40)
  void agreesWithCommonsStatistics(@ForAll @IntRange(min = 141, max = 200_000) int n,
      @ForAll @DoubleRange(min = 2.2, max = 369.9) double nxx) throws Exception {
    double x = Math.sqrt(nxx / n);
    Assume.that(SmirnovTail.covers(n, x));
    double expected = commonsTwoSidedSf(x, n);
    assertThat(SmirnovTail.twoSidedSf(n, x)).as("n=%d x=%s", n, x)
        .isCloseTo(expected, within(Math.max(1e-12 * expected, 1e-300)));
  }

  @Example
  void refusesPointsOutsideItsDomain() {
    assertThat(SmirnovTail.covers(140, 0.2)).isFalse();
    assertThat(SmirnovTail.covers(1_000_001, 0.002)).isFalse();
    assertThat(SmirnovTail.covers(1000, 0.01)).isFalse(); // n x^2 = 0.1
    assertThat(SmirnovTail.covers(1000, 0.7)).isFalse();
    assertThat(SmirnovTail.covers(500000, Double.NaN)).isFalse();
    assertThatThrownBy(() -> SmirnovTail.twoSidedSf(100, 0.3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("n = 100");
  }

  @Property(tries = 300)
  void mergeStatisticEqualsCommonsStatistics(@ForAll @Size(min = 2, max = 60) int[] a,
      @ForAll @Size(min = 2, max = 60) int[] b, @ForAll @IntRange(min = 1, max = 12) int levels) {
    // few distinct values, so that ties within and between the samples are common
    double[] x = Arrays.stream(a).mapToDouble(v -> Math.floorMod(v, levels)).sorted().toArray();
    double[] y = Arrays.stream(b).mapToDouble(v -> Math.floorMod(v, levels) * 1.0).sorted().toArray();
    KolmogorovSmirnovTest.TwoResult r = KolmogorovSmirnovTest.withDefaults().test(x, y);
    KolmogorovSmirnovStatistic s = KolmogorovSmirnovStatistic.ofSorted(x, y);
    assertThat(s.statistic()).isEqualTo(r.getStatistic());
    assertThat(s.upperStatistic()).isEqualTo(r.hasSignificantTies() ? r.getUpperD() : r.getStatistic());
  }

  private static double commonsTwoSidedSf(double x, int n) throws Exception {
    Class<?> two = Class.forName("org.apache.commons.statistics.inference.KolmogorovSmirnovDistribution$Two");
    Method sf = two.getDeclaredMethod("sf", double.class, int.class);
    sf.setAccessible(true);
    return (double) sf.invoke(null, x, n);
  }
}
