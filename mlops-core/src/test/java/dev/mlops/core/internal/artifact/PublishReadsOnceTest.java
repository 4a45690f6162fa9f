package dev.mlops.core.internal.artifact;

import dev.mlops.core.testing.SharedStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactFile;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.InMemoryStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing a directory reads each new file once, does not read files the stat cache knows when their
 * blobs are stored, and never stores a manifest whose digests differ from the bytes stored for them.
 */
class PublishReadsOnceTest {
  private static final FileTime OLD = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

  @TempDir
  Path tempDir;

  /** The in-memory store's blobs, seen through a hook that runs before each put and counts puts. */
  private static final class HookedBlobs implements BlobStore {
    private final BlobStore real;
    private final Consumer<Integer> beforePut;
    final AtomicInteger puts = new AtomicInteger();

    HookedBlobs(BlobStore real, Consumer<Integer> beforePut) {
      this.real = real;
      this.beforePut = beforePut;
    }

    @Override
    public BlobInfo put(InputStream content) {
      beforePut.accept(puts.incrementAndGet());
      return real.put(content);
    }

    @Override
    public InputStream open(Digest digest) {
      return real.open(digest);
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
      return real.stat(digest);
    }

    @Override
    public boolean delete(Digest digest) {
      return real.delete(digest);
    }

    @Override
    public void forEach(Consumer<BlobInfo> visitor) {
      real.forEach(visitor);
    }
  }

  private static Artifacts artifacts(Storage storage) {
    return SharedStorage.artifacts(storage, Clock.systemUTC(), Duration.ZERO);
  }

  private static Storage hooked(Storage base, HookedBlobs blobs) {
    return Storage.compose("hooked " + base.describe(), blobs, base.records(), base.series(), base);
  }

