package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The radix select answers as a sort, over any split of the values into merged holders; and the exact rank the
 * approximate quantile picks is the one a KLL sketch holding every item picks.
 */
class DoubleBlocksProperties {
  @Provide
  Arbitrary<List<Double>> values() {
    return value().list().ofMinSize(1).ofMaxSize(300);
  }

  /** As many values as a sketch of k = 200 holds without compacting. */
  @Provide
  Arbitrary<List<Double>> fewValues() {
    return value().list().ofMinSize(1).ofMaxSize(150);
  }

  private static Arbitrary<Double> value() {
    return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.doubles().between(99, 101),
        Arbitraries.of(0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 100.0, Math.nextUp(100.0)));
  }

  /**
   * As a sort, over any split of the values into merged holders, each of which may have counted its values ahead
   * ({@link DoubleBlocks#countTopDigits}) before more values came or not.
   */
  @Property(tries = 500)
  void selectsAsASortDoes(@ForAll("values") List<Double> values, @ForAll @IntRange(min = 1, max = 4) int parts,
      @ForAll @DoubleRange(min = 0, max = 1) double q, @ForAll @IntRange(min = 0, max = 15) int counted) {
    DoubleBlocks all = new DoubleBlocks();
    int at = 0;
    for (int p = 0; p < parts; p++) {
      DoubleBlocks part = new DoubleBlocks();
      int end = p == parts - 1 ? values.size() : at + (values.size() - at) / 2;
      double[] run = values.subList(at, end).stream().mapToDouble(Double::doubleValue).toArray();
      if (p % 2 == 0) {
        part.add(run, 0, run.length);
      } else {
        for (double v : run) {
          part.add(v);
        }
      }
      if ((counted >>> p & 1) != 0) {
        part.countTopDigits();
        if (p == 3 && run.length > 0) {
          part.add(run[0]);
          values = new java.util.ArrayList<>(values);
          values.add(run[0]);
        }
      }
      all.addAll(part);
      assertThat(part.size()).isZero();
      at = end;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    assertThat(all.size()).isEqualTo(sorted.length);
    long rank = Math.min(sorted.length - 1, (long) (q * sorted.length));
    assertThat(Double.doubleToRawLongBits(all.select(rank))).as("rank %d of %s", rank, Arrays.toString(sorted))
        .isEqualTo(Double.doubleToRawLongBits(sorted[(int) rank]));
  }

  @Property(tries = 2000)
  void theExactRankIsTheOneASketchOfEveryItemPicks(@ForAll("fewValues") List<Double> values,
      @ForAll @DoubleRange(min = 0, max = 1) double q) {
    KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(QuantileKernel.KLL_K);
    DoubleBlocks blocks = new DoubleBlocks();
    for (double v : values) {
      double w = v == 0.0 ? 0.0 : v; // the sketch does not tell -0.0 from 0.0 apart; the select does
      sketch.update(w);
      blocks.add(w);
    }
    assertThat(sketch.isEstimationMode()).isFalse();
    int n = values.size();
    double expected = sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
    double actual = blocks.select(QuantileKernel.exactRank(q, n));
    assertThat(actual).as("q %s of %d values", q, n).isEqualTo(expected);
  }

  @Example
  void aRankProductJustAboveAWholeNumberCountsAsThatNumber() {
    // 0.14 * 150 is 21.000000000000004 in doubles; the sketch rounds it to 21, so the 21st smallest is the answer
    assertThat(QuantileKernel.exactRank(0.14, 150)).isEqualTo(20);
    assertThat(QuantileKernel.exactRank(0.5, 200_000)).isEqualTo(99_999);
    assertThat(QuantileKernel.exactRank(0, 10)).isZero();
    assertThat(QuantileKernel.exactRank(1, 10)).isEqualTo(9);
  }

  @Property(tries = 20)
  void largeHoldersSelectAsASortDoes(@ForAll @IntRange(min = 70_000, max = 200_000) int n,
      @ForAll long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    DoubleBlocks b = new DoubleBlocks();
    DoubleBlocks other = new DoubleBlocks();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(3) == 0 ? rnd.nextInt(50) : 100 + 15 * rnd.nextGaussian();
      (i % 3 == 0 ? other : b).add(v[i]);
    }
    b.addAll(other);
    Arrays.sort(v);
    for (long rank : new long[] {0, n / 4, n / 2, n - 1}) {
      assertThat(b.select(rank)).isEqualTo(v[(int) rank]);
    }
  }
}
