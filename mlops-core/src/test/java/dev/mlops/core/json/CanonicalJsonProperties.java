package dev.mlops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class CanonicalJsonProperties {

  @Property(tries = 1000)
  void everyFiniteDoubleRoundTripsThroughItsCanonicalText(@ForAll double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return;
    }
    String text = CanonicalJson.write(d);
    assertThat(Double.parseDouble(text)).isEqualTo(d == 0 ? 0.0 : d);
    assertThat(CanonicalJson.canonicalize(text)).isEqualTo(text);
  }

  @Property(tries = 300)
  void canonicalizingIsIdempotentAndIgnoresMemberOrder(
      @ForAll Map<String, @DoubleRange(min = -1e12, max = 1e12) Double> values, @ForAll long seed) {
    List<Map.Entry<String, Double>> entries = new ArrayList<>(values.entrySet());
    Collections.shuffle(entries, new Random(seed));
    Map<String, Object> shuffled = new LinkedHashMap<>();
    entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));
    String canonical = CanonicalJson.write(values);
    assertThat(CanonicalJson.write(shuffled)).isEqualTo(canonical);
    assertThat(CanonicalJson.canonicalize(canonical)).isEqualTo(canonical);
  }

  @Property(tries = 500)
  void integersKeepEveryDigit(@ForAll long value) {
    assertThat(CanonicalJson.write(value)).isEqualTo(Long.toString(value));
    assertThat(CanonicalJson.canonicalize(Long.toString(value))).isEqualTo(Long.toString(value));
  }
}
