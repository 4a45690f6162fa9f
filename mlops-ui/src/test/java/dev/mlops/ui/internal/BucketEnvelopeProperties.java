package dev.mlops.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A bucket envelope keeps exactly what a brute-force reading of its rule keeps: the points in logging order cut
 * into buckets of the smallest power-of-two width that leaves no more buckets than the capacity, and from each
 * its first, last, lowest and highest finite (the earliest on ties) and first non-finite point.
 */
class BucketEnvelopeProperties {

  @Property(tries = 300)
  void keepsWhatTheRuleSays(@ForAll @Size(max = 700) List<@From("values") Double> values,
      @ForAll @IntRange(min = 1, max = 40) int halfCapacity, @ForAll boolean inStepOrder, @ForAll long seed) {
    int capacity = 2 * halfCapacity;
    long[] steps = steps(values.size(), inStepOrder, seed);
    BucketEnvelope envelope = new BucketEnvelope(capacity);
    for (int i = 0; i < values.size(); i++) {
      envelope.add(steps[i], values.get(i), i);
    }
    MetricSeries kept = envelope.points();
    MetricSeries expected = bruteForce(steps, values, capacity);
    assertThat(envelope.total()).isEqualTo(values.size());
    assertThat(kept.steps()).isEqualTo(expected.steps());
    assertThat(Arrays.equals(kept.values(), expected.values())).as("values").isTrue();
    assertThat(kept.size()).isLessThanOrEqualTo(5 * capacity);
    if (values.size() <= capacity) {
      assertThat(kept.size()).isEqualTo(values.size());
    }
  }

  @Property(tries = 200)
  void everyExtremeAndGapOfTheSeriesSurvives(@ForAll @Size(min = 1, max = 2000) List<@From("values") Double> values,
      @ForAll @IntRange(min = 1, max = 20) int halfCapacity) {
    BucketEnvelope envelope = new BucketEnvelope(2 * halfCapacity);
    for (int i = 0; i < values.size(); i++) {
      envelope.add(i, values.get(i), i);
    }
    MetricSeries kept = envelope.points();
    Set<Long> keptSteps = new HashSet<>();
    for (long s : kept.steps()) {
      keptSteps.add(s);
    }
    assertThat(keptSteps).contains(0L, (long) values.size() - 1);
    double[] finite = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
    if (finite.length > 0) {
      double min = Arrays.stream(finite).min().orElseThrow();
      double max = Arrays.stream(finite).max().orElseThrow();
      assertThat(Arrays.stream(kept.values()).anyMatch(v -> v == min)).as("the lowest value %s", min).isTrue();
      assertThat(Arrays.stream(kept.values()).anyMatch(v -> v == max)).as("the highest value %s", max).isTrue();
    }
    if (finite.length < values.size()) {
      assertThat(Arrays.stream(kept.values()).anyMatch(v -> !Double.isFinite(v))).as("a gap").isTrue();
    }
    for (int i = 0; i < kept.size(); i++) { // a kept point is a logged one: its step is its index here
      assertThat(Double.compare(kept.values()[i], values.get((int) kept.steps()[i]))).isZero();
    }
  }

  @Test
  void aMillionPointsKeepAtMostFiveAPerBucketAndChartTheWholeLength() {
    BucketEnvelope envelope = new BucketEnvelope();
    for (int i = 0; i < 1_000_000; i++) {
      envelope.add(i, i == 777_777 ? Double.NaN : Math.sin(i / 5_000.0) + (i == 123_457 ? 50 : 0), i);
    }
    MetricSeries kept = envelope.points();
    assertThat(kept.size()).isBetween(4 * 1_000_000 / 128 / 2, 5 * BucketEnvelope.CAPACITY);
    assertThat(kept.steps()).contains(0L, 123_457L, 777_777L, 999_999L);
    Map<String, Object> chart = envelope.chart("loss", 2000);
    assertThat(chart.get("total")).isEqualTo(1_000_000L);
    assertThat(chart.get("downsampled")).isEqualTo(true);
    assertThat((long[]) chart.get("steps")).hasSize(2000).contains(0L, 123_457L, 777_777L, 999_999L);
  }

  @Test
  void aCapacityMustBeEvenAndAtLeastTwo() {
    assertThatThrownBy(() -> new BucketEnvelope(3)).hasMessageContaining("even and at least 2, got 3");
    assertThatThrownBy(() -> new BucketEnvelope(0)).hasMessageContaining("got 0");
  }

  @Provide
  Arbitrary<Double> values() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.doubles().between(-5, 5)),
        Tuple.of(5, Arbitraries.of(0.0, -0.0, 1.0, -1.0)),
        Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY)));
  }

  private static long[] steps(int n, boolean inStepOrder, long seed) {
    java.util.Random random = new java.util.Random(seed);
    long[] steps = new long[n];
    for (int i = 0; i < n; i++) {
      steps[i] = inStepOrder ? i / 3 : random.nextInt(50); // repeated steps either way
    }
    return steps;
  }

  /** The rule, read plainly: a point is kept by its index in logging order. */
  private static MetricSeries bruteForce(long[] steps, List<Double> values, int capacity) {
    int n = values.size();
    long width = 1;
    while ((n + width - 1) / width > capacity) {
      width *= 2;
    }
    List<Integer> kept = new ArrayList<>();
    for (long start = 0; start < n; start += width) {
      int from = (int) start;
      int to = (int) Math.min(n, start + width);
      Set<Integer> chosen = new HashSet<>(List.of(from, to - 1));
      int low = -1;
      int high = -1;
      int odd = -1;
      for (int i = from; i < to; i++) {
        double v = values.get(i);
        if (!Double.isFinite(v)) {
          odd = odd < 0 ? i : odd;
          continue;
        }
        low = low < 0 || v < values.get(low) ? i : low;
        high = high < 0 || v > values.get(high) ? i : high;
      }
      for (int i : new int[] {low, high, odd}) {
        if (i >= 0) {
          chosen.add(i);
        }
      }
      chosen.stream().sorted().forEach(kept::add);
    }
    kept.sort(Comparator.comparingLong(i -> steps[i])); // stable: ties stay in logging order
    long[] s = new long[kept.size()];
    double[] v = new double[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      s[i] = steps[kept.get(i)];
      v[i] = values.get(kept.get(i));
    }
    return new MetricSeries("", s, v, new long[s.length]);
  }
}
