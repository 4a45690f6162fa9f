package dev.mlops.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's fingerprint snippet. */
class FingerprintReadmeTest {

  @Test
  void readmeSnippet(@TempDir Path tmp) throws IOException {
    Path trainDir = Files.createDirectories(tmp.resolve("data/train"));
    Files.writeString(trainDir.resolve("part-0.csv"), "x,y\n1,0\n");

    // --- README snippet begins ---
    Fingerprint before = Fingerprint.builder()
        .code("trainer-1.4.2")                  // or .code(Path.of(".")) for a git working tree
        .data("train", trainDir)                // a file, a directory or a "sha256:..." digest
        .config(Map.of("lr", 0.1, "epochs", 20))
        .seed(42)
        .environment(Environment.capture())     // recorded beside the id, never in it
        .build();
    Fingerprint after = Fingerprint.builder()
        .code("trainer-1.4.2")
        .data("train", trainDir)
        .config(Map.of("lr", 0.01, "epochs", 20))
        .seed(42)
        .environment(Environment.capture())
        .build();
    String json = before.toJson();                       // store it with the model
    Fingerprint same = Fingerprint.parse(json);          // checks the id again
    System.out.println(before.diff(after).explain());    // same code, data and seeds; config.lr 0.1 -> 0.01
    // --- README snippet ends ---

    assertThat(same).isEqualTo(before);
    assertThat(before.diff(after).explain()).isEqualTo("same code, data and seeds; config.lr 0.1 -> 0.01");
  }
}
