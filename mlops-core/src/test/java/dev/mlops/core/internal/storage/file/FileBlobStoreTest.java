package dev.mlops.core.internal.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.FileStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import dev.mlops.core.work.WorkerPool;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file backend's blob store on real files: round trips across the chunk and staging boundaries of
 * the pipelined writer, failures mid-stream, tampered files, concurrent puts, and write times.
 */
class FileBlobStoreTest {
  private static final int CHUNK = FileBlobStore.CHUNK;
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir
  Path root;

  private final MutableClock clock = new MutableClock(T0);
  private FileStorageBackend storage;
  private FileBlobStore blobs;

  @BeforeEach
  void open() {
    storage = FileStorageBackend.open(root, Duration.ofSeconds(10), clock);
    blobs = (FileBlobStore) storage.blobs();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * 1024 * 1024 + 7,
      16 << 20, (16 << 20) + 4097})
  void roundTripsContentOfEverySizeAroundTheBoundaries(int size) throws IOException {
    byte[] content = randomBytes(size, size);

    BlobInfo info = blobs.put(new ByteArrayInputStream(content));

    assertStored(info, content);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * 1024 * 1024 + 7,
      16 << 20, (16 << 20) + 4097})
  void roundTripsFilesOfEverySizeAroundTheBoundaries(int size) throws IOException {
    byte[] content = randomBytes(size, size + 1);
    Path file = Files.write(Files.createTempDirectory(root, "source").resolve("model.bin"), content);

    BlobInfo info = blobs.put(file);

    assertStored(info, content);
  }

  private void assertStored(BlobInfo info, byte[] content) throws IOException {
    int size = content.length;
    assertThat(info.digest().toString()).isEqualTo("sha256:" + sha256Hex(content));
    assertThat(info.size()).isEqualTo(size);
    assertThat(info.lastWritten()).isEqualTo(T0);
    assertThat(readAll(info.digest())).isEqualTo(content);
    assertThat(blobs.stat(info.digest())).contains(info);
    assertThat(Files.size(blobs.pathOf(info.digest()))).isEqualTo(size);
    assertThat(tempFiles()).isEmpty();
  }

  @Property(tries = 25)
  void storesAnyContentUnderItsSha256(@ForAll @IntRange(min = 0, max = 3 * CHUNK + 5) int size,
      @ForAll long seed) throws IOException {
    Path dir = Files.createTempDirectory("blob-property");
    try (FileStorageBackend store = FileStorageBackend.open(dir, Duration.ofSeconds(10), Clock.systemUTC())) {
      byte[] content = randomBytes(size, seed);
      BlobInfo info = store.blobs().put(new ByteArrayInputStream(content));
      assertThat(info.digest()).isEqualTo(Digest.sha256(content));
      try (InputStream in = store.blobs().open(info.digest())) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  @Test
  void readsEachInputByteOnceAndLeavesTheStreamOpen() {
    byte[] content = randomBytes(2 * CHUNK + 3, 7);
    CountingStream in = new CountingStream(new ByteArrayInputStream(content));

    blobs.put(in);

    assertThat(in.bytesRead).isEqualTo(content.length);
    assertThat(in.closed).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100, CHUNK + 1, 5 * CHUNK})
  void anInputThatFailsMidwayLeavesNoTempFileAndNoBlob(int goodBytes) {
    byte[] prefix = randomBytes(goodBytes, 3);
    InputStream failing = new FailingStream(prefix, new IOException("network gone"));

    assertThatThrownBy(() -> blobs.put(failing))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("nothing was stored")
        .hasRootCauseMessage("network gone");

    assertThat(tempFiles()).isEmpty();
    assertThat(storedBlobs()).isEmpty();
  }

  @Test
  void anUncheckedFailureOfTheInputPropagatesAsItIsAndCleansUp() {
    IllegalStateException boom = new IllegalStateException("producer bug");
    InputStream failing = new FailingStream(randomBytes(4 * CHUNK, 5), boom);

    assertThatThrownBy(() -> blobs.put(failing)).isSameAs(boom);

    assertThat(tempFiles()).isEmpty();
    assertThat(storedBlobs()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 4 * CHUNK})
  void aWriteFailureIsReportedWithoutHangingAndStoresNothing(int size) throws IOException {
    deleteRecursively(root.resolve("tmp")); // the temp file cannot be created

    assertThatThrownBy(() -> blobs.put(new ByteArrayInputStream(randomBytes(size, 9))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("nothing was stored");

    assertThat(storedBlobs()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, CHUNK + 10})
  void aTamperedBlobFailsWithCorruptedDataInsteadOfEndOfInput(int size) throws IOException {
    BlobInfo info = blobs.put(new ByteArrayInputStream(randomBytes(size, 11)));
    Path file = blobs.pathOf(info.digest());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file, bytes);

    try (InputStream in = blobs.open(info.digest())) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(CorruptedDataException.class)
          .hasMessageContaining(info.digest().toString());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, CHUNK + 10})
  void puttingTheSameContentOverADamagedBlobReplacesIt(int size) throws IOException {
    byte[] content = randomBytes(size, 12);
    BlobInfo info = blobs.put(new ByteArrayInputStream(content));
    Path file = blobs.pathOf(info.digest());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40; // same size, so only reading it shows the damage
    Files.write(file, bytes);

    assertThat(blobs.put(new ByteArrayInputStream(content)).digest()).isEqualTo(info.digest());
    assertThat(readAll(info.digest())).isEqualTo(content);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void aTruncatedBlobFailsWithCorruptedData() throws IOException {
    BlobInfo info = blobs.put(new ByteArrayInputStream(randomBytes(CHUNK, 13)));
    try (FileChannel ch = FileChannel.open(blobs.pathOf(info.digest()), StandardOpenOption.WRITE)) {
      ch.truncate(CHUNK / 2);
    }

    try (InputStream in = blobs.open(info.digest())) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(CorruptedDataException.class);
    }
  }

  @Test
  void puttingTheContentOfATruncatedBlobAgainRepairsIt() throws IOException {
    byte[] content = randomBytes(2 * CHUNK + 1, 31);
    BlobInfo info = blobs.put(new ByteArrayInputStream(content));
    try (FileChannel ch = FileChannel.open(blobs.pathOf(info.digest()), StandardOpenOption.WRITE)) {
      ch.truncate(100);
    }

    assertThat(blobs.put(new ByteArrayInputStream(content))).isEqualTo(info);

    assertThat(readAll(info.digest())).isEqualTo(content);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void openingAMissingBlobFailsWithNotFound() {
    Digest absent = Digest.sha256("never stored");

    assertThatThrownBy(() -> blobs.open(absent))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(absent.toString());
    assertThat(blobs.stat(absent)).isEmpty();
  }

  @Test
  void eightThreadsPuttingTheSameContentStoreOneBlob() throws Exception {
    byte[] content = randomBytes(3 * CHUNK + 17, 17);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<BlobInfo>> puts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        puts.add(pool.submit(() -> {
          start.await();
          return blobs.put(new ByteArrayInputStream(content));
        }));
      }
      start.countDown();
      for (Future<BlobInfo> put : puts) {
        assertThat(put.get().digest()).isEqualTo(Digest.sha256(content));
      }
    } finally {
      pool.shutdown();
    }

    assertThat(storedBlobs()).extracting(BlobInfo::digest).containsExactly(Digest.sha256(content));
    assertThat(readAll(Digest.sha256(content))).isEqualTo(content);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void eightThreadsPuttingDifferentFilesShareTheDirectBuffersSafely() throws Exception {
    Path sources = Files.createTempDirectory(root, "sources");
    List<byte[]> contents = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] content = randomBytes(HashingFileWriter.CHUNKS_IN_FLIGHT * CHUNK + 1000 * i, 100 + i);
      contents.add(content);
      files.add(Files.write(sources.resolve("f" + i), content));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 3; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BlobInfo>> puts = new ArrayList<>();
        for (Path file : files) {
          puts.add(pool.submit(() -> {
            start.await();
            return blobs.put(file);
          }));
        }
        start.countDown();
        for (int i = 0; i < 8; i++) {
          assertThat(puts.get(i).get().digest()).isEqualTo(Digest.sha256(contents.get(i)));
        }
        storedBlobs().forEach(b -> blobs.delete(b.digest())); // every round writes every blob anew
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < 8; i++) {
      assertThat(readAll(blobs.put(files.get(i)).digest())).isEqualTo(contents.get(i));
    }
    assertThat(tempFiles()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 2 * CHUNK})
  void puttingStoredContentAgainRefreshesItsWriteTime(int size) throws IOException {
    byte[] content = randomBytes(size, 19);
    BlobInfo first = blobs.put(new ByteArrayInputStream(content));
    Instant later = T0.plus(Duration.ofDays(3));
    clock.set(later);

    BlobInfo second = blobs.put(new ByteArrayInputStream(content));

    assertThat(first.lastWritten()).isEqualTo(T0);
    assertThat(second).isEqualTo(new BlobInfo(first.digest(), size, later));
    assertThat(blobs.stat(first.digest())).contains(second);
    assertThat(readAll(first.digest())).isEqualTo(content);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void aDeletedBlobCanBeStoredAgain() {
    byte[] content = randomBytes(CHUNK + 1, 23);
    BlobInfo info = blobs.put(new ByteArrayInputStream(content));

    assertThat(blobs.delete(info.digest())).isTrue();
    assertThat(blobs.delete(info.digest())).isFalse();
    assertThat(blobs.contains(info.digest())).isFalse();
    assertThat(blobs.put(new ByteArrayInputStream(content))).isEqualTo(info);
    assertThat(storedBlobs()).containsExactly(info);
  }

  @Test
  void readmeSnippetStoresAFileAndReadsItBackVerified() throws IOException {
    Path modelFile = root.resolve("model.bin");
    Files.write(modelFile, randomBytes(3 * CHUNK, 37));
    Path storeDir = root.resolve("readme-store");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // README: blobs
    try (Storage storage = FileStorage.open(storeDir);
        InputStream in = Files.newInputStream(modelFile)) {
      BlobInfo info = storage.blobs().put(in); // hashed while written, fsynced, renamed into place
      try (InputStream blob = storage.blobs().open(info.digest())) {
        blob.transferTo(out); // a blob whose bytes changed throws CorruptedDataException at the end
      }
    }
    // README: end

    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(modelFile));
  }

  @Test
  void anEmptyStoreListsNoBlobs() {
    assertThat(storedBlobs()).isEmpty();
  }

  /**
   * The hashing writer on its own, flushing behind every few chunks so the flush paths run, with helpers
   * that run its background steps, with helpers that never do (every pool thread busy: the writer must
   * hash and flush on its own thread rather than wait), and with helpers that refuse work.
   */
  @Nested
  class FlushingHashingWriter {
    private final CountingExecutor pool = new CountingExecutor(WorkerPool.sharedIo().executor());

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK, 3 * CHUNK + 1, 40 * CHUNK + 17})
    void writesEverySubmittedByteInOrderFromHeapChunks(int size) throws IOException {
      for (Executor helpers : helpers()) {
        writesEverySubmittedByteInOrder(size, file -> new HashingFileWriter(file, CHUNK, 2L * CHUNK, helpers));
      }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK, 3 * CHUNK + 1, 40 * CHUNK + 17})
    void writesEverySubmittedByteInOrderFromDirectChunks(int size) throws IOException {
      for (Executor helpers : helpers()) {
        DirectChunkPool chunks = new DirectChunkPool(CHUNK, 100);
        writesEverySubmittedByteInOrder(size, file -> new HashingFileWriter(file, chunks, 2L * CHUNK, helpers));

        int used = Math.max(1, Math.min(HashingFileWriter.CHUNKS_IN_FLIGHT, (size + CHUNK) / CHUNK));
        assertThat(chunks.idle()).as("chunks given back").isBetween(1, used);
      }
    }

    private List<Executor> helpers() {
      return List.of(pool, task -> { }, task -> {
        throw new RejectedExecutionException("saturated");
      });
    }

    private void writesEverySubmittedByteInOrder(int size, Function<Path, HashingFileWriter> writers)
        throws IOException {
      byte[] content = randomBytes(size, 29);
      Path file = root.resolve("buffered.bin");
      Files.deleteIfExists(file);
      Digest digest;
      try (HashingFileWriter out = writers.apply(file)) {
        int off = 0;
        do {
          ByteBuffer chunk = out.buffer();
          int n = Math.min(chunk.remaining(), size - off);
          chunk.put(content, off, n);
          off += n;
          out.submit(chunk.flip());
          if (n < CHUNK) {
            break;
          }
        } while (true);
        digest = out.digest();
        assertThat(out.size()).isEqualTo(size);
        out.finish();
      }

      assertThat(Files.readAllBytes(file)).isEqualTo(content);
      assertThat(digest).isEqualTo(Digest.sha256(content));
      assertThat(pool.running()).as("background steps still running").isZero();
    }

    @Test
    void submittingAfterTheDigestIsRefused() throws IOException {
      try (HashingFileWriter out = new HashingFileWriter(root.resolve("ended.bin"), CHUNK, CHUNK, pool)) {
        out.submit(out.buffer().position(CHUNK).flip());
        out.submit(out.buffer().position(1).flip());
        out.digest();
        ByteBuffer more = out.buffer().position(1).flip();

        assertThatThrownBy(() -> out.submit(more)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("after digest()");
      }
      assertThat(pool.running()).isZero();
    }

    @Test
    void closingAfterTheDigestWithoutFinishingStopsTheHasher() throws IOException {
      byte[] content = randomBytes(30 * CHUNK, 31);
      Path file = root.resolve("unwanted.bin");
      DirectChunkPool chunks = new DirectChunkPool(CHUNK, 100);
      try (HashingFileWriter out = new HashingFileWriter(file, chunks, CHUNK, pool)) {
        for (int off = 0; off < content.length; off += CHUNK) {
          out.submit(out.buffer().put(content, off, CHUNK).flip());
        }

        assertThat(out.digest()).isEqualTo(Digest.sha256(content));
      }

      assertThat(pool.running()).isZero();
      assertThat(Files.size(file)).isLessThanOrEqualTo(content.length);
      assertThat(chunks.idle()).as("chunks given back").isBetween(1, HashingFileWriter.CHUNKS_IN_FLIGHT);
    }

    @Test
    void closingWithoutFinishingStopsTheHashing() throws IOException {
      Path file = root.resolve("abandoned.bin");
      try (HashingFileWriter out = new HashingFileWriter(file, CHUNK, CHUNK, pool)) {
        for (int i = 0; i < 5; i++) {
          out.submit(out.buffer().position(CHUNK).flip());
        }
      }

      assertThat(pool.running()).isZero();
      assertThat(Files.size(file)).isLessThanOrEqualTo(5L * CHUNK);
    }
  }

  /** Hands tasks to another executor and counts those still running. */
  private static final class CountingExecutor implements Executor {
    private final Executor target;
    private final AtomicInteger running = new AtomicInteger();

    CountingExecutor(Executor target) {
      this.target = target;
    }

    @Override
    public void execute(Runnable task) {
      running.incrementAndGet();
      try {
        target.execute(() -> {
          try {
            task.run();
          } finally {
            running.decrementAndGet();
          }
        });
      } catch (RuntimeException e) {
        running.decrementAndGet();
        throw e;
      }
    }

    /**
     * Tasks handed over and not yet ended, once the pool has had up to 30 s to run the queued ones: a task
     * whose step its writer claimed may still wait in the queue, and ends at once when it runs; a step still
     * working on a closed writer would not end.
     */
    int running() {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (running.get() != 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        Thread.yield();
      }
      return running.get();
    }
  }

  private byte[] readAll(Digest digest) throws IOException {
    try (InputStream in = blobs.open(digest)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[10_000]; // not a divisor of the chunk size, so reads straddle chunks
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  private List<BlobInfo> storedBlobs() {
    List<BlobInfo> out = new ArrayList<>();
    blobs.forEach(out::add);
    return out;
  }

  private List<Path> tempFiles() {
    try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private static String sha256Hex(byte[] content) {
    MessageDigest md = Digest.newSha256();
    StringBuilder hex = new StringBuilder();
    for (byte b : md.digest(content)) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(p);
      }
    }
  }

  

  /** Counts the bytes read and whether it was closed. */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    long bytesRead;
    boolean closed;

    CountingStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        bytesRead++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        bytesRead += n;
      }
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Yields some bytes, then fails with a given exception. */
  private static final class FailingStream extends InputStream {
    private final ByteArrayInputStream good;
    private final Exception failure;

    FailingStream(byte[] good, Exception failure) {
      this.good = new ByteArrayInputStream(good);
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = good.read(b, off, len);
      if (n > 0) {
        return n;
      }
      if (failure instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) failure;
    }
  }
}
