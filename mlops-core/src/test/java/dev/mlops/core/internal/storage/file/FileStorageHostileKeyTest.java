package dev.mlops.core.internal.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.spi.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile keys against a file store: each is refused with an error naming it, and no file or directory
 * appears or changes anywhere under the store's parent directory.
 */
class FileStorageHostileKeyTest {
  private static final List<String> HOSTILE = List.of("../x", "../../etc/passwd", "/abs", "/tmp/x", "a/../b",
      "a/../../b", "..", ".", "./x", "x/.", "C:\\x", "C:/x", "\\\\server\\share", "x\u0000y", "x\u0000", "\u0000",
      "a\nb", "a\rb", "a\u001bb", "a\u007f", "x".repeat(2000), "a//b", "a/", "/", "",
      "a/%2e%2e/b/../c", "a b", "a\u2215b", "a\uFF0Fb", "..\\x");

  @TempDir Path parent;

  @Test
  void hostileKeysAreRefusedAndNothingIsWrittenAnywhere() throws IOException {
    Path root = parent.resolve("store");
    try (Storage storage = FileStorageBackend.open(root, Duration.ofSeconds(5), Clock.systemUTC())) {
      storage.records().create("ok", new byte[] {1});
      storage.series().append("ok", List.of(new byte[] {1}));
      TreeMap<String, String> before = snapshot(parent);
      for (String key : HOSTILE) {
        List<Runnable> operations = List.of(
            () -> storage.records().get(key),
            () -> storage.records().create(key, new byte[] {1}),
            () -> storage.records().compareAndSet(key, 0, new byte[] {1}),
            () -> storage.records().compareAndSet(key, 1, new byte[] {1}),
            () -> storage.records().delete(key, 1),
            () -> storage.series().append(key, List.of(new byte[] {1})),
            () -> storage.series().read(key, 0, 1),
            () -> storage.records().list(key + "/"),
            () -> storage.series().list(key + "/"));
        for (int i = 0; i < operations.size(); i++) {
          assertThat(catchThrowable(operations.get(i)::run)).as("operation %d, key %s", i, key.replace("\u0000", "\\0"))
              .isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid storage key");
        }
      }
      assertThat(snapshot(parent)).isEqualTo(before);
    }
  }

  @Test
  void keysThatMerelyLookDangerousStayInsideTheStore() throws IOException {
    Path root = parent.resolve("store");
    Files.createDirectories(parent.resolve("outside"));
    TreeMap<String, String> outside = snapshot(parent.resolve("outside"));
    List<String> keys = List.of("~/.ssh/id_rsa", "..a/b", "%2e%2e/x", "%2F%2Fetc", ".git/config", "a..", "...",
        "etc/passwd", "CON", "~");
    try (Storage storage = FileStorageBackend.open(root, Duration.ofSeconds(5), Clock.systemUTC())) {
      for (String key : keys) {
        assertThat(storage.records().create(key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8))).as(key).isTrue();
        storage.series().append(key, List.of(new byte[] {1}));
      }
      assertThat(storage.records().list("")).hasSize(keys.size());
      assertThat(storage.series().list("")).containsExactlyInAnyOrderElementsOf(keys);
    }
    try (Stream<Path> top = Files.list(parent)) {
      assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("store", "outside");
    }
    assertThat(snapshot(parent.resolve("outside"))).isEqualTo(outside);
  }

  /** Every path under a directory with its size and modification time. */
  static TreeMap<String, String> snapshot(Path dir) throws IOException {
    TreeMap<String, String> out = new TreeMap<>();
    List<Path> all = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(all::add);
    }
    for (Path p : all) {
      out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir " + Files.getLastModifiedTime(p)
          : Files.size(p) + " " + Files.getLastModifiedTime(p));
    }
    return out;
  }
}
