package dev.mlops.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Computes the same fingerprint in child JVMs with another JDK, a Turkish locale, another time zone,
 * another default charset and another working directory, and expects the parent's id.
 */
class FingerprintChildJvmTest {
  private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir static Path dir;
  static Path repo;
  static Path data;

  @BeforeAll
  static void inputs() throws Exception {
    repo = GitRepos.create(dir.resolve("repo"));
    Files.writeString(repo.resolve("untracked.txt"), "not committed yet\n");
    data = Files.createDirectories(dir.resolve("data/nested"));
    Files.writeString(data.resolve("b.csv"), "x\n1\n");
    Files.writeString(data.resolve("a.csv"), "y\n2\n");
    Files.writeString(data.resolve("\u0130.csv"), "z\n3\n");
  }

  private static String runChild(Path java) throws IOException, InterruptedException {
    Path workDir = Files.createDirectories(dir.resolve("elsewhere-" + System.nanoTime()));
    List<String> command = new ArrayList<>(List.of(java.toString(),
        "-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Pacific/Kiritimati",
        "-Dfile.encoding=ISO-8859-1", "-cp", System.getProperty("java.class.path"),
        FingerprintChildMain.class.getName(), repo.toString(), data.toString()));
    Process p = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java");
  }

  @Test
  void aTurkishChildInAnotherZoneAndDirectoryGetsTheSameId() throws Exception {
    Fingerprint parent = FingerprintChildMain.reference(repo, data);
    Fingerprint child = Fingerprint.parse(runChild(currentJava()));
    assertThat(child.id()).isEqualTo(parent.id());
    FingerprintDiff diff = parent.diff(child);
    assertThat(diff.sameId()).isTrue();
    assertThat(diff.explain()).contains("charset ").contains("locale").contains("tr-TR").contains("timezone")
        .contains("Pacific/Kiritimati");
  }

  @Test
  void aChildOnJdk25GetsTheSameId() throws Exception {
    assumeTrue(Files.isExecutable(TEMURIN_25), "no Temurin 25 JDK at " + TEMURIN_25);
    Fingerprint parent = FingerprintChildMain.reference(repo, data);
    Fingerprint child = Fingerprint.parse(runChild(TEMURIN_25));
    assertThat(child.id()).isEqualTo(parent.id());
    FingerprintDiff diff = parent.diff(child);
    System.out.println("parent vs Temurin 25 child: " + diff.explain());
    assertThat(diff.explain()).startsWith("same code, data, config and seeds;");
    if (!"25".equals(System.getProperty("java.specification.version"))) { // the suite may itself run on 25
      assertThat(diff.explain()).contains("JVM " + System.getProperty("java.version") + " -> 25");
    }
    assertThat(child.environment().orElseThrow().portable().get("java.specification")).isEqualTo("25");
  }
}
