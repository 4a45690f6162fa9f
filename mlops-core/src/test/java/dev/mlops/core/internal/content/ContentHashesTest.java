package dev.mlops.core.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashesTest {

  @Test
  void hashesAFileOfSeveralBuffersLikeMessageDigest(@TempDir Path dir) throws IOException {
    byte[] data = new byte[ContentHashes.BUFFER_SIZE * 3 + 17];
    new Random(7).nextBytes(data);
    Path file = Files.write(dir.resolve("data.bin"), data);
    HashedContent hashed = ContentHashes.hashFile(file);
    assertThat(hashed.digest()).isEqualTo(Digest.sha256(data));
    assertThat(hashed.size()).isEqualTo(data.length);
  }

  @Test
  void emptyContentHashesToTheEmptyDigest() throws IOException {
    assertThat(ContentHashes.hash(InputStream.nullInputStream()).digest().hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void copyHashesWhatItCopies() throws IOException {
    byte[] data = "hello, world".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HashedContent hashed = ContentHashes.copy(new ByteArrayInputStream(data), out);
    assertThat(out.toByteArray()).isEqualTo(data);
    assertThat(hashed).isEqualTo(new HashedContent(Digest.sha256(data), data.length));
  }

  @Test
  void anIoErrorFailsInsteadOfReturningAPartialHash() {
    InputStream failing = new InputStream() {
      private int left = 100_000;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          throw new IOException("disk gone");
        }
        left--;
        return 1;
      }
    };
    assertThatThrownBy(() -> ContentHashes.hash(failing)).isInstanceOf(IOException.class);
  }

  @Test
  void missingFilesAndDirectoriesAreStorageErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> ContentHashes.hashFile(dir.resolve("missing")))
        .isInstanceOf(StorageException.class).hasMessageContaining("missing");
    assertThatThrownBy(() -> ContentHashes.hashFile(dir)).isInstanceOf(StorageException.class);
  }
}
