package dev.mlops.core.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "data/train.csv", "a/b/c/d.bin", ".hidden", "a..b", "...", "x y/z",
      "été/\ud83d\ude00.txt", "2024-01-01T00:00.csv", "a/C:"})
  void acceptsOrdinaryRelativePaths(String path) {
    assertThat(RelativePaths.check(path)).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "../x", "a/../../x", "a/..", ".", "./a", "a/./b", "/etc/passwd", "/",
      "a/", "a//b", "C:/Windows", "c:x", "Z:", "a\\b", "..\\x", "a\u0000b", "a\nb", "a\u007f",
      "x\ud800y"})
  void refusesTraversalAndHostileNames(String path) {
    assertThatThrownBy(() -> RelativePaths.check(path))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid relative path");
  }

  @Test
  void refusesOverlongPathsAndSegments() {
    assertThatThrownBy(() -> RelativePaths.check("a/".repeat(2049) + "b"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("longer than");
    assertThatThrownBy(() -> RelativePaths.check("é".repeat(128)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("255 bytes");
  }

  @Test
  void resolveStaysUnderTheRoot(@TempDir Path root) {
    assertThat(RelativePaths.resolve(root, "a/b.txt"))
        .isEqualTo(root.toAbsolutePath().normalize().resolve("a").resolve("b.txt"));
    assertThatThrownBy(() -> RelativePaths.resolve(root, "a/../../escape"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void relativizeUsesSlashes(@TempDir Path root) {
    assertThat(RelativePaths.relativize(root, root.resolve("x").resolve("y.bin"))).isEqualTo("x/y.bin");
  }

  @Test
  void ordersByCodePointsNotUtf16Units() {
    // U+FB33 is one UTF-16 unit above the surrogates but a smaller code point than U+1F600.
    List<String> paths = new ArrayList<>(List.of("\ud83d\ude00", "\ufb33", "b", "B", "a/b", "a-b", "a"));
    paths.sort(RelativePaths.CODE_POINT_ORDER);
    assertThat(paths).containsExactly("B", "a", "a-b", "a/b", "b", "\ufb33", "\ud83d\ude00");
    assertThat("\ufb33".compareTo("\ud83d\ude00")).isPositive();
  }
}
