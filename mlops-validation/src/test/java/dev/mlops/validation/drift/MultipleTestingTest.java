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

class MultipleTestingTest {
  private static final double[] P = {0.01, 0.04, 0.03, 0.005};

  @Test
  void bonferroniMultipliesByTheTestCount() {
    assertThat(MultipleTesting.BONFERRONI.adjust(P)).containsExactly(new double[] {0.04, 0.16, 0.12, 0.02},
        within(1e-15));
  }

  @Test
  void holmStepsDownWithARunningMaximum() {
    // sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running max
    assertThat(MultipleTesting.HOLM.adjust(P)).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02},
        within(1e-15));
  }

  @Test
  void benjaminiHochbergStepsUpWithARunningMinimum() {
    // sorted p * 4 / rank = 0.02, 0.02, 0.04, 0.04 -> running min from the top
    assertThat(MultipleTesting.BENJAMINI_HOCHBERG.adjust(P)).containsExactly(
        new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-15));
  }

  @Test
  void refusesValuesOutsideTheUnitInterval() {
    assertThatThrownBy(() -> MultipleTesting.HOLM.adjust(new double[] {0.5, Double.NaN}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("pValues[1]");
  }

  @Property(tries = 100)
  void adjustmentsAreOrdered(@ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0, max = 1) Double> pList) {
    double[] p = DriftStatisticsTest.array(pList);
    double[] none = MultipleTesting.NONE.adjust(p);
    double[] bh = MultipleTesting.BENJAMINI_HOCHBERG.adjust(p);
    double[] holm = MultipleTesting.HOLM.adjust(p);
    double[] bonferroni = MultipleTesting.BONFERRONI.adjust(p);
    for (int i = 0; i < p.length; i++) {
      assertThat(none[i]).isEqualTo(p[i]);
      assertThat(bh[i]).isBetween(p[i] - 1e-15, 1.0);
      assertThat(holm[i]).isGreaterThanOrEqualTo(bh[i] - 1e-15);
      assertThat(bonferroni[i]).isGreaterThanOrEqualTo(holm[i] - 1e-15).isLessThanOrEqualTo(1.0);
    }
  }
}
