package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The adaptive multiset counts exactly as a map does, whether keys sit in its hash map or in its sorted array. */
class LongMultisetProperties {

  @Property(tries = 300)
  void countsEqualAMapWhateverTheModeAndSplit(
      @ForAll @Size(max = 300) List<@LongRange(min = -40, max = 40) Long> small,
      @ForAll @Size(max = 40) List<Long> wide,
      @ForAll @Size(max = 20) List<@LongRange(min = Long.MIN_VALUE, max = Long.MIN_VALUE + 3) Long> negative,
      @ForAll @IntRange(min = 0, max = 360) int cut,
      @ForAll @IntRange(min = 1, max = 50) int switchAt) {
    List<Long> keys = new ArrayList<>(small);
    keys.addAll(wide);
    keys.addAll(negative);
    keys.addAll(small.subList(0, Math.min(small.size(), 7)));
    Map<Long, Long> want = new HashMap<>();
    keys.forEach(k -> want.merge(k, 1L, Long::sum));
    int at = Math.min(cut, keys.size());
    for (int threshold : new int[] {switchAt, LongMultiset.DEFAULT_SWITCH}) {
      LongMultiset left = new LongMultiset(threshold);
      LongMultiset right = new LongMultiset(threshold);
      keys.subList(0, at).forEach(left::add);
      keys.subList(at, keys.size()).forEach(right::add);
      if (cut % 2 == 0) {
        left.seal();
      }
      if (cut % 3 != 0) {
        right.seal();
      }
      left.merge(right);
      Map<Long, Long> got = new HashMap<>();
      left.forEach((k, n) -> got.merge(k, n, Long::sum));
      assertThat(got).isEqualTo(want);
      assertThat(left.distinct()).isEqualTo(want.size());
      Map<Long, Long> repeated = new HashMap<>();
      left.forEachRepeated((k, n) -> repeated.put(k, n));
      Map<Long, Long> wantRepeated = new HashMap<>(want);
      wantRepeated.values().removeIf(n -> n < 2);
      assertThat(repeated).isEqualTo(wantRepeated);
    }
  }
}
