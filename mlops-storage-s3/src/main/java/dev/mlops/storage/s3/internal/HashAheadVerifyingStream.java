package dev.mlops.storage.s3.internal;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The verified read of a blob with its SHA-256 computed on another thread, so hashing overlaps with the
 * download instead of following it: the bytes a caller reads are copied into chunks of {@value #CHUNK} bytes
 * that a pool thread hashes in order, at most {@value #AHEAD} chunks behind. As with
 * {@link dev.mlops.core.hash.VerifyingInputStream}, bytes are handed out as they arrive and the end of input
 * is reported only once every byte hashed to the expected digest; otherwise {@link CorruptedDataException}
 * naming the blob. Not thread-safe.
 */
final class HashAheadVerifyingStream extends BulkInputStream {
  static final int CHUNK = 1 << 20;
  static final int AHEAD = 4;

  private final InputStream in;
  private final Digest expected;
  private final String what;
  private final Executor executor;
  private final MessageDigest sha = Digest.newSha256();
  /** Hashing of the chunks handed over, oldest first; each runs after the one before. */
  private final ArrayDeque<CompletableFuture<Void>> hashing = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
  private byte[] chunk = new byte[CHUNK];
  private int filled;
  private boolean verified;

  HashAheadVerifyingStream(InputStream in, Digest expected, String what, Executor executor) {
    this.in = in;
    this.expected = expected;
    this.what = what;
    this.executor = executor;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n < 0) {
      verify();
      return -1;
    }
    for (int done = 0; done < n; ) {
      int k = Math.min(n - done, CHUNK - filled);
      System.arraycopy(b, off + done, chunk, filled, k);
      filled += k;
      done += k;
      if (filled == CHUNK) {
        handOver();
      }
    }
    return n;
  }

  /** Queues the current chunk for hashing and takes a free one, waiting while {@value #AHEAD} are queued. */
  private void handOver() throws IOException {
    byte[] full = chunk;
    int length = filled;
    while (hashing.size() >= AHEAD) {
      await(hashing.removeFirst());
    }
    try {
      last = last.thenRunAsync(() -> {
        sha.update(full, 0, length);
        free.offer(full);
      }, executor);
    } catch (RuntimeException e) {
      throw new StorageException("cannot start hashing the read of " + what + ": " + e, e);
    }
    hashing.addLast(last);
    byte[] next = free.poll();
    chunk = next != null ? next : new byte[CHUNK];
    filled = 0;
  }

  private void verify() throws IOException {
    if (verified) {
      return;
    }
    if (filled > 0) {
      handOver();
    }
    await(last);
    hashing.clear();
    byte[] actual = sha.digest();
    if (!expected.matches(actual)) {
      throw new CorruptedDataException(what + " is corrupted: its bytes hash to " + Digest.ofBytes(actual)
          + ", not " + expected);
    }
    verified = true;
  }

  private static void await(CompletableFuture<Void> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while verifying a read");
    } catch (ExecutionException | CompletionException e) {
      throw new IOException("hashing a read failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    // chunks still queued are hashed and dropped; nothing waits for them
    in.close();
  }
}
