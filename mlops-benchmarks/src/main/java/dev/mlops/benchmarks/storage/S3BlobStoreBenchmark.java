package dev.mlops.benchmarks.storage;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.storage.s3.S3BlobStoreProvider;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.testservers.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The S3 blob store against S3Proxy (file-system backend) on loopback, as ratios to plain AWS SDK calls on
 * the same server in the same run:
 *
 * <ul>
 *   <li>{@code largePublish} vs {@code largePlainPut}: storing a large file not yet stored (1 GiB by default:
 *       hashed, then sent in one {@code PutObject} straight to its key and hashed again on the way; its blob
 *       is deleted before each invocation, so every one uploads) against one plain {@code putObject} of the
 *       file by an SDK client with its defaults (target: plain time / publish time >= 0.8);</li>
 *   <li>{@code largeVerifiedRead} vs {@code largePlainGet}: reading it back verified against a plain
 *       {@code getObject} read to the end (target >= 0.8);</li>
 *   <li>{@code smallBlobsConcurrent} vs {@code smallPlainPutsSequential}: 10,000 blobs of 4 KiB stored from
 *       8 threads against a loop of plain {@code putObject} calls (target: >= 3x faster).</li>
 * </ul>
 * S3Proxy runs in the benchmark's JVM (its own class loader), so server and client share the machine's
 * cores. Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar S3BlobStoreBenchmark}; a smaller
 * file with {@code -p bytes=268435456}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class S3BlobStoreBenchmark {
  private static final String BUCKET = "mlops-test";

  /** The server, a store on it and a plain SDK client to the same bucket. */
  @State(Scope.Benchmark)
  public static class Server {
    S3ProxyServer server;
    S3BlobStore store;
    S3Client plain;

    @Setup
    public void start() {
      server = S3ProxyServer.start(BUCKET);
      store = (S3BlobStore) new S3BlobStoreProvider().open(StorageLocation.parse(server.uri(BUCKET + "/bench")));
      plain = S3Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
          .forcePathStyle(true).build();
    }

    @TearDown
    public void stop() {
      plain.close();
      store.close();
      server.close();
    }
  }

  /** A large file of random bytes, stored once so reads have something to read. */
  @State(Scope.Benchmark)
  public static class LargeFile {
    /** The size of the file in bytes (1 GiB by default). */
    @Param("1073741824")
    public long bytes;

    Path dir;
    Path file;
    Digest digest;

    @Setup
    public void write(Server s) {
      dir = ScratchFiles.scratchDirectory("s3-large");
      file = dir.resolve("large.bin");
      ScratchFiles.writeRandomFile(file, bytes, 7);
      digest = s.store.put(file).digest();
      s.plain.putObject(r -> r.bucket(BUCKET).key("plain/large.bin"), RequestBody.fromFile(file));
    }

    @TearDown
    public void delete() throws IOException {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /**
   * Removes the large file's blob before each publish, so every publish uploads it (as a new file would be)
   * instead of finding it stored and only refreshing it.
   */
  @State(Scope.Benchmark)
  public static class Unpublished {
    @Setup(Level.Invocation)
    public void remove(Server s, LargeFile f) {
      s.store.delete(f.digest);
    }
  }

  /** 10,000 distinct blobs of 4 KiB. */
  @State(Scope.Benchmark)
  public static class SmallBlobs {
    /** How many blobs. */
    @Param("10000")
    public int count;

    /** Threads storing them at once. */
    @Param("8")
    public int threads;

    List<byte[]> blobs;
    ExecutorService pool;

    @Setup
    public void make() {
      SplittableRandom random = new SplittableRandom(11);
      blobs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] b = new byte[4096];
        for (int j = 0; j < b.length; j += 8) {
          long v = random.nextLong();
          for (int k = 0; k < 8; k++) {
            b[j + k] = (byte) (v >>> (8 * k));
          }
        }
        blobs.add(b);
      }
      pool = Executors.newFixedThreadPool(threads);
    }

    @TearDown
    public void stop() {
      pool.shutdownNow();
    }
  }

  @Benchmark
  public BlobInfo largePublish(Server s, LargeFile f, Unpublished u) {
    return s.store.put(f.file);
  }

  @Benchmark
  public Object largePlainPut(Server s, LargeFile f) {
    return s.plain.putObject(r -> r.bucket(BUCKET).key("plain/large.bin"), RequestBody.fromFile(f.file));
  }

  @Benchmark
  public long largeVerifiedRead(Server s, LargeFile f) {
    return drain(s.store.open(f.digest));
  }

  @Benchmark
  public long largePlainGet(Server s, LargeFile f) {
    ResponseInputStream<GetObjectResponse> in = s.plain.getObject(r -> r.bucket(BUCKET).key("plain/large.bin"));
    return drain(in);
  }

  @Benchmark
  public long smallBlobsConcurrent(Server s, SmallBlobs b) throws Exception {
    int per = (b.count + b.threads - 1) / b.threads;
    List<Future<Long>> parts = new ArrayList<>();
    for (int t = 0; t < b.threads; t++) {
      int from = t * per;
      int to = Math.min(b.count, from + per);
      parts.add(b.pool.submit(() -> {
        long stored = 0;
        for (int i = from; i < to; i++) {
          stored += s.store.put(new ByteArrayInputStream(b.blobs.get(i))).size();
        }
        return stored;
      }));
    }
    long total = 0;
    for (Future<Long> f : parts) {
      total += f.get();
    }
    return total;
  }

  @Benchmark
  public long smallPlainPutsSequential(Server s, SmallBlobs b) {
    long total = 0;
    for (int i = 0; i < b.count; i++) {
      byte[] blob = b.blobs.get(i);
      s.plain.putObject(r -> r.bucket(BUCKET).key("plain/small/" + Digest.sha256(blob).hex()),
          RequestBody.fromBytes(blob));
      total += blob.length;
    }
    return total;
  }

  private static long drain(InputStream in) {
    byte[] buffer = new byte[1 << 16];
    long n = 0;
    try (in) {
      for (int r; (r = in.read(buffer)) >= 0; ) {
        n += r;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }
}
