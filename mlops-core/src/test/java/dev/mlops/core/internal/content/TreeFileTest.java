package dev.mlops.core.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The before/after stat comparison that proves a file did not change while it was read, and the cases in
 * which a small file skips the second stat.
 */
class TreeFileTest {
  private static final FileTime OLD = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));

  private static Path oldFile(Path dir, String name, String content) throws IOException {
    Path file = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, OLD);
    return file;
  }

  @Test
  void anUntouchedFileReadWholeIsUnchanged(@TempDir Path dir) throws IOException {
    Path file = oldFile(dir, "a.txt", "abcd");
    TreeFile walked = TreeFile.stat(file, "a.txt");
    assertThat(walked.size()).isEqualTo(4);
    assertThat(walked.lastModified()).isEqualTo(OLD);
    walked.requireUnchanged(4);
  }

  @Test
  void aFileThatGrewWhileReadIsCaught(@TempDir Path dir) throws IOException {
    Path file = oldFile(dir, "a.txt", "abcd");
    TreeFile walked = TreeFile.stat(file, "a.txt");
    Files.writeString(file, "e", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> walked.requireUnchanged(4)).isInstanceOf(StorageException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("changed while it was being read");
  }

  @Test
  void aSameSizeRewriteIsCaughtByItsModificationTime(@TempDir Path dir) throws IOException {
    Path file = oldFile(dir, "a.txt", "abcd");
    TreeFile walked = TreeFile.stat(file, "a.txt");
    Files.writeString(file, "wxyz");
    assertThatThrownBy(() -> walked.requireUnchanged(4)).isInstanceOf(StorageException.class);
  }

  @Test
  void aReplacementWithTheSameSizeAndTimeIsCaughtByItsFileKey(@TempDir Path dir) throws IOException {
    Path file = oldFile(dir, "a.txt", "abcd");
    TreeFile walked = TreeFile.stat(file, "a.txt");
    Path other = oldFile(dir, "b.txt", "wxyz");
    Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(OLD);
    assertThatThrownBy(() -> walked.requireUnchanged(4)).isInstanceOf(StorageException.class);
  }

  @Test
  void aShortOrLongReadIsCaughtEvenIfTheStatDataAgree(@TempDir Path dir) throws IOException {
    TreeFile walked = TreeFile.stat(oldFile(dir, "a.txt", "abcd"), "a.txt");
    assertThatThrownBy(() -> walked.requireUnchanged(3)).isInstanceOf(StorageException.class)
        .hasMessageContaining("3 bytes read");
    assertThatThrownBy(() -> walked.requireUnchanged(5)).isInstanceOf(StorageException.class);
  }

  @Test
  void aSmallFileLeftAloneBeforeTheReadIsNotStatedAgain(@TempDir Path dir) throws IOException {
    Path file = oldFile(dir, "a.txt", "abcd");
    TreeFile walked = TreeFile.stat(file, "a.txt");
    Files.delete(file); // only a second stat could notice

    walked.requireUnchanged(4, System.currentTimeMillis());
    assertThatThrownBy(() -> walked.requireUnchanged(4)).isInstanceOf(StorageException.class);
  }

  @Test
  void aSmallQuietFileThatGrewOrShrankIsCaughtByTheBytesRead(@TempDir Path dir) throws IOException {
    TreeFile walked = TreeFile.stat(oldFile(dir, "a.txt", "abcd"), "a.txt");
    long now = System.currentTimeMillis();

    assertThatThrownBy(() -> walked.requireUnchanged(5, now)).isInstanceOf(StorageException.class)
        .hasMessageContaining("changed while it was being read");
    assertThatThrownBy(() -> walked.requireUnchanged(3, now)).isInstanceOf(StorageException.class);
  }

  @Test
  void aRecentlyModifiedFileIsStatedAgain(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("a.txt"), "abcd");
    FileTime recent = FileTime.from(Instant.now().minus(TreeFile.QUIET_BEFORE_READ).plusSeconds(30));
    Files.setLastModifiedTime(file, recent);
    TreeFile walked = TreeFile.stat(file, "a.txt");
    Files.writeString(file, "wxyz");

    assertThatThrownBy(() -> walked.requireUnchanged(4, System.currentTimeMillis()))
        .isInstanceOf(StorageException.class).hasMessageContaining(file.toString());
  }

  @Test
  void aLargeFileIsStatedAgainHoweverOld(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("large.bin"), new byte[(int) TreeFile.ALWAYS_RESTATED_BYTES]);
    Files.setLastModifiedTime(file, OLD);
    TreeFile walked = TreeFile.stat(file, "large.bin");
    Files.write(file, new byte[(int) TreeFile.ALWAYS_RESTATED_BYTES]); // same size, a new modification time

    assertThatThrownBy(() -> walked.requireUnchanged(TreeFile.ALWAYS_RESTATED_BYTES, System.currentTimeMillis()))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void aDeletedFileIsAStorageError(@TempDir Path dir) throws IOException {
    Path file = oldFile(dir, "a.txt", "abcd");
    TreeFile walked = TreeFile.stat(file, "a.txt");
    Files.delete(file);
    assertThatThrownBy(() -> walked.requireUnchanged(4)).isInstanceOf(StorageException.class);
  }

  @Test
  void theExecutableBitAndCacheKeyComeFromTheWalk(@TempDir Path dir) throws IOException {
    Path script = oldFile(dir, "run.sh", "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    Files.setLastModifiedTime(script, OLD);
    TreeFile walked = TreeFile.stat(script, "run.sh");
    assertThat(walked.executable()).isTrue();
    assertThat(TreeFile.stat(oldFile(dir, "data", "x"), "data").executable()).isFalse();
    StatCache.Key key = walked.cacheKey();
    assertThat(key).isEqualTo(StatCache.Key.of(script, Files.readAttributes(script,
        java.nio.file.attribute.BasicFileAttributes.class).fileKey(), 10, OLD));
  }

  @Test
  void onlyRegularFilesCanBeStatedForReading(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> TreeFile.stat(dir, "dir")).isInstanceOf(StorageException.class)
        .hasMessageContaining("not a regular file");
    Path link = Files.createSymbolicLink(dir.resolve("link"), oldFile(dir, "t", "t"));
    assertThatThrownBy(() -> TreeFile.stat(link, "link")).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> TreeFile.stat(dir.resolve("missing"), "missing")).isInstanceOf(StorageException.class);
  }
}
