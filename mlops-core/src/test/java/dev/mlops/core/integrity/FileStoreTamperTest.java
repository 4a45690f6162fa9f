package dev.mlops.core.integrity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.storage.FileStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tamper matrix: a flipped byte, a truncation, an extension and a deletion applied to every kind of file
 * the file backend writes. Each case is either detected, with {@link CorruptedDataException} naming the item
 * and a {@link MlopsStore#verify} report listing it, or provably recovered from redundant data; never is
 * older or partial data returned as current.
 *
 * <p>Deleting a whole series file cannot be told from a series never written (nothing else records that it
 * exists), so that case is not in the matrix.
 */
class FileStoreTamperTest {
  enum Tamper { FLIP, TRUNCATE, EXTEND, DELETE }

  enum Target { VERSION_RECORD, ALIAS_RECORD, HEAD_RECORD, SERIES, FILE_BLOB, MANIFEST_BLOB, STORE_MARKER, LOCK_FILE }

  @TempDir Path dir;
  private Path root;
  private MlopsStore store;
  private ArtifactVersion v2;
  private ArtifactVersion tree;

  @BeforeEach
  void populate() throws IOException {
    root = dir.resolve("store");
    store = MlopsStore.open(FileStorage.open(root));
    var artifacts = store.artifacts();
    artifacts.publish("m", Files.writeString(dir.resolve("a.txt"), "model one"));
    v2 = artifacts.publish("m", Files.writeString(dir.resolve("b.txt"), "model two"));
    artifacts.alias("m", "champion", 1);
    artifacts.alias("m", "champion", 2);
    Path d = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(d.resolve("x.csv"), "x\n1\n");
    Files.writeString(d.resolve("y.csv"), "y\n2\n");
    tree = artifacts.publish("d", d);
    for (int i = 0; i < 3; i++) {
      store.storage().series().append("s", List.of(("point " + i).getBytes(UTF_8)));
    }
    store.close();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Target t : Target.values()) {
      for (Tamper m : Tamper.values()) {
        if (m == Tamper.DELETE && t == Target.SERIES) {
          continue; // a deleted series reads as never written (see the class comment)
        }
        if (t == Target.LOCK_FILE && (m == Tamper.DELETE || m == Tamper.TRUNCATE)) {
          continue; // lock files are empty and hold no data; one deleted while a store holds it is recreated
        }
        out.add(Arguments.of(t, m));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void everyTamperIsDetectedOrRecovered(Target target, Tamper tamper) throws IOException {
    Path file = fileOf(target);
    apply(tamper, file, target);
    if (target == Target.STORE_MARKER) {
      if (tamper == Tamper.DELETE) { // a constant: rewritten on open
        store = MlopsStore.open(FileStorage.open(root));
        assertThat(store.artifacts().get("m").version()).isEqualTo(2);
      } else {
        assertThatThrownBy(() -> FileStorage.open(root)).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("mlops-store.json");
      }
      return;
    }
    store = MlopsStore.open(FileStorage.open(root));
    var artifacts = store.artifacts();
    switch (target) {
      case VERSION_RECORD -> {
        assertThatThrownBy(() -> artifacts.get("m")).isInstanceOf(CorruptedDataException.class)
            .hasMessageContaining(tamper == Tamper.DELETE ? "version 2" : "artifacts/versions/m/0000000002");
        assertThat(artifacts.get("m@1").version()).as("the other version stays usable").isEqualTo(1);
        assertThat(artifacts.versions("m")).extracting(ArtifactVersion::version).contains(1);
        assertDamageReported(DamagedItem.Kind.RECORD, "artifacts/versions/m/0000000002");
      }
      case ALIAS_RECORD -> {
        assertThatThrownBy(() -> artifacts.get("m@champion")).isInstanceOf(CorruptedDataException.class)
            .hasMessageContaining("champion");
        assertDamageReported(DamagedItem.Kind.RECORD, "aliases/m/champion");
      }
      case HEAD_RECORD -> {
        assertThat(artifacts.get("m").version()).isEqualTo(2);
        assertThat(artifacts.names()).containsExactly("d", "m");
        IntegrityReport repaired = store.verify(true);
        assertThat(repaired.isClean()).as("%s", repaired).isTrue();
        assertThat(repaired.repaired()).anyMatch(r -> r.contains("'m'"));
        assertThat(artifacts.publish("m", Files.writeString(dir.resolve("c.txt"), "model three")).version())
            .isEqualTo(3);
      }
      case SERIES -> {
        assertThatThrownBy(() -> store.storage().series().readAll("s")).isInstanceOf(CorruptedDataException.class)
            .hasMessageContaining("'s'");
        assertDamageReported(DamagedItem.Kind.SERIES, "s");
      }
      case FILE_BLOB -> {
        assertThatThrownBy(() -> {
          try (InputStream in = artifacts.open(v2)) {
            in.readAllBytes();
          }
        }).isInstanceOf(CorruptedDataException.class).hasMessageContaining(v2.digest().hex());
        assertDamageReported(DamagedItem.Kind.BLOB, v2.digest().hex());
      }
      case MANIFEST_BLOB -> {
        assertThatThrownBy(() -> artifacts.files(tree)).isInstanceOf(CorruptedDataException.class);
        assertThat(store.verify(false).isClean()).isFalse();
      }
      case LOCK_FILE -> {
        assertThat(artifacts.publish("m", Files.writeString(dir.resolve("c.txt"), "model three")).version())
            .isEqualTo(3);
        assertThat(store.verify(false).isClean()).isTrue();
      }
      default -> throw new AssertionError(target);
    }
  }

  private void assertDamageReported(DamagedItem.Kind kind, String item) {
    IntegrityReport report = store.verify(false);
    assertThat(report.damaged()).as("%s", report).anyMatch(d -> d.kind() == kind && d.item().contains(item));
  }

  private Path fileOf(Target target) throws IOException {
    return switch (target) {
      case VERSION_RECORD -> find(root.resolve("records"), "versions.d", "0000000002.rec");
      case ALIAS_RECORD -> find(root.resolve("records"), "aliases.d", "champion.rec");
      case HEAD_RECORD -> find(root.resolve("records"), "heads.d", "m.rec");
      case SERIES -> root.resolve("series").resolve("s.log");
      case FILE_BLOB -> blob(v2.digest().hex());
      case MANIFEST_BLOB -> blob(manifestOf());
      case STORE_MARKER -> root.resolve("mlops-store.json");
      case LOCK_FILE -> {
        try (Stream<Path> s = Files.list(root.resolve("locks"))) {
          yield s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
      }
    };
  }

  /** The one blob besides the two files and the two tree files: the tree's manifest. */
  private String manifestOf() throws IOException {
    try (Stream<Path> s = Files.walk(root.resolve("blobs"))) {
      List<String> known = List.of(v2.digest().hex(), tree.digest().hex());
      return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(h -> !known.contains(h)).filter(h -> {
            try {
              return Files.readString(blob(h)).contains("x.csv");
            } catch (IOException e) {
              return false;
            }
          }).findFirst().orElseThrow();
    }
  }

  private Path blob(String hex) {
    return root.resolve("blobs").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4))
        .resolve(hex);
  }

  private static Path find(Path base, String dirPart, String fileName) throws IOException {
    try (Stream<Path> s = Files.walk(base)) {
      return s.filter(p -> p.getFileName().toString().equals(fileName) && p.toString().contains(dirPart)
          && p.toString().contains("m.d") | p.toString().contains("heads.d")).findFirst().orElseThrow();
    }
  }

  private static void apply(Tamper tamper, Path file, Target target) throws IOException {
    long size = Files.size(file);
    switch (tamper) {
      case FLIP -> flip(file, flipOffset(file, target, size));
      case TRUNCATE -> {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(size - 1);
        }
      }
      case EXTEND -> {
        byte[] junk = new byte[100];
        java.util.Arrays.fill(junk, (byte) 0x55);
        Files.write(file, junk, StandardOpenOption.APPEND);
      }
      case DELETE -> Files.delete(file);
    }
  }

  /** A byte of the newest acknowledged data: the newest record slot's value, or the last series frame. */
  private static long flipOffset(Path file, Target target, long size) throws IOException {
    return switch (target) {
      case VERSION_RECORD, ALIAS_RECORD, HEAD_RECORD -> {
        byte[] b = Files.readAllBytes(file);
        int slot = (b.length - 512) / 2;
        long v0 = ByteBuffer.wrap(b, 5, 8).getLong();
        long v1 = ByteBuffer.wrap(b, slot + 5, 8).getLong();
        yield (v1 > v0 ? slot : 0) + 25L;
      }
      case SERIES, FILE_BLOB, MANIFEST_BLOB, STORE_MARKER -> size - 2;
      case LOCK_FILE -> 0;
    };
  }

  private static void flip(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      if (ch.read(b, offset) < 1) { // an empty file (a lock file): give it a byte
        ch.write(ByteBuffer.wrap(new byte[] {0x40}), 0);
        return;
      }
      b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
      ch.write(b, offset);
    }
  }
}