  private static Path file(Path dir, String rel, byte[] content) throws IOException {
    Path f = dir.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.write(f, content);
    Files.setLastModifiedTime(f, OLD);
    return f;
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      data[i] = (byte) r.nextInt(256);
    }
    return data;
  }

  private Path tree() throws IOException {
    Path dir = tempDir.resolve("tree");
    file(dir, "a.txt", "alpha".getBytes(StandardCharsets.UTF_8));
    file(dir, "sub/b.txt", "beta".getBytes(StandardCharsets.UTF_8));
    file(dir, "large.bin", random(ContentWriter.WHOLE_READ_LIMIT + 12345, 3));
    return dir;
  }

  @Test
  void smallAndLargeNewFilesAreStoredUnderTheDigestsOfTheirBytes() throws IOException {
    Path dir = tree();
    try (Storage storage = InMemoryStorage.create()) {
      Artifacts artifacts = artifacts(storage);
      ArtifactVersion v = artifacts.publish("tree", dir);
      for (ArtifactFile f : artifacts.files(v)) {
        byte[] bytes = Files.readAllBytes(dir.resolve(f.path()));
        assertThat(f.digest()).as(f.path()).isEqualTo(Digest.sha256(bytes));
        try (InputStream in = artifacts.open(v, f.path())) {
          assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
      }
    }
  }

  @Test
  void filesTheStatCacheKnowsAreNotReadWhenTheirBlobsAreStored() throws IOException {
    Path dir = tree();
    try (Storage storage = InMemoryStorage.create()) {
      Artifacts artifacts = artifacts(storage);
      ArtifactVersion v1 = artifacts.publish("tree", dir);
      // Same size and time stamp, other bytes: only reading the file could notice.
      Files.writeString(dir.resolve("a.txt"), "ALPHA");
      Files.setLastModifiedTime(dir.resolve("a.txt"), OLD);

      ArtifactVersion again = artifacts.publish("tree", dir);

      assertThat(again).isEqualTo(v1);
      assertThat(again.isNewVersion()).isFalse();
    }
  }

  @Test
  void aKnownFileWhoseBlobIsMissingIsReadAndStored() throws IOException {
    Path dir = tree();
    try (Storage first = InMemoryStorage.create(); Storage second = InMemoryStorage.create()) {
      ArtifactVersion v1 = artifacts(first).publish("tree", dir);
      Artifacts other = artifacts(second);

      ArtifactVersion v = other.publish("tree", dir);

      assertThat(v.digest()).isEqualTo(v1.digest());
      Path restored = tempDir.resolve("restored");
      other.materialize(v, restored);
      assertThat(Files.readString(restored.resolve("sub/b.txt"))).isEqualTo("beta");
      assertThat(Files.readAllBytes(restored.resolve("large.bin"))).isEqualTo(Files.readAllBytes(dir.resolve("large.bin")));
    }
  }

  @Test
  void aKnownFileWhoseBytesNoLongerMatchItsCachedDigestFailsThePublish() throws IOException {
    Path dir = tree();
    try (Storage first = InMemoryStorage.create(); Storage second = InMemoryStorage.create()) {
      artifacts(first).publish("tree", dir);
      Files.writeString(dir.resolve("sub/b.txt"), "BETA");
      Files.setLastModifiedTime(dir.resolve("sub/b.txt"), OLD);
      Artifacts other = artifacts(second);

      assertThatThrownBy(() -> other.publish("tree", dir)).isInstanceOf(StorageException.class)
          .hasMessageContaining("b.txt").hasMessageContaining("changed since it was hashed");
      assertThat(other.versions("tree")).isEmpty();
    }
  }

  @Test
  void aLargeFileThatChangesWhileItIsCopiedFailsThePublishAndNoVersionIsMade() throws IOException {
    Path dir = tempDir.resolve("one");
    Path large = file(dir, "large.bin", random(ContentWriter.WHOLE_READ_LIMIT * 2, 5));
    try (Storage base = InMemoryStorage.create()) {
      HookedBlobs blobs = new HookedBlobs(base.blobs(), n -> {
        try {
          Files.write(large, new byte[] {1}, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      Artifacts artifacts = artifacts(hooked(base, blobs));

      assertThatThrownBy(() -> artifacts.publish("tree", dir)).isInstanceOf(StorageException.class)
          .hasMessageContaining("large.bin").hasMessageContaining("changed while it was being read");
      assertThat(artifacts.versions("tree")).isEmpty();
      assertThat(blobs.puts.get()).as("the file's put, and no manifest").isEqualTo(1);
    }
  }

  @Test
  void aSymbolicLinkIsRefusedBeforeAnyFileIsStored() throws IOException {
    Path dir = tree();
    Files.createSymbolicLink(dir.resolve("sub/zz-link"), dir.resolve("a.txt"));
    try (Storage base = InMemoryStorage.create()) {
      HookedBlobs blobs = new HookedBlobs(base.blobs(), n -> { });
      Artifacts artifacts = artifacts(hooked(base, blobs));
      assertThatThrownBy(() -> artifacts.publish("tree", dir)).hasMessageContaining("symbolic link");
      assertThat(blobs.puts.get()).isZero();
    }
  }

  @Test
  void republishingIntoTheSameStoreStoresNothingNew() throws IOException {
    Path dir = tree();
    try (Storage base = InMemoryStorage.create()) {
      HookedBlobs blobs = new HookedBlobs(base.blobs(), n -> { });
      Artifacts artifacts = artifacts(hooked(base, blobs));
      artifacts.publish("tree", dir);
      int afterFirst = blobs.puts.get();
      assertThat(afterFirst).as("three files and the manifest").isEqualTo(4);

      artifacts.publish("other", dir);

      assertThat(blobs.puts.get() - afterFirst).as("only the manifest, its files are stored and fresh")
          .isEqualTo(1);
      assertThat(List.of(artifacts.get("other").digest())).containsExactly(artifacts.get("tree").digest());
    }
  }
}
