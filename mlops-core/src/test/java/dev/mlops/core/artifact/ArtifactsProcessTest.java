package dev.mlops.core.artifact;

import dev.mlops.core.testing.SharedStorage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.FileStorage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs publishing to one file store at once, and a publisher killed with SIGKILL. */
class ArtifactsProcessTest {
  @TempDir
  Path tempDir;

  private static Process start(Path output, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), PublisherProcess.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectOutput(output.toFile())
        .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile()).start();
  }

  /** Waits for the two children started with outputs {@code a.out} and {@code b.out}; returns their lines. */
  private List<String> outputOfBoth(Process a, Process b) throws Exception {
    assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).as(Files.readString(tempDir.resolve("a.out.err"))).isZero();
    assertThat(b.exitValue()).as(Files.readString(tempDir.resolve("b.out.err"))).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(tempDir.resolve("a.out")));
    lines.addAll(Files.readAllLines(tempDir.resolve("b.out")));
    return lines;
  }

  private static Map<Integer, String> parse(List<String> lines) {
    Map<Integer, String> byVersion = new HashMap<>();
    for (String line : lines) {
      String[] parts = line.split("\t", 2);
      String previous = byVersion.put(Integer.parseInt(parts[0]), parts[1]);
      assertThat(previous).as("version %s reported twice", parts[0]).isNull();
    }
    return byVersion;
  }

  private static String read(Artifacts artifacts, ArtifactVersion v) throws Exception {
    try (InputStream in = artifacts.open(v)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void twoJvmsWithFourThreadsEachGetVersionsOneToNWithoutGapsAndKeepTheirOwnBytes() throws Exception {
    Path store = tempDir.resolve("store");
    int perThread = 5;
    Process a = start(tempDir.resolve("a.out"), "threads", store.toString(), "shared", "jvmA", "4", "" + perThread);
    Process b = start(tempDir.resolve("b.out"), "threads", store.toString(), "shared", "jvmB", "4", "" + perThread);
    List<String> lines = outputOfBoth(a, b);
    Map<Integer, String> reported = parse(lines);
    int n = 2 * 4 * perThread;
    assertThat(reported.keySet()).containsExactlyInAnyOrderElementsOf(
        IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList()));

    try (Storage storage = FileStorage.open(store)) {
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);
      List<ArtifactVersion> versions = artifacts.versions("shared");
      assertThat(versions).extracting(ArtifactVersion::version)
          .containsExactlyElementsOf(IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList()));
      for (ArtifactVersion v : versions) {
        assertThat(read(artifacts, v)).as("bytes of version %s", v.version()).isEqualTo(reported.get(v.version()));
      }
    }
  }

  @Test
  void twoJvmsWithFourThreadsEachPublishingTheSameFileMakeOneVersionPerName() throws Exception {
    Path store = tempDir.resolve("store");
    Path file = Files.writeString(tempDir.resolve("model.bin"), "the same bytes everywhere");
    Path go = tempDir.resolve("go");
    int names = 15;
    Process a = start(tempDir.resolve("a.out"), "same", store.toString(), file.toString(), "" + names, "4",
        go.toString());
    Process b = start(tempDir.resolve("b.out"), "same", store.toString(), file.toString(), "" + names, "4",
        go.toString());
    Thread.sleep(300); // both JVMs are up and polling for the go file by now, or start a little later
    Files.writeString(go, "go");
    List<String> lines = outputOfBoth(a, b);
    assertThat(lines).hasSize(2 * 4 * names);
    Map<String, List<String[]>> byName = lines.stream().map(l -> l.split("\t"))
        .collect(Collectors.groupingBy(parts -> parts[0]));
    for (int n = 0; n < names; n++) {
      List<String[]> got = byName.get("same-" + n);
      assertThat(got).extracting(parts -> parts[1]).as("versions returned for same-%d", n).containsOnly("1");
      assertThat(got).filteredOn(parts -> parts[2].equals("true")).as("new versions of same-%d", n).hasSize(1);
    }
    try (Storage storage = FileStorage.open(store)) {
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);
      for (int n = 0; n < names; n++) {
        assertThat(artifacts.versions("same-" + n)).extracting(ArtifactVersion::version).containsExactly(1);
      }
    }
  }

  @Test
  void everyPublishThatReturnedBeforeASigkillIsListedAndReadsBackVerified() throws Exception {
    Path store = tempDir.resolve("store");
    Path log = tempDir.resolve("published.log");
    Process p = start(tempDir.resolve("loop.out"), "loop", store.toString(), "crashy", log.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (lineCount(log) < 25 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as(Files.readString(tempDir.resolve("loop.out.err"))).isTrue();
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<String> complete = new ArrayList<>();
    String text = Files.readString(log);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      complete.add(lines[i]);
    }
    Map<Integer, String> returned = parse(complete);
    assertThat(returned).hasSizeGreaterThanOrEqualTo(25);

    try (Storage storage = FileStorage.open(store)) {
      Artifacts artifacts = SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);
      Map<Integer, ArtifactVersion> listed = artifacts.versions("crashy").stream()
          .collect(Collectors.toMap(ArtifactVersion::version, v -> v));
      for (Map.Entry<Integer, String> e : returned.entrySet()) {
        assertThat(listed).containsKey(e.getKey());
        assertThat(read(artifacts, listed.get(e.getKey()))).isEqualTo(e.getValue());
      }
      ArtifactVersion after = artifacts.publish("crashy",
          new java.io.ByteArrayInputStream("after the crash".getBytes(StandardCharsets.UTF_8)), ArtifactSpec.defaults());
      assertThat(after.version()).isGreaterThan(returned.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow());
    }
  }

  private static long lineCount(Path log) throws Exception {
    if (!Files.exists(log)) {
      return 0;
    }
    return Files.readString(log).chars().filter(c -> c == '\n').count();
  }
}
