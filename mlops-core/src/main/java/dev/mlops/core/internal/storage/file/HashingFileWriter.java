package dev.mlops.core.internal.storage.file;

import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes a new file from chunks that the calling thread fills, SHA-256 hashing them on a pool thread: the
 * caller reads a chunk and writes it to the file (through the page cache, flushed behind by a
 * {@link FlushBehindFileSink}), then hands it to the hasher, so reading, writing and hashing overlap.
 *
 * <p>The hash is the slowest stage, so it gets a thread with nothing else to do, and the put runs at
 * about the speed of SHA-256 over bytes already in memory. Reading and writing stay on the caller's thread,
 * which keeps one thread fewer competing for the cores and surfaces write failures on the caller. The
 * measurements behind these choices are in {@code docs/performance.md}.
 *
 * <p>Chunks are heap buffers whose array a stream can fill, or, for a caller that reads a file channel,
 * direct buffers from a {@link DirectChunkPool}: a channel reads into those and writes from them without
 * the copy into a temporary direct buffer that the JDK makes for heap buffers, which saves two of the four
 * copies of every byte.
 *
 * <p>Chunks travel to the hasher through a {@link ChunkRing}, which wakes a waiting thread only once
 * {@link #HANDOFF_BATCH} chunks are ready for it rather than for every chunk.
 *
 * <p>The caller loops {@link #buffer()}, fills it and flips it, {@link #submit(ByteBuffer)}; then calls
 * {@link #digest()} (all bytes hashed, no more submits), then, if it wants the file, {@link #finish()} to
 * have it fsynced, and finally {@link #close()}. Content that fits in the first chunk is hashed and
 * written on the calling thread. For a larger file the hashing is handed to the helper pool (the file
 * backend's is {@link dev.mlops.core.work.WorkerPool#sharedIo()}); if no pool thread has started it by the
 * time every chunk is in flight (all pool threads busy, perhaps with puts of their own), the caller claims
 * it and hashes each chunk itself after writing it, so a put never waits for a thread that may never come.
 * {@code close()} always waits for the hashing to end and closes the file, so neither outlives the writer.
 * The file is created when the second chunk arrives (or by {@code finish} for a single chunk); the caller
 * deletes it after a failure.
 *
 * <p>Not thread-safe: one calling thread drives a writer (the hashing is internal).
 */
final class HashingFileWriter implements AutoCloseable {
  /** Chunks in flight between the caller and the hasher: enough to ride out a slow write. */
  static final int CHUNKS_IN_FLIGHT = 24;
  /** Chunks that must be ready before a thread waiting for them is woken (see {@link ChunkRing}). */
  static final int HANDOFF_BATCH = 8;

  private final Path file;
  private final long minFlush;
  private final Executor helpers;
  private final MessageDigest sha = Digest.newSha256();
  /** Where direct chunks come from and go back to, or null for heap chunks. */
  private final @Nullable DirectChunkPool pool;
  /** The chunks, from the caller (filling and writing them) to the hasher and back. */
  private final ChunkRing ring;
  private long size;
  /** The first chunk, held until it is known whether it is the only one. Caller thread only. */
  private @Nullable ByteBuffer pending;
  /** A chunk submitted empty, handed out again by the next {@link #buffer()}. Caller thread only. */
  private @Nullable ByteBuffer spare;
  private @Nullable FlushBehindFileSink sink;
  /** The hashing of the chunks, on a pool thread or, once the caller claimed it, on the caller. */
  private @Nullable ForkedTask hasher;
  /** Whether the caller claimed the hashing because no pool thread had started it. Caller thread only. */
  private boolean hashingInline;
  /** The hasher's failure, if any; written by the hasher, read by the caller. */
  private volatile @Nullable Throwable failure;
  /** Set by the hasher when it has hashed the whole input. */
  private volatile boolean hashedAll;
  private @Nullable Digest digest;
  private boolean finished;
  private boolean closed;

  /**
   * Prepares a writer of heap chunks, each backed by an accessible array; nothing is created until the
   * first write.
   *
   * @param file the file to create (it must not exist)
   * @param chunkSize the size of the chunks {@link #buffer()} hands out
   * @param minFlush the fewest bytes a background flush of a large file starts for (see
   *     {@link FlushBehindFileSink})
   * @param helpers the pool the hashing and the background flushes run on
   */
  HashingFileWriter(Path file, int chunkSize, long minFlush, Executor helpers) {
    this(file, minFlush, helpers, null, () -> ByteBuffer.allocate(chunkSize));
  }

  /**
   * Prepares a writer of direct chunks taken from a pool and given back on {@link #close()}; nothing is
   * created until the first write.
   *
   * @param file the file to create (it must not exist)
   * @param pool where the chunks come from; its chunk size is the writer's
   * @param minFlush the fewest bytes a background flush of a large file starts for (see
   *     {@link FlushBehindFileSink})
   * @param helpers the pool the hashing and the background flushes run on
   */
  HashingFileWriter(Path file, DirectChunkPool pool, long minFlush, Executor helpers) {
    this(file, minFlush, helpers, pool, pool::take);
  }

  private HashingFileWriter(Path file, long minFlush, Executor helpers, @Nullable DirectChunkPool pool,
      Supplier<ByteBuffer> allocate) {
    this.file = file;
    this.minFlush = minFlush;
    this.helpers = helpers;
    this.pool = pool;
    this.ring = new ChunkRing(CHUNKS_IN_FLIGHT, HANDOFF_BATCH, allocate);
  }

  /**
   * Returns an empty chunk to fill, waiting for the hasher to free one if all are in flight.
   *
   * @return a cleared chunk of the writer's chunk size
   * @throws IOException if the hasher failed, so filling more would be wasted
   * @throws InterruptedIOException if the thread was interrupted while it waited
   */
  ByteBuffer buffer() throws IOException {
    checkHasher();
    ByteBuffer chunk = spare;
    if (chunk != null) {
      spare = null;
      return chunk.clear();
    }
    ForkedTask h = hasher;
    if (h != null && !hashingInline && ring.full() && h.claim()) {
      hashingInline = true; // no pool thread has started hashing: waiting for one could wait forever
      hashPublished();
    }
    chunk = ring.acquire();
    if (chunk == null) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while waiting to write " + file);
      }
      checkHasher();
      throw new IOException("the hashing of " + file + " stopped before the end of the content");
    }
    return chunk;
  }

  /**
   * Writes a filled chunk after the ones before it and hands it to the hasher.
   *
   * @param chunk a chunk from {@link #buffer()}, flipped: its bytes from position to limit count; the
   *     caller must not touch it afterwards
   * @throws IOException if the write, an earlier background flush or the hasher failed
   * @throws IllegalStateException after {@link #digest()}
   */
  void submit(ByteBuffer chunk) throws IOException {
    if (digest != null) {
      throw new IllegalStateException("submit after digest() for " + file);
    }
    checkHasher();
    if (!chunk.hasRemaining()) {
      spare = chunk; // still the oldest chunk not handed to the hasher: it must be the next one filled
      return;
    }
    size += chunk.remaining();
    if (sink == null && pending == null) {
      pending = chunk;
      return;
    }
    FlushBehindFileSink s = sink;
    if (s == null) {
      s = FlushBehindFileSink.create(file, minFlush, helpers);
      sink = s;
      startHasher();
      ByteBuffer first = pending;
      pending = null;
      writeAndHash(s, first);
    }
    writeAndHash(s, chunk);
  }

  private void writeAndHash(FlushBehindFileSink s, @Nullable ByteBuffer chunk) throws IOException {
    if (chunk != null) {
      s.write(chunk.duplicate()); // the hasher reads the chunk from its own position
      ring.publish();
      if (hashingInline) {
        hashPublished();
      }
    }
  }

  /** Caller, after claiming the hashing: hashes and releases every chunk published and not yet hashed. */
  private void hashPublished() {
    for (ByteBuffer chunk = ring.poll(); chunk != null; chunk = ring.poll()) {
      sha.update(chunk);
      ring.release();
    }
  }

  /**
   * Ends the input and returns the SHA-256 of every byte submitted, waiting for the hasher to catch up.
   * Idempotent.
   *
   * @return the digest of the content
   * @throws IOException if hashing failed
   */
  Digest digest() throws IOException {
    Digest d = digest;
    if (d != null) {
      return d;
    }
    ForkedTask h = hasher;
    if (h == null) {
      ByteBuffer chunk = pending;
      if (chunk != null) {
        sha.update(chunk.duplicate());
      }
    } else if (!hashingInline) {
      ring.end();
      joinHasher(h); // the join makes the hasher's updates of sha visible here
      checkHasher();
    }
    d = Digest.finish(sha);
    digest = d;
    return d;
  }

  /**
   * The number of bytes submitted so far.
   *
   * @return the content's size
   */
  long size() {
    return size;
  }

  /**
   * Fsyncs the file (creating and writing it first if the content fit in one chunk); when this returns,
   * the file is complete and durable.
   *
   * @throws IOException if a write or the fsync failed
   */
  void finish() throws IOException {
    digest();
    FlushBehindFileSink s = sink;
    if (s == null) {
      writeInline();
    } else {
      s.finishDurably();
    }
    finished = true;
  }

  /**
   * Stops the hasher (dropping what it has not hashed unless {@link #digest()} returned), waits for it to
   * end, closes the file (waiting for its background flush) and gives direct chunks back to their pool.
   * Idempotent; never leaves the hashing running.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ForkedTask h = hasher;
    if (h != null && !hashingInline) {
      ring.abort(); // the hasher may skip what it has not taken yet
      joinHasher(h);
    }
    FlushBehindFileSink s = sink;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing a file opened for writing reports nothing a finished writer needs; an abandoned one
        // is deleted by the caller
      }
    }
    DirectChunkPool p = pool;
    if (p != null) {
      ring.forEachBuffer(p::give); // no other thread is left to touch them
    }
  }

  private void writeInline() throws IOException {
    ByteBuffer chunk = pending;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      if (chunk != null) {
        while (chunk.hasRemaining()) {
          ch.write(chunk);
        }
      }
      ch.force(true);
    }
    pending = null;
  }

  private void startHasher() {
    hasher = ForkedTask.fork(helpers, this::runHasher);
  }

  private void checkHasher() throws IOException {
    Throwable f = failure;
    if (f != null) {
      throw new IOException("hashing " + file + " failed: " + f, f);
    }
    ForkedTask h = hasher;
    if (h != null && !hashingInline && h.isDone() && !hashedAll) {
      throw new IOException("the hashing of " + file + " ended before the end of the content");
    }
  }

  /** Hashes chunks in order and recycles them, until the end of the input or an abort. */
  private void runHasher() {
    ring.consumer(Thread.currentThread());
    try {
      ByteBuffer chunk;
      while ((chunk = ring.take()) != null) {
        sha.update(chunk);
        ring.release();
      }
      hashedAll = !ring.aborted();
    } catch (RuntimeException | Error e) {
      failure = e; // the caller sees it at its next buffer(), submit() or digest()
    } finally {
      ring.consumerStopped();
    }
  }

  /** Waits for the hashing to end (running it here if no pool thread started it); its failure is in {@link #failure}. */
  private static void joinHasher(ForkedTask h) {
    try {
      h.join();
    } catch (IOException e) {
      throw new IllegalStateException("the hasher throws no IOException", e);
    }
  }
}
