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
import net.jqwik.api.statistics.Statistics;

/**
 * The adaptive multiset counts exactly as a map does, whether keys sit in its hash map, its sorted array or its bitmap
 * of dense keys, and every mode visits keys in ascending unsigned order.
 */
class LongMultisetProperties {

  /**
   * A multiset that keeps its few keys in the hash map (arbitrary keys, negative ones included, some repeated, maybe
   * merged with another such) visits them in ascending unsigned order, as the array and the bitmap do: the hash map
   * used to visit in its table's order, which a clean-clone build caught as dense keys near {@code Long.MIN_VALUE}
   * that stayed in the hash map.
   */
  @Property(tries = 200)
  void fewKeysInTheHashMapVisitInUnsignedOrder(
      @ForAll @Size(min = 2, max = 300) List<Long> keys, @ForAll @Size(max = 50) List<Long> others,
      @ForAll @IntRange(min = 0, max = 299) int repeatFrom) {
    LongMultiset set = new LongMultiset();
    LongMultiset other = new LongMultiset();
    Map<Long, Long> want = new java.util.TreeMap<>(Long::compareUnsigned);
    keys.forEach(k -> {
      set.add(k);
      want.merge(k, 1L, Long::sum);
    });
    keys.subList(Math.min(repeatFrom, keys.size()), keys.size()).forEach(k -> {
      set.add(k);
      want.merge(k, 1L, Long::sum);
    });
    others.forEach(k -> {
      other.add(k);
      want.merge(k, 1L, Long::sum);
    });
    set.merge(other);
    assertThat(set.inBitmap()).isFalse();
    List<Long> visited = new ArrayList<>();
    Map<Long, Long> got = new java.util.LinkedHashMap<>();
    set.forEach((k, n) -> {
      visited.add(k);
      got.put(k, n);
    });
    assertThat(got).isEqualTo(want);
    assertThat(visited).containsExactlyElementsOf(want.keySet());
    List<Long> repeated = new ArrayList<>();
    set.forEachRepeated((k, n) -> repeated.add(k));
    assertThat(repeated).containsExactlyElementsOf(
        want.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList());
  }

  /**
   * Dense keys (a shuffled run with some repeats, anywhere from far below zero to across it) split over three
   * multisets, each sealed (to a bitmap when dense enough) or not and one maybe left with few keys, merged in any
   * order: the counts, the repeats, the distinct count and the order of visits are those of a map sorted unsigned.
   */
  @Property(tries = 200)
  void denseKeysCountAsAMapInUnsignedOrder(
      @ForAll @LongRange(min = -6000, max = 3000) long first,
      @ForAll @IntRange(min = 1000, max = 5000) int count,
      @ForAll @IntRange(min = 1, max = 40) int spread,
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 5000) Integer> repeats,
      @ForAll @IntRange(min = 0, max = 100) int cutA,
      @ForAll @IntRange(min = 0, max = 100) int cutB,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 7) int sealMask,
      @ForAll boolean extremes) {
    long start = extremes ? Long.MIN_VALUE + first + 6000 : first;
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(start + (long) i * spread);
    }
    for (int r : repeats) {
      keys.add(start + (long) (r % count) * spread);
    }
    java.util.Collections.shuffle(keys, new java.util.Random(seed));
    Map<Long, Long> want = new java.util.TreeMap<>(Long::compareUnsigned);
    keys.forEach(k -> want.merge(k, 1L, Long::sum));
    int a = keys.size() * cutA / 100;
    int b = a + (keys.size() - a) * cutB / 100;
    // most parts leave the hash map early, so that sealing them makes bitmaps; some stay hash maps
    int[] switchAt = {16, 16, (sealMask & 1) == 0 ? 16 : LongMultiset.DEFAULT_SWITCH};
    LongMultiset[] parts = {new LongMultiset(switchAt[0]), new LongMultiset(switchAt[1]),
        new LongMultiset(switchAt[2])};
    for (int i = 0; i < 3; i++) {
      if ((sealMask >>> i & 2) == 0 || i == 0) {
        parts[i].expectRows(keys.size());
      }
    }
    keys.subList(0, a).forEach(parts[0]::add);
    keys.subList(a, b).forEach(parts[1]::add);
    keys.subList(b, keys.size()).forEach(parts[2]::add);
    for (int i = 0; i < 3; i++) {
      Statistics.label("part " + i).collect(parts[i].inBitmap() ? "bitmap" : "other");
      if ((sealMask >>> i & 1) != 0) {
        parts[i].seal();
      }
    }
    LongMultiset all = parts[(int) Math.floorMod(seed, 3L)];
    for (LongMultiset p : parts) {
      if (p != all) {
        all.merge(p);
      }
    }
    List<Long> visited = new ArrayList<>();
    Map<Long, Long> got = new java.util.LinkedHashMap<>();
    all.forEach((k, n) -> {
      visited.add(k);
      got.put(k, n);
    });
    Statistics.label("merged").collect(all.inBitmap() ? "bitmap" : "other");
    assertThat(got).isEqualTo(want);
    assertThat(visited).containsExactlyElementsOf(want.keySet());
    assertThat(all.distinct()).isEqualTo(want.size());
    List<Long> repeatedOrder = new ArrayList<>();
    Map<Long, Long> repeated = new HashMap<>();
    all.forEachRepeated((k, n) -> {
      repeatedOrder.add(k);
      repeated.put(k, n);
    });
    Map<Long, Long> wantRepeated = new java.util.TreeMap<>(Long::compareUnsigned);
    want.forEach((k, n) -> {
      if (n > 1) {
        wantRepeated.put(k, n);
      }
    });
    assertThat(repeated).isEqualTo(wantRepeated);
    assertThat(repeatedOrder).containsExactlyElementsOf(wantRepeated.keySet());
    // a key added after the merge (a dense state turning back into an array) counts too
    all.add(start);
    Map<Long, Long> after = new HashMap<>();
    all.forEach((k, n) -> after.put(k, n));
    assertThat(after.get(start)).isEqualTo(want.get(start) + 1);
  }

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
