package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BinningTest {

  @Test
  void quantileBinsHaveOpenOuterBinsAndAMissingBin() {
    double[] ref = new double[100];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = i;
    }
    Binning b = Binning.fitQuantiles(ref, 4);
    assertThat(b.edges()).containsExactly(25, 50, 75);
    assertThat(b.labels()).containsExactly("(-inf, 25)", "[25, 50)", "[50, 75)", "[75, +inf)",
        "<missing>");
    assertThat(b.binOf(-1e300)).isZero();
    assertThat(b.binOf(24.99)).isZero();
    assertThat(b.binOf(25)).isEqualTo(1);
    assertThat(b.binOf(1e300)).isEqualTo(3);
    assertThat(b.binOf(Double.NaN)).isEqualTo(b.missingBin()).isEqualTo(4);
    assertThat(b.unseenBin()).isEqualTo(-1);
    double[] withInfinities = Arrays.copyOf(ref, 102);
    withInfinities[100] = Double.POSITIVE_INFINITY;
    withInfinities[101] = Double.NaN;
    assertThat(Binning.fitQuantiles(withInfinities, 4)).isEqualTo(b);
    assertThat(ColumnHistogram.ofNumbers("x", b, withInfinities).missing()).isEqualTo(2);
  }

  @Test
  void tiedQuantilesMergeIntoFewerBins() {
    double[] ref = new double[50];
    Arrays.fill(ref, 0, 40, 0.0);
    Arrays.fill(ref, 40, 50, 3.0);
    Binning b = Binning.fitQuantiles(ref, 10);
    assertThat(b.edges()).containsExactly(3.0);
    assertThat(ColumnHistogram.ofNumbers("x", b, ref).counts()).containsExactly(40, 10, 0);
  }

  @Test
  void categoriesKeepTheMostFrequentAndHaveUnseenAndOther() {
    String[] ref = {"rain", "sun", "rain", "fog", null, "rain", "sun"};
    Binning b = Binning.fitCategories(ref, 10);
    assertThat(b.labels()).containsExactly("rain", "sun", "fog", "<unseen>", "<missing>");
    assertThat(b.binOf("snow")).isEqualTo(b.unseenBin());
    assertThat(b.binOf((String) null)).isEqualTo(b.missingBin());
    Binning top = Binning.fitCategories(ref, 2);
    assertThat(top.labels()).containsExactly("rain", "sun", "<other>", "<unseen>", "<missing>");
    assertThat(top.binOf("fog")).isEqualTo(2);
  }

  @Test
  void refusesBadEdgesAndReservedNames() {
    assertThatThrownBy(() -> Binning.numeric(1, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> Binning.categorical(List.of("<missing>"), false))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("reserved");
    assertThatThrownBy(() -> Binning.numeric(1).binOf("a")).isInstanceOf(IllegalStateException.class);
  }

  @Property(tries = 200)
  void aValueLandsAfterEveryCutPointAtOrBelowIt(
      @ForAll @Size(max = 40) List<@DoubleRange(min = -100, max = 100) Double> cuts,
      @ForAll @DoubleRange(min = -120, max = 120) double value) {
    double[] edges = cuts.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
    Binning b = Binning.numeric(edges);
    long below = Arrays.stream(edges).filter(e -> e <= value).count();
    assertThat(b.binOf(value)).isEqualTo((int) below);
    if (edges.length > 0) {
      assertThat(b.binOf(edges[edges.length - 1])).isEqualTo(edges.length);
    }
  }
}
