package dev.mlops.examples.snippets;

import dev.mlops.core.fingerprint.Environment;
import dev.mlops.core.fingerprint.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

public class FingerprintQuickStart {
  public static void main(String[] args) throws Exception {
    Path trainDir = Files.createDirectories(Path.of("train"));
    Files.writeString(trainDir.resolve("part-0.csv"), "x,y\n1,2\n");

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
    System.out.println(before.id() + (same.id().equals(before.id()) ? " survives JSON" : " changed"));
    System.out.println(before.diff(after).explain());    // same code, data and seeds; config.lr 0.1 -> 0.01
  }
}
