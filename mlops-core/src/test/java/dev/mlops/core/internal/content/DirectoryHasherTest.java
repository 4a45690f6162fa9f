package dev.mlops.core.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryHasherTest {
  private final StatCache cache = new StatCache(1000, Clock.systemUTC());
  private final DirectoryHasher hasher = new DirectoryHasher(cache, 2);

  @AfterEach
  void close() {
    hasher.close();
  }

  private static Path write(Path root, String rel, String content) throws IOException {
    Path file = root.resolve(rel);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Test
  void manifestListsRegularFilesWithSlashPathsDigestsSizesAndTheExecutableBit(@TempDir Path root)
      throws IOException {
    write(root, "b.csv", "x,y\n1,2\n");
    write(root, "sub/dir/a.bin", "");
    Path script = write(root, "run.sh", "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(root.resolve("empty/inside"));

    Manifest m = hasher.hashDirectory(root);

    assertThat(m.entries()).extracting(ManifestEntry::path).containsExactly("b.csv", "run.sh", "sub/dir/a.bin");
    assertThat(m.find("b.csv").orElseThrow().digest()).isEqualTo(Digest.sha256("x,y\n1,2\n"));
    assertThat(m.find("b.csv").orElseThrow().size()).isEqualTo(8);
    assertThat(m.find("run.sh").orElseThrow().executable()).isTrue();
    assertThat(m.find("b.csv").orElseThrow().executable()).isFalse();
    assertThat(m.find("sub/dir/a.bin").orElseThrow().digest()).isEqualTo(Digest.sha256(new byte[0]));
  }

  @Test
  void theDigestDependsOnContentNotOnWhereTheDirectoryIs(@TempDir Path a, @TempDir Path b) throws IOException {
    write(a, "x/1.txt", "one");
    write(b, "x/1.txt", "one");
    assertThat(hasher.hashDirectory(a).digest()).isEqualTo(hasher.hashDirectory(b).digest());
    write(b, "x/1.txt", "two");
    assertThat(hasher.hashDirectory(a).digest()).isNotEqualTo(hasher.hashDirectory(b).digest());
  }

  @Test
  void symbolicLinksInsideAreRefusedButALinkedRootIsResolved(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectory(dir.resolve("root"));
    write(root, "real.txt", "r");
    Path link = Files.createSymbolicLink(dir.resolve("link"), root);
    assertThat(hasher.hashDirectory(link).digest()).isEqualTo(hasher.hashDirectory(root).digest());

    Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("real.txt"));
    assertThatThrownBy(() -> hasher.hashDirectory(root))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link alias.txt");
  }

  @Test
  void namesThatAreNotPortableRelativePathsAreRefused(@TempDir Path root) throws IOException {
    write(root, "a\\b.txt", "x");
    assertThatThrownBy(() -> hasher.hashDirectory(root))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("backslash");
  }

  @Test
  void missingRootsAndUnreadableFilesFail(@TempDir Path root) throws IOException {
    assertThatThrownBy(() -> hasher.hashDirectory(root.resolve("nope")))
        .isInstanceOf(InvalidInputException.class);
    Path file = write(root, "f", "x");
    assertThatThrownBy(() -> hasher.hashDirectory(file)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> hasher.hashFile(root)).isInstanceOf(StorageException.class);
  }

  @Test
  void anUnchangedOldFileIsServedFromTheStatCache(@TempDir Path root) throws IOException {
    Path file = write(root, "data.txt", "aaaa");
    FileTime old = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    Files.setLastModifiedTime(file, old);
    Digest first = hasher.hashFile(file).digest();

    // Same size and same time stamp: the stat data cannot tell, so the cached digest is returned.
    // This proves the cache is consulted; real edits move the time stamp.
    Files.writeString(file, "bbbb");
    Files.setLastModifiedTime(file, old);
    assertThat(hasher.hashFile(file).digest()).isEqualTo(first);

    // A changed size or time stamp is a miss.
    Files.writeString(file, "bbbbb");
    Files.setLastModifiedTime(file, old);
    assertThat(hasher.hashFile(file).digest()).isEqualTo(Digest.sha256("bbbbb"));
  }

  @Test
  void aRacilyCleanEntryIsNotTrusted(@TempDir Path root) throws IOException {
    Path file = write(root, "data.txt", "aaaa");
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    FileTime justBefore = FileTime.from(now.minusMillis(500));
    Files.setLastModifiedTime(file, justBefore);
    try (DirectoryHasher fixed = new DirectoryHasher(new StatCache(10, Clock.fixed(now, ZoneOffset.UTC)), 1)) {
      assertThat(fixed.hashFile(file).digest()).isEqualTo(Digest.sha256("aaaa"));

      // Rewritten within the racy window with the same size and time stamp: must be hashed again.
      Files.writeString(file, "bbbb");
      Files.setLastModifiedTime(file, justBefore);
      assertThat(fixed.hashFile(file).digest()).isEqualTo(Digest.sha256("bbbb"));
    }
  }

  @Test
  void theRacyWindowIsMeasuredFromTheRecordingClock(@TempDir Path root) throws IOException {
    Path file = write(root, "data.txt", "aaaa");
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    StatCache racy = new StatCache(10, Clock.fixed(modified.plusMillis(1999), ZoneOffset.UTC));
    StatCache settled = new StatCache(10, Clock.fixed(modified.plusMillis(2000), ZoneOffset.UTC));
    try (DirectoryHasher a = new DirectoryHasher(racy, 1); DirectoryHasher b = new DirectoryHasher(settled, 1)) {
      a.hashFile(file);
      b.hashFile(file);
      StatCache.Key key = StatCache.Key.of(file, Files.readAttributes(file,
          java.nio.file.attribute.BasicFileAttributes.class).fileKey(), 4, Files.getLastModifiedTime(file));
      assertThat(racy.get(key)).isEmpty();
      assertThat(settled.get(key)).contains(Digest.sha256("aaaa"));
    }
  }
}
