package dev.mlops.core.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.hash.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private static final Digest A = Digest.sha256("a");
  private static final Digest B = Digest.sha256("b");

  @Test
  void digestIsTheTaggedCanonicalJsonOfTheSortedEntries() {
    Manifest m = Manifest.of(List.of(new ManifestEntry("z.txt", B, 1, true),
        new ManifestEntry("a/b.txt", A, 1, false)));
    String json = "{\"entries\":[{\"digest\":\"" + A + "\",\"executable\":false,\"path\":\"a/b.txt\","
        + "\"size\":1},{\"digest\":\"" + B + "\",\"executable\":true,\"path\":\"z.txt\",\"size\":1}],"
        + "\"format\":\"mlops.manifest.v1\"}";
    assertThat(m.toJson()).isEqualTo(json);
    assertThat(m.digest()).isEqualTo(Digest.sha256("mlops.manifest.v1\n" + json));
    assertThat(m.totalSize()).isEqualTo(2);
    assertThat(m.find("z.txt")).map(ManifestEntry::digest).contains(B);
    assertThat(m.find("y.txt")).isEmpty();
  }

  @Test
  void roundTripsThroughJsonAndChecksTheExpectedDigest() {
    Manifest m = Manifest.of(List.of(new ManifestEntry("x", A, 1, false)));
    assertThat(Manifest.parse(m.toJson(), m.digest())).isEqualTo(m);
    assertThatThrownBy(() -> Manifest.parse(m.toJson(), B)).isInstanceOf(CorruptedDataException.class);
  }

  @Test
  void everyFieldEntersTheDigest() {
    Manifest base = Manifest.of(List.of(new ManifestEntry("x", A, 1, false)));
    assertThat(Manifest.of(List.of(new ManifestEntry("y", A, 1, false))).digest()).isNotEqualTo(base.digest());
    assertThat(Manifest.of(List.of(new ManifestEntry("x", B, 1, false))).digest()).isNotEqualTo(base.digest());
    assertThat(Manifest.of(List.of(new ManifestEntry("x", A, 2, false))).digest()).isNotEqualTo(base.digest());
    assertThat(Manifest.of(List.of(new ManifestEntry("x", A, 1, true))).digest()).isNotEqualTo(base.digest());
  }

  @Test
  void traversalIsRefusedOnReadToo() {
    String hostile = "{\"entries\":[{\"digest\":\"" + A + "\",\"executable\":false,\"path\":\"../../etc/x\","
        + "\"size\":1}],\"format\":\"mlops.manifest.v1\"}";
    assertThatThrownBy(() -> Manifest.parse(hostile))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("../../etc/x");
  }

  @Test
  void refusesDuplicatesFilesUnderFilesAndMalformedEntries() {
    assertThatThrownBy(() -> Manifest.of(List.of(new ManifestEntry("x", A, 1, false),
        new ManifestEntry("x", B, 1, false)))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Manifest.of(List.of(new ManifestEntry("x", A, 1, false),
        new ManifestEntry("x/y", B, 1, false)))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Manifest.parse("{\"entries\":[{\"path\":\"x\"}],\"format\":\"mlops.manifest.v1\"}"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Manifest.parse("[]")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ManifestEntry("x", A, -1, false)).isInstanceOf(InvalidInputException.class);
  }
}
