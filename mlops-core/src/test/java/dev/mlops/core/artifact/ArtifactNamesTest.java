package dev.mlops.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.spi.StorageKeys;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The naming rules of artifacts, aliases, property keys and version ids, and the spec's limits. */
class ArtifactNamesTest {
  @Provide
  Arbitrary<String> validNames() {
    return Arbitraries.strings().withChars("abcXYZ019_-. /éß").ofMinLength(1).ofMaxLength(60)
        .filter(s -> !s.startsWith("/") && !s.matches("(.*/)?\\.{1,2}(/.*)?"));
  }

  @Property(tries = 200)
  void everyValidNameMakesAValidKeySegmentThatRoundTrips(@ForAll("validNames") String name) {
    ArtifactNames.requireValidName(name);
    String segment = StorageKeys.escapeSegment(name);
    assertThat(StorageKeys.isValid("artifacts/versions/" + segment + "/0000000001")).isTrue();
    assertThat(StorageKeys.unescapeSegment(segment)).isEqualTo(name);
    assertThat(ArtifactVersionId.parse(name + "@12")).isEqualTo(new ArtifactVersionId(name, 12));
  }

  /** 250 characters of each kind the rules accept, the costliest to escape among them. */
  static List<String> longestNames() {
    String bold = new String(Character.toChars(0x1D400)); // MATHEMATICAL BOLD CAPITAL A, a letter beyond the BMP
    return List.of("é".repeat(250), "中".repeat(250), " ".repeat(250), bold.repeat(250),
        "a".repeat(249) + "é", "x/é 中".repeat(50), "中".repeat(100) + "a".repeat(150));
  }

  @Test
  void everyKindOfCharacterGetsTheFull250AndAnyLongerNameIsRefused() {
    for (String name : longestNames()) {
      assertThat(name.codePointCount(0, name.length())).isEqualTo(ArtifactNames.MAX_NAME);
      assertThat(ArtifactNames.requireValidName(name)).isEqualTo(name);
      String segment = StorageKeys.segmentOf(name);
      assertThat(StorageKeys.isValid("artifacts/children/" + segment + "/0000000001/" + segment + "/0000000001"))
          .isTrue();
      assertThat(ArtifactVersionId.parse(name + "@3").name()).isEqualTo(name);
      String longer = name + "é";
      assertThatThrownBy(() -> ArtifactNames.requireValidName(longer)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("251 characters, more than 250");
    }
  }

  @Test
  void aNameWhoseEscapeIsTooLongGetsADigestSegmentDistinctFromItsNeighbours() {
    String name = "é".repeat(250);
    String segment = StorageKeys.segmentOf(name);
    assertThat(segment).hasSizeLessThanOrEqualTo(StorageKeys.MAX_SEGMENT).contains("~");
    assertThat(StorageKeys.isDigestSegment(segment)).isTrue();
    assertThat(segment).startsWith("%C3%A9").doesNotEndWith("%").doesNotContain("%~").doesNotContain("%C~");
    assertThat(StorageKeys.segmentOf("é".repeat(249) + "e")).isNotEqualTo(segment)
        .startsWith(segment.substring(0, segment.indexOf('~')));
    assertThatThrownBy(() -> StorageKeys.unescapeSegment(segment)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("digest");
    assertThat(StorageKeys.segmentOf("penguins raw")).isEqualTo(StorageKeys.escapeSegment("penguins raw"));
    assertThat(StorageKeys.isDigestSegment(StorageKeys.segmentOf("penguins raw"))).isFalse();
    for (int n = 1; n <= 100; n++) { // every cut position against the %XX boundaries
      String s = StorageKeys.segmentOf("ab".repeat(n) + "中".repeat(250 - 2 * n > 0 ? 250 - 2 * n : 1));
      assertThat(StorageKeys.isValid(s)).as(s).isTrue();
      assertThat(s.substring(0, s.indexOf('~')).replaceAll("%[0-9A-F]{2}", "")).doesNotContain("%");
    }
  }

  @Test
  void versionIdsParseAndRefuseMalformedText() {
    assertThat(ArtifactVersionId.parse("penguins raw@3").toString()).isEqualTo("penguins raw@3");
    for (String bad : new String[] {"penguins", "@3", "p@", "p@0", "p@-1", "p@x", "p@99999999999", "../p@1"}) {
      assertThatThrownBy(() -> ArtifactVersionId.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class);
    }
    assertThat(new ArtifactVersionId("a", 2)).isLessThan(new ArtifactVersionId("a", 10));
  }

  @Test
  void errorsNameTheOffendingCharacter() {
    assertThatThrownBy(() -> ArtifactNames.requireValidName("bad\u0001name"))
        .hasMessageContaining("U+0001").hasMessageContaining("index 3");
    assertThatThrownBy(() -> ArtifactNames.requireValidName("a:b")).hasMessageContaining("':'");
  }

  @Test
  void specBuildersCheckTheirInputAndDeriveVariants() {
    assertThatThrownBy(() -> ArtifactSpec.builder().description("x".repeat(5001)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("5000");
    assertThatThrownBy(() -> ArtifactSpec.builder().property("bad key!", "v")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ArtifactSpec.builder().property("k", "nul\0")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ArtifactSpec.builder().runId("")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ArtifactSpec.builder().producedBy("x".repeat(251))).isInstanceOf(InvalidInputException.class);

    ArtifactSpec spec = ArtifactSpec.builder().kind(ArtifactKind.MODEL).property("b", "2").property("a", "1")
        .parent(new ArtifactVersionId("p", 1)).parent(new ArtifactVersionId("p", 1)).build();
    assertThat(spec.properties().keySet()).containsExactly("a", "b");
    assertThat(spec.parents()).containsExactly(new ArtifactVersionId("p", 1));
    ArtifactSpec variant = spec.toBuilder().description("changed").build();
    assertThat(variant.kind()).isEqualTo(ArtifactKind.MODEL);
    assertThat(variant).isNotEqualTo(spec);
    assertThat(variant.toBuilder().description("").build()).isEqualTo(spec);
    assertThat(ArtifactSpec.defaults().kind()).isEqualTo(ArtifactKind.OTHER);
  }
}
