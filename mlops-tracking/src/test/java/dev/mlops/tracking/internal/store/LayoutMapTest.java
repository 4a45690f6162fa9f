package dev.mlops.tracking.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LayoutMap} behaves as an unmodifiable {@link LinkedHashMap} with the same entries: lookups, order, equality
 * and hash codes, with few keys (compared in turn) and many (found through the layout's table), and its layout
 * refuses a repeated key.
 */
class LayoutMapTest {
  @Test
  void behavesAsALinkedHashMapWithTheSameEntries() {
    Random rnd = new Random(16);
    for (int size = 0; size <= 40; size++) {
      Map<String, String> expected = new LinkedHashMap<>();
      while (expected.size() < size) {
        expected.put("k" + rnd.nextInt(1000), "v" + rnd.nextInt(10));
      }
      Map<String, String> map = LayoutMap.copyOf(expected);
      assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(size);
      assertThat(expected).isEqualTo(map);
      assertThat(new ArrayList<>(map.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
      List<String> visited = new ArrayList<>();
      map.forEach((k, v) -> visited.add(k + "=" + v));
      assertThat(visited).containsExactlyElementsOf(expected.entrySet().stream().map(Object::toString).toList());
      for (int probe = 0; probe < 1000; probe++) {
        String k = "k" + probe;
        assertThat(map.get(k)).isEqualTo(expected.get(k));
        assertThat(map.containsKey(k)).isEqualTo(expected.containsKey(k));
      }
      assertThat(map.get(null)).isNull();
      assertThat(map.containsKey(42)).isFalse();
      assertThat(LayoutMap.copyOf(map)).isSameAs(map);
    }
  }

  @Test
  void isUnmodifiable() {
    Map<String, String> map = LayoutMap.copyOf(Map.of("a", "1", "b", "2"));
    assertThatThrownBy(() -> map.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(map).containsEntry("a", "1").containsEntry("b", "2");
  }

  @Test
  void aLayoutRefusesARepeatedKey() {
    for (int size : new int[] {2, 8, 9, 30}) {
      String[] keys = new String[size];
      for (int i = 0; i < size; i++) {
        keys[i] = "k" + i;
      }
      keys[size - 1] = "k0";
      assertThatThrownBy(() -> new KeyLayout(keys)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("k0");
    }
  }
}
