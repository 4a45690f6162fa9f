package dev.mlops.core.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last step of materialize when a file appears at the target after the existence check: it must fail
 * and leave that file alone (a rename would have replaced it).
 */
class MaterializePlacementTest {
  @TempDir Path dir;

  @Test
  void aFileThatAppearedAtTheTargetIsNeverReplaced() throws IOException {
    Path temp = Files.writeString(dir.resolve(".out.tmp"), "materialized");
    Path target = Files.writeString(dir.resolve("out"), "someone else's data");
    assertThatThrownBy(() -> ContentWriter.placeNew(temp, target, "m@1")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already exists");
    assertThat(Files.readString(target)).isEqualTo("someone else's data");
  }

  @Test
  void aTreeIsNeverRenamedOverAFileOrANonEmptyDirectory() throws IOException {
    Path temp = Files.createDirectories(dir.resolve(".tree.tmp"));
    Files.writeString(temp.resolve("a"), "a");
    Path file = Files.writeString(dir.resolve("file"), "someone else's data");
    assertThatThrownBy(() -> ContentWriter.placeNew(temp, file, "d@1")).isInstanceOf(InvalidInputException.class);
    assertThat(Files.readString(file)).isEqualTo("someone else's data");
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("keep"), "keep");
    assertThatThrownBy(() -> ContentWriter.placeNew(temp, full, "d@1")).isInstanceOf(InvalidInputException.class);
    assertThat(Files.readString(full.resolve("keep"))).isEqualTo("keep");
  }

  @Test
  void aFreeTargetGetsTheContentAndNoTempNameIsLeft() throws IOException {
    Path temp = Files.writeString(dir.resolve(".out.tmp"), "materialized");
    ContentWriter.placeNew(temp, dir.resolve("out"), "m@1");
    assertThat(Files.readString(dir.resolve("out"))).isEqualTo("materialized");
    assertThat(temp).doesNotExist();
  }
}
