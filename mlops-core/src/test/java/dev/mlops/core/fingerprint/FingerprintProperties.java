package dev.mlops.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.hash.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FingerprintProperties {

  @Provide
  Arbitrary<Object> leaves() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().filter(Double::isFinite).map(d -> (Object) d),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.strings().ofMaxLength(12).filter(FingerprintProperties::wellFormed).map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.longs().list().ofMaxSize(3).map(l -> (Object) l));
  }

  @Provide
  Arbitrary<Map<String, Object>> configs() {
    Arbitrary<String> keys = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8);
    return Arbitraries.maps(keys, leaves()).ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<Fingerprint> fingerprints() {
    Arbitrary<String> names = Arbitraries.strings().withChars("abcxyz_-./ ").ofMinLength(1).ofMaxLength(10);
    return Combinators.combine(configs(), Arbitraries.maps(names, Arbitraries.longs()).ofMaxSize(3),
        Arbitraries.maps(names, Arbitraries.strings().ofMaxLength(5)).ofMaxSize(3),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).injectNull(0.3))
        .as((config, seeds, data, version) -> {
          Fingerprint.Builder b = Fingerprint.builder().config(config);
          seeds.forEach(b::seed);
          data.forEach((role, content) -> b.data(role, Digest.sha256(content), content.isEmpty() ? null : content));
          if (version != null) {
            b.code(version);
          }
          return b.build();
        });
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Property(tries = 200)
  void parseOfToJsonIsTheSameFingerprint(@ForAll("fingerprints") Fingerprint fp) {
    Fingerprint back = Fingerprint.parse(fp.toJson());
    assertThat(back).isEqualTo(fp);
    assertThat(back.id()).isEqualTo(fp.id());
    assertThat(fp.diff(back).isEmpty()).isTrue();
  }

  @Property(tries = 200)
  void changingOneConfigValueChangesTheId(@ForAll("configs") Map<String, Object> config,
      @ForAll("leaves") Object replacement, @ForAll Random random) {
    List<String> keys = new ArrayList<>(config.keySet());
    String key = keys.get(random.nextInt(keys.size()));
    Map<String, Object> changed = new LinkedHashMap<>(config);
    changed.put(key, replacement);
    Fingerprint a = Fingerprint.builder().config(config).build();
    Fingerprint b = Fingerprint.builder().config(changed).build();
    boolean sameValue = Fingerprint.builder().config(Map.of("v", config.get(key))).build().configJson()
        .equals(Fingerprint.builder().config(Map.of("v", replacement)).build().configJson());
    assertThat(a.id().equals(b.id())).isEqualTo(sameValue);
    if (!sameValue) {
      assertThat(a.diff(b).changes()).allMatch(c -> c.path().startsWith("config." + key));
    }
  }

  @Property(tries = 200)
  void reorderingMapEntriesKeepsTheId(@ForAll("configs") Map<String, Object> config, @ForAll long seed) {
    List<Map.Entry<String, Object>> entries = new ArrayList<>(config.entrySet());
    Collections.shuffle(entries, new Random(seed));
    Map<String, Object> shuffled = new LinkedHashMap<>();
    entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));
    assertThat(Fingerprint.builder().config(shuffled).build().id())
        .isEqualTo(Fingerprint.builder().config(config).build().id());
  }
}
