package dev.mlops.core.fingerprint;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the reference fingerprint of {@link FingerprintChildJvmTest} and prints its JSON; run in a
 * child JVM with another JDK, locale, time zone and working directory.
 */
public final class FingerprintChildMain {
  private FingerprintChildMain() {}

  /** Items whose case mapping differs in Turkish, to catch any locale-dependent formatting. */
  enum Item { TITLE, INDEX }

  /**
   * Builds the reference fingerprint.
   *
   * @param repo a git working tree
   * @param data a data directory
   * @return the fingerprint
   */
  static Fingerprint reference(Path repo, Path data) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("lr", 0.1);
    config.put("decay", 1e-7);
    config.put("scale", 1e21);
    config.put("ratio", 333333333.3333333);
    config.put("big", new BigInteger("9007199254740993"));
    config.put("items", List.of(Item.TITLE, Item.INDEX));
    config.put("İstanbul", "ıIiİ");
    config.put("start", Instant.parse("2024-03-01T00:00:00Z"));
    config.put("weights", new double[] {0.5, 2.5e-8, -0.0});
    return Fingerprint.builder()
        .code(repo)
        .data("train", data)
        .config(config)
        .seed(42)
        .seed("shuffle", -1)
        .environment(Environment.capture())
        .build();
  }

  /**
   * Prints the reference fingerprint's JSON.
   *
   * @param args the git working tree and the data directory
   */
  public static void main(String[] args) {
    // The default charset is deliberately odd in the test; the JSON travels as UTF-8 regardless.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    out.println(reference(Path.of(args[0]), Path.of(args[1])).toJson());
  }
}
