package dev.mlops.core.internal.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.testing.TempDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The mapping of keys to file paths: injective, case-safe, inside its base, and listed back exactly. */
class KeyPathsTest {
  private final Path base = Path.of("/store/records");
  private final KeyPaths paths = new KeyPaths(base, ".rec");

  @Example
  void upperCaseNeverCollidesOnACaseInsensitiveFileSystem() {
    Set<String> folded = new HashSet<>();
    for (String key : List.of("Model", "model", "MODEL", "mODEL", "a/B", "a/b", "A/b", "%5Ea")) {
      assertThat(folded.add(paths.pathOf(key).toString().toLowerCase(Locale.ROOT))).as(key).isTrue();
    }
    assertThat(paths.pathOf("Ab")).isEqualTo(base.resolve("^ab.rec"));
    assertThat(KeyPaths.decode(KeyPaths.encode("AbC-z"))).isEqualTo("AbC-z");
  }

  @Example
  void windowsDeviceNamesAreEscapedWhateverFollowsTheirFirstDot() {
    for (String key : List.of("con", "nul", "aux.json", "prn.tar.gz", "com1", "lpt9.x", "a/nul", "nul/a")) {
      Path relative = base.relativize(paths.pathOf(key));
      for (Path name : relative) {
        String stem = name.toString().split("\\.", 2)[0];
        assertThat(stem).as(key).doesNotMatch("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])");
      }
      assertThat(KeyPaths.decode(KeyPaths.encode(key.substring(key.lastIndexOf('/') + 1))))
          .isEqualTo(key.substring(key.lastIndexOf('/') + 1));
    }
    assertThat(paths.pathOf("nul")).isEqualTo(base.resolve("^_nul.rec"));
    assertThat(paths.pathOf("console")).isEqualTo(base.resolve("console.rec"));
    assertThat(paths.pathOf("com")).isEqualTo(base.resolve("com.rec"));
    assertThat(paths.pathOf("Nul")).isEqualTo(base.resolve("^nul.rec"));
  }

  @Example
  void suffixesKeepKeysAndTheirChildrenApart() {
    Set<Path> seen = new HashSet<>();
    for (String key : List.of("a", "a/b", "a.d", "a.d/b", "a.rec", "a.rec/b", "a.l", "a.l/b", "a/b.d", "a.d.rec")) {
      assertThat(seen.add(paths.pathOf(key))).as(key).isTrue();
    }
    assertThat(paths.pathOf("a/b")).isEqualTo(base.resolve("a.d").resolve("b.rec"));
    assertThat(paths.pathOf("a.d")).isEqualTo(base.resolve("a.d.rec"));
  }

  @Example
  void overLongNamesAreSplitIntoChunksThatFitTheFileSystem() {
    String upper = "Q".repeat(255);
    Path p = paths.pathOf("x/" + upper);
    for (Path name : base.relativize(p)) {
      assertThat(name.toString().length()).isLessThanOrEqualTo(KeyPaths.MAX_NAME);
    }
    assertThat(base.relativize(p).getNameCount()).isEqualTo(4);
    assertThat(paths.pathOf("s".repeat(251))).isEqualTo(base.resolve("s".repeat(251) + ".rec"));
    assertThat(base.relativize(paths.pathOf("s".repeat(252))).getNameCount()).isEqualTo(2);
  }

  @Property(tries = 150)
  void everyKeyMapsInsideTheBaseToDistinctFilesAndListsBack(@ForAll("keySets") Set<String> keys) throws IOException {
    Path dir = TempDirectories.create("keypaths");
    try {
      KeyPaths onDisk = new KeyPaths(dir, ".rec");
      Set<Path> files = new HashSet<>();
      for (String key : keys) {
        Path p = onDisk.pathOf(key);
        assertThat(p.normalize()).isEqualTo(p);
        assertThat(p.startsWith(dir)).isTrue();
        for (Path name : dir.relativize(p)) {
          assertThat(name.toString().length()).isLessThanOrEqualTo(KeyPaths.MAX_NAME);
        }
        assertThat(files.add(p)).as("%s collides", key).isTrue();
        Files.createDirectories(p.getParent());
        Files.createFile(p);
      }
      assertThat(onDisk.keys("")).containsExactlyElementsOf(new TreeSet<>(keys));
      for (String key : keys) {
        String prefix = key.substring(0, key.length() / 2);
        TreeSet<String> expected = new TreeSet<>();
        for (String k : keys) {
          if (k.startsWith(prefix)) {
            expected.add(k);
          }
        }
        assertThat(onDisk.keys(prefix)).as("prefix %s", prefix).containsExactlyElementsOf(expected);
      }
    } finally {
      TempDirectories.delete(dir);
    }
  }

  @Provide
  Arbitrary<Set<String>> keySets() {
    Arbitrary<String> segment = Arbitraries.oneOf(
        Arbitraries.of("a", "A", "a.d", "a.l", "a.rec", "b", "B", "..a", "~", "%2F", "nul", "con.d", "Com1", "lpt9.rec"),
        Arbitraries.strings().withChars("aAzZ09._~%+=@-").ofMinLength(1).ofMaxLength(8),
        Arbitraries.strings().withChars("sS").ofMinLength(190).ofMaxLength(255))
        .filter(s -> !s.equals(".") && !s.equals(".."));
    return segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l)).set().ofMaxSize(8);
  }
}
