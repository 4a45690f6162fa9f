package dev.mlops.core.internal.storage.file;

import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes a new file from chunks that the calling thread fills, SHA-256 hashing them on a thread of their
 * own: the caller reads a chunk and writes it to the file (through the page cache, flushed behind by a
 * {@link FlushBehindFileSink}), then hands it to the hasher, so reading, writing and hashing overlap.
 *
 * <p>The hash is the slowest stage, so it gets a thread with nothing else to do, and the put runs at
 * about the speed of SHA-256 over bytes already in memory, which is faster than reading and hashing on one
 * thread. Measured on the development machine (2 cores, 1 GiB): reading and hashing on one thread while
 * another wrote took 1.12-1.33 s, against 0.87-1.0 s for reading and hashing alone. Reading and writing on
 * the caller's thread measured as fast as giving the writes a third thread (JMH, 1 GiB from a file: 0.75-0.79
 * of plain SHA-256 against 0.78-0.80; a plain loop: median 0.91 against 0.86), with one thread fewer
 * competing for two cores and write failures surfacing on the caller's thread.
 *
 * <p>Chunks are heap buffers whose array a stream can fill, or, for a caller that reads a file channel,
 * direct buffers from a {@link DirectChunkPool}: a channel reads into those and writes from them without
 * the copy into a temporary direct buffer that the JDK makes for heap buffers, which saves two of the four
 * copies of every byte (a 1 GiB put from a file went from 0.71-0.76 to 0.81-0.84 of plain SHA-256).
 *
 * <p>Chunks travel to the hasher through a {@link ChunkRing}, which wakes a waiting thread only once
 * {@link #HANDOFF_BATCH} chunks are ready for it rather than for every chunk. With the ring and continuous
 * flushing (see {@link FlushBehindFileSink}) the hasher thread spent 0.65-0.68 s of CPU per GiB during a
 * put, the speed of SHA-256 over bytes in memory, against 0.68-0.84 s before; a 1 GiB put from a file
 * went from 0.60-0.76 to 0.80-1.01 of plain SHA-256 (JMH, paired, same disk conditions).
 *
 * <p>The caller loops {@link #buffer()}, fills it and flips it, {@link #submit(ByteBuffer)}; then calls
 * {@link #digest()} (all bytes hashed, no more submits), then, if it wants the file, {@link #finish()} to
 * have it fsynced, and finally {@link #close()}. Content that fits in the first chunk is hashed and
 * written on the calling thread, without another thread. A larger file gets one daemon hasher thread that
 * lives only while the file is written: {@code close()} always waits for it to end and closes the file,
 * so neither outlives the writer. The file is created when the second chunk arrives (or by
 * {@code finish} for a single chunk); the caller deletes it after a failure.
 *
 * <p>Not thread-safe: one calling thread drives a writer (the hasher thread is internal).
 */
final class HashingFileWriter implements AutoCloseable {
  /** Chunks in flight between the caller and the hasher: enough to ride out a slow write. */
  static final int CHUNKS_IN_FLIGHT = 24;
  /** Chunks that must be ready before a thread waiting for them is woken (see {@link ChunkRing}). */
  static final int HANDOFF_BATCH = 8;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Path file;
  private final long minFlush;
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
  private @Nullable Thread hasher;
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
   */
  HashingFileWriter(Path file, int chunkSize, long minFlush) {
    this(file, minFlush, null, () -> ByteBuffer.allocate(chunkSize));
  }

  /**
   * Prepares a writer of direct chunks taken from a pool and given back on {@link #close()}; nothing is
   * created until the first write.
   *
   * @param file the file to create (it must not exist)
   * @param pool where the chunks come from; its chunk size is the writer's
   * @param minFlush the fewest bytes a background flush of a large file starts for (see
   *     {@link FlushBehindFileSink})
   */
  HashingFileWriter(Path file, DirectChunkPool pool, long minFlush) {
    this(file, minFlush, pool, pool::take);
  }

  private HashingFileWriter(Path file, long minFlush, @Nullable DirectChunkPool pool,
      Supplier<ByteBuffer> allocate) {
    this.file = file;
    this.minFlush = minFlush;
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
    chunk = ring.acquire();
    if (chunk == null) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while waiting to write " + file);
      }
      checkHasher();
      throw new IOException("the hasher thread of " + file + " stopped before the end of the content");
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
      s = FlushBehindFileSink.create(file, minFlush);
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
    Thread h = hasher;
    if (h == null) {
      ByteBuffer chunk = pending;
      if (chunk != null) {
        sha.update(chunk.duplicate());
      }
    } else {
      ring.end();
      joinUninterruptibly(h); // the join makes the hasher's updates of sha visible here
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
   * Idempotent; never leaves the hasher thread running.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread h = hasher;
    if (h != null) {
      ring.abort(); // the hasher may skip what it has not taken yet
      joinUninterruptibly(h);
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
    Thread h = new Thread(this::runHasher, "mlops-blob-hasher-" + THREADS.incrementAndGet());
    h.setDaemon(true);
    ring.consumer(h);
    hasher = h;
    h.start();
  }

  private void checkHasher() throws IOException {
    Throwable f = failure;
    if (f != null) {
      throw new IOException("hashing " + file + " failed: " + f, f);
    }
    Thread h = hasher;
    if (h != null && !h.isAlive() && !hashedAll) {
      throw new IOException("the hasher thread of " + file + " ended unexpectedly");
    }
  }

  /** Hashes chunks in order and recycles them, until the end of the input or an abort. */
  private void runHasher() {
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

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
