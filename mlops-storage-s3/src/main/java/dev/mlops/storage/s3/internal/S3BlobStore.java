package dev.mlops.storage.s3.internal;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.hash.VerifyingInputStream;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.work.WorkerPool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A {@link BlobStore} in an S3 bucket, under a key prefix.
 *
 * <p><b>Keys.</b> A blob lives at {@code <prefix>/blobs/sha256/<64 hex digits>}; uploads in progress at
 * {@code <prefix>/staging/<random UUID>}. Both are made from hex digits and UUIDs only, so no key can leave
 * the prefix. Objects of other shapes under the prefix are ignored.
 *
 * <p><b>Writing.</b> A key names the digest, which is known only once every byte is read, so:
 * <ul>
 *   <li>a blob of at most {@code partSize} bytes is read into memory, hashed, and sent in one
 *       {@code PutObject} to its final key with its SHA-256 as the {@code x-amz-checksum-sha256} header,
 *       so the server refuses bytes damaged on the way. A put is atomic: the key holds the whole blob or
 *       nothing. The body goes as it is, with its length, not in the SDK's aws-chunked framing, which
 *       signs each chunk apart and costs CPU and buffers per request; the signed
 *       checksum header binds the bytes already;</li>
 *   <li>a <em>file</em> larger than that, up to {@code singlePutSize} (5 GiB, S3's largest single request,
 *       by default), is read twice ({@link #put(Path)}): first to hash it, then to send it in one
 *       {@code PutObject} straight to its final key. The second read is hashed again by
 *       {@link HashCheckedFileStream}, which hands the SDK the last bytes only once they prove to hash to the
 *       key's digest, so a file changed in between is refused ("changed while it was stored") and a request
 *       cut short stores nothing. The request carries a CRC32 trailer, as a plain SDK upload does, so the
 *       server refuses bytes damaged on the way; not the SHA-256, which the server would hash once more (see
 *       below), while the client has already proved it. If the key already holds
 *       the blob (one {@code HeadObject}), nothing is sent: the object is copied onto itself with new
 *       metadata, which refreshes its {@code Last-Modified} time;</li>
 *   <li>any other large blob (a stream, or a file past {@code singlePutSize}) is streamed as a multipart
 *       upload to a staging key, hashed as it is read, with up to {@code uploadThreads} parts in flight, each
 *       sent whole from memory, as a small blob is, with its own SHA-256 checksum. Once complete, the
 *       staging object is copied on the server to the final key (a single copy up to 5 GiB, a multipart copy
 *       beyond) and deleted. The copy is atomic too, so the final key never shows a partial blob.</li>
 * </ul>
 * Why files go up in one request rather than in parallel parts (measured with {@code S3BlobStoreBenchmark}
 * against S3Proxy's file-system backend on loopback, a 1 GiB file of random bytes, as ratios to one plain
 * SDK {@code putObject} of the same file in the same run, on a shared 2-core machine under heavy load):
 * staging plus copy reached 0.39 (46.2 s against 18.1 s, load average 10 to 18), since S3Proxy writes every
 * byte twice more, once when it completes the multipart upload (it concatenates the parts into a new file)
 * and once for the copy; a multipart upload straight to the final key would still write twice. Hashing
 * first and sending one request writes each byte once, as the plain upload does, and pays instead one more
 * read of the file (from the page cache) and SHA-256 passes (0.78 s of CPU per GiB each here, with the SHA
 * extensions; a CRC32 costs 0.02 s). With the SHA-256 sent as {@code x-amz-checksum-sha256} it took three
 * (before sending, while sending, and S3Proxy checking the header): 7.5 s of process CPU (server and client
 * share the JVM) against 5.3 s for the plain upload, a CPU ratio of 0.70, and wall-clock ratios of 0.69
 * (40.9 s against 28.4 s, load 23 to 26) and 1.13 (22.6 s against 25.4 s while the load fell from 28 to 12).
 * The plain upload hashes each byte once too, to sign its chunks over plain HTTP. Leaving the server's pass
 * out (a CRC32 trailer instead) is what brings the CPU cost within 0.8: 6.5 s against 5.2 s (0.79, load 17 to
 * 20), and in wall time 1.10 (15.7 s against 17.2 s, load 14 to 16). On AWS, where a copy does not pass through the
 * client and parallel parts raise throughput, a lower {@code singlePutSize} sends large files through
 * staging instead.
 *
 * <p><b>Failures.</b> Every request is tried up to {@code maxAttempts} times by the SDK's standard retry
 * strategy, with exponential backoff and full jitter (waits up to 100 ms doubling to 5 s; up to 500 ms
 * doubling to 20 s after throttling) on 500, 503, throttling errors and dropped or refused connections, without the SDK's retry
 * quota, so a long outage is retried as fully as a short one. After the last attempt the operation fails with
 * a {@link StorageException} naming the bucket and what was being done. A read that loses its connection
 * resumes where it stopped, with a ranged request that must match the object's ETag.
 *
 * <p><b>Reading.</b> Reads are verified: a blob of up to 1 MiB by {@link VerifyingInputStream}, a larger
 * one by {@link HashAheadVerifyingStream}, which hashes on a {@code mlops-s3-verify-N} thread while the
 * reader goes on downloading, and reports the end only once the digest matches. The SDK's own checksums are
 * requested only where S3 requires them, since the SHA-256 we check covers the bytes end to end. A verified
 * read of the 1 GiB blob costs 2.1 s of process CPU against 1.2 s for a plain {@code getObject} read (a CPU
 * ratio of 0.56 to 0.58; SHA-256 is 0.78 s of the difference, since the plain read checks only a CRC32); in wall time
 * it reached 0.54 hashed on the reading thread (8.1 s against 4.4 s, load about 25) and 0.46 to 0.52 hashed
 * ahead (5.4 s against 2.5 s at load 12 to 28; 2.6 s against 1.35 s at load 10). On a machine whose cores
 * are all busy the hash cannot overlap with anything, so the CPU ratio bounds the read below 0.8 there.
 *
 * <p><b>Threads.</b> Each store owns an Apache HttpClient 5 connection pool and a pool of daemon threads named
 * {@code mlops-s3-upload-N} (started when a large blob is first stored, ended after 30 idle seconds) that send
 * parts, and two such threads named {@code mlops-s3-verify-N} that hash large reads; {@link #close()} releases
 * them all. Thread-safe.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  /** S3 allows at most this many parts in one upload. */
  private static final int MAX_PARTS = 10_000;
  /**
   * The first buffer of a put from a stream that does not say how much it holds; it grows (doubling) up to
   * the part size.
   */
  private static final int FIRST_BUFFER = 64 << 10;
  /** The smallest first buffer, for a stream that says it holds little. */
  private static final int SMALLEST_FIRST_BUFFER = 8 << 10;
  /** Threads that hash large reads, for all the reads of a store. */
  private static final int VERIFY_THREADS = 2;
  /** The buffer that hashes a file before it is sent. */
  private static final int FILE_BUFFER = 1 << 20;

  private final SdkHttpClient http;
  private final S3Client client;
  /** The same connections, for bodies held in memory: sent whole, without aws-chunked framing. */
  private final S3Client inMemory;
  private final S3Settings settings;
  private final String blobPrefix;
  private final String stagingPrefix;
  private final WorkerPool uploads;
  private final WorkerPool verifiers;

  private S3BlobStore(SdkHttpClient http, S3Client client, S3Client inMemory, S3Settings settings) {
    this.http = http;
    this.client = client;
    this.inMemory = inMemory;
    this.settings = settings;
    this.blobPrefix = settings.root() + "blobs/sha256/";
    this.stagingPrefix = settings.root() + "staging/";
    this.uploads = WorkerPool.create("mlops-s3-upload", settings.uploadThreads() + 1);
    this.verifiers = WorkerPool.create("mlops-s3-verify", VERIFY_THREADS + 1);
  }

  /**
   * Builds the client and checks that the bucket exists.
   *
   * @param settings the parsed URI
   * @return the open store
   * @throws ConfigurationException if the region cannot be found or the bucket does not exist
   * @throws StorageException if the server cannot be reached or refuses access
   */
  public static S3BlobStore open(S3Settings settings) {
    SdkHttpClient http = Apache5HttpClient.builder()
        .maxConnections(settings.maxConnections())
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(Duration.ofSeconds(60))
        .build();
    S3Client client = null;
    S3Client inMemory;
    try {
      client = newClient(settings, http, true);
      inMemory = newClient(settings, http, false);
    } catch (RuntimeException e) {
      if (client != null) {
        client.close();
      }
      http.close();
      throw e;
    }
    S3BlobStore store = new S3BlobStore(http, client, inMemory, settings);
    try {
      client.headBucket(b -> b.bucket(settings.bucket()));
      return store;
    } catch (NoSuchBucketException e) {
      store.close();
      throw new ConfigurationException("bucket '" + settings.bucket() + "' of " + settings.where()
          + " does not exist; create it first (mlops never creates buckets)", e);
    } catch (S3Exception e) {
      store.close();
      if (e.statusCode() == 404) {
        throw new ConfigurationException("bucket '" + settings.bucket() + "' of " + settings.where()
            + " does not exist; create it first (mlops never creates buckets)", e);
      }
      throw store.failure("opening", "the bucket", e);
    } catch (SdkException e) {
      store.close();
      throw store.failure("opening", "the bucket", e);
    }
  }

  /**
   * A client on the shared connection pool. {@code chunked} keeps the SDK's aws-chunked request bodies, which
   * a streamed file needs for its CRC32 trailer; without it a body goes as it is, with its length, which is
   * cheaper for a body already in memory whose SHA-256 is sent in {@code x-amz-checksum-sha256}.
   */
  private static S3Client newClient(S3Settings settings, SdkHttpClient http, boolean chunked) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(http)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(chunked).build())
        .forcePathStyle(settings.pathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(settings.maxAttempts())
            .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(5)))
            .throttlingBackoffStrategy(
                BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(20)))
            .circuitBreakerEnabled(false)
            .build()));
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    }
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    try {
      return builder.build();
    } catch (SdkException e) {
      throw new ConfigurationException("cannot set up the S3 client for " + settings.where() + ": "
          + e.getMessage() + " (give the region with ?region=...)", e);
    }
  }

  /** @return the settings this store was opened with */
  public S3Settings settings() {
    return settings;
  }

  /** @return the SDK client, for tests and tools that look at the bucket directly */
  public S3Client client() {
    return client;
  }

  /**
   * Returns the key of a blob.
   *
   * @param digest the blob's digest
   * @return {@code <prefix>/blobs/sha256/<hex>}
   */
  public String keyOf(Digest digest) {
    return blobPrefix + digest.hex();
  }

  // ---------------------------------------------------------------------------------------------- writes

  @Override
  public BlobInfo put(InputStream content) {
    byte[] first;
    int n = 0;
    try {
      first = new byte[firstBuffer(content.available())];
      while (true) {
        if (n == first.length) {
          if (first.length == settings.partSize()) {
            int probe = content.read();
            if (probe < 0) {
              break;
            }
            return putMultipart(first, n, (byte) probe, content);
          }
          first = Arrays.copyOf(first, (int) Math.min(2L * first.length, settings.partSize()));
        }
        int r = content.read(first, n, first.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException e) {
      throw new StorageException("reading the input of a blob for " + settings.where() + " failed; nothing was"
          + " stored: " + e, e);
    }
    return putWhole(first, n);
  }

  /**
   * The size of a put's first buffer: one byte more than the input says it holds, so that a stream that
   * tells the truth (a byte array, a file) is read whole without growing the buffer and its end is seen at
   * once; at least {@link #SMALLEST_FIRST_BUFFER}, at most a part. The figure is only a hint: the buffer
   * still grows if more comes.
   */
  private int firstBuffer(int available) {
    long size = available > 0 ? Math.max(available + 1L, SMALLEST_FIRST_BUFFER) : FIRST_BUFFER;
    return (int) Math.min(size, settings.partSize());
  }

  private BlobInfo putWhole(byte[] bytes, int n) {
    MessageDigest sha = Digest.newSha256();
    sha.update(bytes, 0, n);
    byte[] hash = sha.digest();
    Digest digest = Digest.ofBytes(hash);
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(settings.bucket()).key(keyOf(digest))
        .contentLength((long) n).checksumSHA256(base64(hash));
    settings.encryption().ifPresent(sse -> request.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
    if (settings.kmsKeyId() != null) {
      request.ssekmsKeyId(settings.kmsKeyId());
    }
    Instant written = now();
    try {
      inMemory.putObject(request.build(), RequestBody.fromContentProvider(
          () -> new ByteArrayInputStream(bytes, 0, n), n, "application/octet-stream"));
    } catch (SdkException e) {
      throw failure("storing", "blob " + digest + " (" + n + " bytes); nothing was stored", e);
    }
    return new BlobInfo(digest, n, written);
  }

  /**
   * Stores a file. A file larger than {@code partSize} and at most {@code singlePutSize} is read twice: first
   * to hash it, then to send it in one {@code PutObject} straight to its final key (or, if that key already
   * holds the blob, to refresh it with a copy onto itself); the second read is hashed again and the last
   * bytes are sent only once they prove to hash to the same digest, so a file changed in between is never
   * stored under the wrong digest. Other files are stored as streams.
   */
  @Override
  public BlobInfo put(Path file) {
    BlobStore.requireRegularFile(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size <= settings.partSize() || size > settings.singlePutSize()) {
        return put(Channels.newInputStream(channel));
      }
      return putFile(file, channel);
    } catch (IOException e) {
      throw new StorageException("storing " + file + " as a blob in " + settings.where() + " failed; nothing was"
          + " stored: " + e, e);
    }
  }

  private BlobInfo putFile(Path file, FileChannel channel) throws IOException {
    MessageDigest sha = Digest.newSha256();
    ByteBuffer buffer = ByteBuffer.allocate(FILE_BUFFER);
    long size = 0;
    for (int r; (r = channel.read(buffer, size)) >= 0; ) {
      sha.update(buffer.array(), 0, r);
      size += r;
      buffer.clear();
      if (size > settings.singlePutSize()) {
        // the file grew past the single request while it was hashed: send it as a stream instead
        return put(Channels.newInputStream(channel.position(0)));
      }
    }
    byte[] hash = sha.digest();
    Digest digest = Digest.ofBytes(hash);
    String key = keyOf(digest);
    Instant written = now();
    Optional<HeadObjectResponse> existing = head(key);
    if (existing.isPresent() && existing.get().contentLength() == size && refreshed(key, digest, size)) {
      return new BlobInfo(digest, size, written);
    }
    // a CRC32 trailer, as a plain SDK upload sends, not the SHA-256: the stream below proves the digest
    // before the last bytes go, and a server checking x-amz-checksum-sha256 would hash every byte once more
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(settings.bucket()).key(key)
        .contentLength(size).checksumAlgorithm(ChecksumAlgorithm.CRC32);
    settings.encryption().ifPresent(sse -> request.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
    if (settings.kmsKeyId() != null) {
      request.ssekmsKeyId(settings.kmsKeyId());
    }
    long length = size;
    AtomicReference<@Nullable String> changed = new AtomicReference<>();
    try {
      client.putObject(request.build(), RequestBody.fromContentProvider(() -> {
        String change = changed.get();
        if (change != null) {
          // the file changed under a previous attempt: stop the SDK's retries, they cannot cure it
          throw new HashCheckedFileStream.FileChangedException(change);
        }
        return new HashCheckedFileStream(channel, length, hash, changed);
      }, size, "application/octet-stream"));
    } catch (HashCheckedFileStream.FileChangedException | SdkException e) {
      String change = changed.get();
      if (change != null) {
        throw new StorageException("storing " + file + " as a blob in " + settings.where() + " failed: the file"
            + " changed while it was stored (" + change + "); nothing was stored", e);
      }
      throw failure("storing", "blob " + digest + " (" + size + " bytes) from " + file + "; nothing was stored",
          (SdkException) e);
    }
    return new BlobInfo(digest, size, written);
  }

  /**
   * Moves a stored blob's {@code Last-Modified} time forward, as storing it again would, with a copy of the
   * object onto itself (new metadata, so the server accepts the copy).
   *
   * @return false if the object was deleted in the meantime (by garbage collection), so it must be sent
   */
  private boolean refreshed(String key, Digest digest, long size) {
    CopyObjectRequest.Builder request = CopyObjectRequest.builder().sourceBucket(settings.bucket()).sourceKey(key)
        .destinationBucket(settings.bucket()).destinationKey(key).metadataDirective(MetadataDirective.REPLACE)
        .contentType("application/octet-stream");
    settings.encryption().ifPresent(sse -> request.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
    if (settings.kmsKeyId() != null) {
      request.ssekmsKeyId(settings.kmsKeyId());
    }
    try {
      client.copyObject(request.build());
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw failure("refreshing", "blob " + digest + " (" + size + " bytes), already stored; it was left as it"
          + " was", e);
    } catch (SdkException e) {
      throw failure("refreshing", "blob " + digest + " (" + size + " bytes), already stored; it was left as it"
          + " was", e);
    }
  }

  /**
   * The time a write begins, by this machine's clock, cut to whole seconds as S3's {@code Last-Modified}
   * is: so it is not after the time the server then records (on a clock in step with ours), and a stat
   * saves no extra request per put.
   */
  private static Instant now() {
    return Instant.ofEpochSecond(Instant.now().getEpochSecond());
  }

  private BlobInfo putMultipart(byte[] first, int firstLength, byte next, InputStream rest) {
    String staging = stagingPrefix + UUID.randomUUID();
    CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
        .bucket(settings.bucket()).key(staging).checksumAlgorithm(ChecksumAlgorithm.SHA256)
        .contentType("application/octet-stream");
    settings.encryption().ifPresent(sse -> create.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
    if (settings.kmsKeyId() != null) {
      create.ssekmsKeyId(settings.kmsKeyId());
    }
    String uploadId;
    try {
      uploadId = client.createMultipartUpload(create.build()).uploadId();
    } catch (SdkException e) {
      throw failure("starting the upload of", "a blob; nothing was stored", e);
    }
    PartSender sender = new PartSender(staging, uploadId);
    boolean completed = false;
    try {
      MessageDigest whole = Digest.newSha256();
      whole.update(first, 0, firstLength);
      sender.send(first, firstLength);
      long size = firstLength;
      byte[] buffer = sender.buffer();
      buffer[0] = next;
      int n = 1;
      while (true) {
        int r = n < buffer.length ? readInto(rest, buffer, n) : 0;
        if (r > 0) {
          n += r;
          continue;
        }
        // the buffer is full (r == 0) or the input ended (r < 0)
        if (n > 0) {
          whole.update(buffer, 0, n);
          size += n;
          sender.send(buffer, n);
        } else {
          sender.recycle(buffer);
        }
        if (r < 0) {
          break;
        }
        buffer = sender.buffer();
        n = 0;
      }
      List<CompletedPart> parts = sender.finish();
      Digest digest = Digest.finish(whole);
      complete(staging, uploadId, parts, digest, size);
      completed = true;
      Instant written = now();
      copy(staging, keyOf(digest), size, digest);
      deleteQuietly(staging);
      return new BlobInfo(digest, size, written);
    } catch (RuntimeException | Error e) {
      sender.abandon();
      if (!completed) {
        abortQuietly(staging, uploadId);
      } else {
        deleteQuietly(staging);
      }
      throw e;
    }
  }

  /** Reads once into a buffer; -1 at the end of input. */
  private int readInto(InputStream in, byte[] buffer, int offset) {
    try {
      int r = in.read(buffer, offset, buffer.length - offset);
      if (r == 0) {
        int b = in.read();
        if (b < 0) {
          return -1;
        }
        buffer[offset] = (byte) b;
        return 1;
      }
      return r < 0 ? -1 : r;
    } catch (IOException e) {
      throw new StorageException("reading the input of a blob for " + settings.where() + " failed; nothing was"
          + " stored: " + e, e);
    }
  }

  /**
   * Sends the parts of one upload on the upload threads, at most {@code uploadThreads} at once, each from a
   * buffer of its own; buffers come back for reuse once their part is sent. Used by one reading thread.
   */
  private final class PartSender {
    private final String key;
    private final String uploadId;
    private final Semaphore inFlight = new Semaphore(settings.uploadThreads());
    /** Buffers free for the next part; at most uploadThreads + 1 ever exist. */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(settings.uploadThreads() + 1);
    /** Sent parts by number; written by the upload threads. */
    private final Map<Integer, CompletedPart> parts = new ConcurrentHashMap<>();
    private int count;
    private final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
    private final Executor executor = uploads.executor();
    private int created;

    PartSender(String key, String uploadId) {
      this.key = key;
      this.uploadId = uploadId;
    }

    /** A free buffer of a full part; waits while all are in flight. */
    byte[] buffer() {
      byte[] b = free.poll();
      if (b != null) {
        return b;
      }
      if (created <= settings.uploadThreads()) {
        created++;
        return new byte[(int) settings.partSize()];
      }
      try {
        return free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while storing a blob in " + settings.where()
            + "; nothing was stored", e);
      }
    }

    void recycle(byte[] buffer) {
      if (buffer.length == settings.partSize()) {
        free.offer(buffer);
      }
    }

    /** Sends the first {@code n} bytes of a buffer as the next part; the buffer is not to be touched after. */
    void send(byte[] buffer, int n) {
      RuntimeException failed = failure.get();
      if (failed != null) {
        throw failed;
      }
      if (count == MAX_PARTS) {
        throw new StorageException("a blob for " + settings.where() + " needs more than " + MAX_PARTS + " parts"
            + " of " + settings.partSize() + " bytes; raise the URI option partSize; nothing was stored");
      }
      int number = ++count;
      acquire();
      try {
        executor.execute(() -> {
          try {
            if (failure.get() == null) {
              parts.put(number, sendPart(number, buffer, n));
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } finally {
            recycle(buffer);
            inFlight.release();
          }
        });
      } catch (RuntimeException e) {
        inFlight.release();
        throw new StorageException("cannot start sending a part to " + settings.where() + ": " + e, e);
      }
    }

    private CompletedPart sendPart(int number, byte[] buffer, int n) {
      MessageDigest sha = Digest.newSha256();
      sha.update(buffer, 0, n);
      String checksum = base64(sha.digest());
      try {
        UploadPartResponse response = inMemory.uploadPart(r -> r.bucket(settings.bucket()).key(key)
            .uploadId(uploadId).partNumber(number).contentLength((long) n).checksumSHA256(checksum),
            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, n), n,
                "application/octet-stream"));
        return CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumSHA256(checksum).build();
      } catch (SdkException e) {
        throw failure("sending part " + number + " of", "a blob; nothing was stored", e);
      }
    }

    private void acquire() {
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while storing a blob in " + settings.where()
            + "; nothing was stored", e);
      }
    }

    /** Waits for every part; returns them in order, or throws the first failure. */
    List<CompletedPart> finish() {
      int permits = settings.uploadThreads();
      inFlight.acquireUninterruptibly(permits);
      inFlight.release(permits);
      RuntimeException failed = failure.get();
      if (failed != null) {
        throw failed;
      }
      List<CompletedPart> done = new ArrayList<>(count);
      for (int number = 1; number <= count; number++) {
        done.add(Objects.requireNonNull(parts.get(number), "part"));
      }
      return done;
    }

    /** Stops sending: parts not yet started are skipped; waits for those in flight. */
    void abandon() {
      failure.compareAndSet(null, new StorageException("the upload was abandoned"));
      int permits = settings.uploadThreads();
      inFlight.acquireUninterruptibly(permits);
      inFlight.release(permits);
    }
  }

  private void complete(String staging, String uploadId, List<CompletedPart> parts, Digest digest, long size) {
    try {
      client.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(staging).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (NoSuchUploadException e) {
      // a retry after a completion whose answer was lost: the object is there if the first try worked
      Optional<HeadObjectResponse> head = head(staging);
      if (head.isEmpty() || head.get().contentLength() != size) {
        throw failure("completing the upload of", "blob " + digest + "; nothing was stored", e);
      }
    } catch (SdkException e) {
      throw failure("completing the upload of", "blob " + digest + "; nothing was stored", e);
    }
  }

  /** Copies the complete staging object to the blob's key, in one request or, past 5 GiB, in parts. */
  private void copy(String staging, String target, long size, Digest digest) {
    String what = "blob " + digest + " (" + size + " bytes) from its staging object; nothing was stored";
    try {
      if (size <= settings.copyPartSize()) {
        CopyObjectRequest.Builder request = CopyObjectRequest.builder().sourceBucket(settings.bucket())
            .sourceKey(staging).destinationBucket(settings.bucket()).destinationKey(target);
        settings.encryption().ifPresent(sse -> request.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
        if (settings.kmsKeyId() != null) {
          request.ssekmsKeyId(settings.kmsKeyId());
        }
        client.copyObject(request.build());
        return;
      }
      copyInParts(staging, target, size, what);
    } catch (SdkException e) {
      throw failure("copying", what, e);
    }
  }

  private void copyInParts(String staging, String target, long size, String what) {
    CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
        .bucket(settings.bucket()).key(target).contentType("application/octet-stream");
    settings.encryption().ifPresent(sse -> create.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
    if (settings.kmsKeyId() != null) {
      create.ssekmsKeyId(settings.kmsKeyId());
    }
    String uploadId = client.createMultipartUpload(create.build()).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long step = settings.copyPartSize();
      for (long from = 0; from < size; from += step) {
        int number = parts.size() + 1;
        String range = "bytes=" + from + "-" + (Math.min(size, from + step) - 1);
        UploadPartCopyResponse r = client.uploadPartCopy(b -> b.sourceBucket(settings.bucket())
            .sourceKey(staging).destinationBucket(settings.bucket()).destinationKey(target).uploadId(uploadId)
            .partNumber(number).copySourceRange(range));
        parts.add(CompletedPart.builder().partNumber(number).eTag(r.copyPartResult().eTag()).build());
      }
      client.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(target).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      abortQuietly(target, uploadId);
      throw e;
    }
  }

  private void abortQuietly(String key, String uploadId) {
    try {
      client.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      LOG.warn("could not abort an unfinished upload to {} (key {}); garbage collection removes it later: {}",
          settings.where(), key, e.toString());
    }
  }

  private void deleteQuietly(String key) {
    try {
      client.deleteObject(r -> r.bucket(settings.bucket()).key(key));
    } catch (SdkException e) {
      LOG.warn("could not delete the staging object {} in {}; garbage collection removes it later: {}", key,
          settings.where(), e.toString());
    }
  }

  // ----------------------------------------------------------------------------------------------- reads

  @Override
  public InputStream open(Digest digest) {
    String key = keyOf(digest);
    ResumingObjectStream raw;
    try {
      raw = ResumingObjectStream.open(client, settings, key);
    } catch (NoSuchKeyException e) {
      throw new NotFoundException("blob " + digest + " is not stored in " + settings.where());
    } catch (SdkException e) {
      throw failure("reading", "blob " + digest, e);
    }
    String what = "blob " + digest + " in " + settings.where();
    return raw.length() <= HashAheadVerifyingStream.CHUNK ? new VerifyingInputStream(raw, digest, what)
        : new HashAheadVerifyingStream(raw, digest, what, verifiers.executor());
  }

  @Override
  public Optional<BlobInfo> stat(Digest digest) {
    return head(keyOf(digest)).map(h -> new BlobInfo(digest, h.contentLength(), h.lastModified()));
  }

  private Optional<HeadObjectResponse> head(String key) {
    try {
      return Optional.of(client.headObject(r -> r.bucket(settings.bucket()).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("looking up", "object " + key, e);
    } catch (SdkException e) {
      throw failure("looking up", "object " + key, e);
    }
  }

  @Override
  public boolean delete(Digest digest) {
    if (stat(digest).isEmpty()) {
      return false;
    }
    try {
      client.deleteObject(r -> r.bucket(settings.bucket()).key(keyOf(digest)));
      return true;
    } catch (SdkException e) {
      throw failure("deleting", "blob " + digest, e);
    }
  }

  @Override
  public void forEach(Consumer<BlobInfo> visitor) {
    try {
      for (S3Object o : client.listObjectsV2Paginator(r -> r.bucket(settings.bucket()).prefix(blobPrefix))
          .contents()) {
        String hex = o.key().substring(blobPrefix.length());
        if (HEX.matcher(hex).matches()) {
          visitor.accept(new BlobInfo(Digest.parse(Digest.PREFIX + hex), o.size(), o.lastModified()));
        }
      }
    } catch (SdkException e) {
      throw failure("listing", "the blobs", e);
    }
  }

  /**
   * Deletes staging objects and aborts multipart uploads under this store's staging prefix that were
   * started before the cutoff: what crashed or failed puts left behind.
   */
  @Override
  public long removeAbandonedWrites(Instant startedBefore, boolean dryRun) {
    long removed = 0;
    try {
      for (S3Object o : client.listObjectsV2Paginator(r -> r.bucket(settings.bucket()).prefix(stagingPrefix))
          .contents()) {
        if (o.lastModified().isBefore(startedBefore)) {
          if (!dryRun) {
            client.deleteObject(r -> r.bucket(settings.bucket()).key(o.key()));
          }
          removed++;
        }
      }
      for (MultipartUpload u : client.listMultipartUploadsPaginator(r -> r.bucket(settings.bucket())
          .prefix(stagingPrefix)).uploads()) {
        if (u.initiated().isBefore(startedBefore)) {
          if (!dryRun) {
            abortQuietly(u.key(), u.uploadId());
          }
          removed++;
        }
      }
    } catch (SdkException e) {
      throw failure("cleaning up", "abandoned uploads", e);
    }
    if (removed > 0) {
      LOG.info("{} {} abandoned staging objects and incomplete uploads started before {} in {}",
          dryRun ? "found" : "removed", removed, startedBefore, settings.where());
    }
    return removed;
  }

  /** Stops the upload threads and closes the HTTP connections. */
  @Override
  public void close() {
    uploads.close();
    verifiers.close();
    inMemory.close();
    client.close();
    http.close();
  }

  @Override
  public String toString() {
    return settings.describe();
  }

  /**
   * The error for a request that failed for good: what was being done, where, after how many attempts,
   * the server's answer, and what that means for stored data (after a semicolon in {@code what}).
   */
  StorageException failure(String doing, String what, SdkException e) {
    int semicolon = what.indexOf(';');
    String object = semicolon < 0 ? what : what.substring(0, semicolon);
    String consequence = semicolon < 0 ? "" : what.substring(semicolon);
    String detail = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
        ? "HTTP " + s3.statusCode() + " " + s3.awsErrorDetails().errorCode() + " "
            + s3.awsErrorDetails().errorMessage()
        : e.getMessage();
    return new StorageException(doing + " " + object + " in " + settings.where() + " failed after up to "
        + settings.maxAttempts() + " attempts with backoff (" + detail + ")" + consequence, e);
  }

  private static String base64(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }
}
