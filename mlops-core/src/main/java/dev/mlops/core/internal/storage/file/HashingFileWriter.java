package dev.mlops.core.internal.storage.file;

import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Writes a new file from chunks that the calling thread fills, SHA-256 hashing them on the way: the
 * caller reads, a hasher thread hashes and a writer thread writes, each working on a different chunk, so
 * reading, hashing and disk writes overlap.
 *
 * <p>The hash is the slowest stage, so it gets a thread of its own with nothing else to do: the put then
 * runs at about the speed of SHA-256 over bytes already in memory, which is faster than reading and
 * hashing on one thread. Measured on the development machine (2 cores, 1 GiB): reading and hashing on one
 * thread while another writes took 1.12-1.33 s against 0.87-1.0 s for reading and hashing alone; with
 * the three stages the whole put, fsync included, took 0.92-1.06 s.
 *
 * <p>Chunks are heap buffers whose array a stream can fill, or, for a caller that reads a file channel,
 * direct buffers from a {@link DirectChunkPool}: a channel reads into those and writes from them without
 * the copy into a temporary direct buffer that the JDK makes for heap buffers, which saves two of the four
 * copies of every byte (on the development machine, a 1 GiB put from a file went from 0.71-0.76 to
 * 0.81-0.84 of the time plain SHA-256 takes).
 *
 * <p>The caller loops {@link #buffer()}, fills it and flips it, {@link #submit(ByteBuffer)}; then calls
 * {@link #digest()} (all bytes hashed, no more submits), then, if it wants the file, {@link #finish()} to
 * have every byte written and fsynced, and finally {@link #close()}, which, if {@code finish} did not
 * succeed, abandons the remaining chunks. Content that fits in the first chunk is hashed and written on
 * the calling thread, without other threads. A larger file gets one daemon hasher and one daemon writer
 * thread that live only while the file is written: {@code close()} always waits for both to end, so no
 * thread and no open file outlives the writer. The file is created on the first write; the caller deletes
 * it after a failure.
 *
 * <p>Not thread-safe: one calling thread drives a writer (the stage threads are internal).
 */
final class HashingFileWriter implements AutoCloseable {
  /** Chunks in flight between the stages: enough to ride out a slow write without stalling. */
  static final int CHUNKS_IN_FLIGHT = 24;

  private static final AtomicInteger THREADS = new AtomicInteger();
  /** End of the input (to the hasher) or of the file (to the writer); compared by identity. */
  private static final ByteBuffer END = ByteBuffer.allocate(0);
  /** Stop now, dropping what is queued; compared by identity. */
  private static final ByteBuffer ABORT = ByteBuffer.allocate(0);
  private static final long POLL_MILLIS = 100;

  private final Path file;
  private final int chunkSize;
  private final long flushEvery;
  private final MessageDigest sha = Digest.newSha256();
  /** Where direct chunks come from and go back to, or null for heap chunks. */
  private final @Nullable DirectChunkPool pool;
  /** Every chunk handed out, to give back to the pool at the end. Caller thread only. */
  private final List<ByteBuffer> chunks = new ArrayList<>(CHUNKS_IN_FLIGHT);
  /** Empty chunks: the writer returns each chunk here once written. */
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
  /** Filled chunks in order, then {@link #END} or {@link #ABORT}; taken by the hasher. */
  private final BlockingQueue<ByteBuffer> toHash = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT + 1);
  /** Hashed chunks in order, then {@link #END} or {@link #ABORT}; taken by the writer. */
  private final BlockingQueue<ByteBuffer> toWrite = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT + 1);
  private long size;
  /** The first chunk, held until it is known whether it is the only one. Caller thread only. */
  private @Nullable ByteBuffer pending;
  private @Nullable Thread hasher;
  private @Nullable Thread writer;
  /** The first failure of a stage thread; written by the stages, read by the caller. */
  private volatile @Nullable Throwable failure;
  /** Set by the hasher thread after it hashed the whole input. */
  private volatile boolean hashed;
  /** Set by the writer thread after everything was written and fsynced. */
  private volatile boolean durable;
  private @Nullable Digest digest;
  private boolean finished;
  private boolean closed;

  /**
   * Prepares a writer of heap chunks, each backed by an accessible array; nothing is created until the
   * first write.
   *
   * @param file the file to create (it must not exist)
   * @param chunkSize the size of the chunks {@link #buffer()} hands out
   * @param flushEvery bytes between the background flushes of a large file (see {@link FlushBehindFileSink})
   */
  HashingFileWriter(Path file, int chunkSize, long flushEvery) {
    this.file = file;
    this.chunkSize = chunkSize;
    this.flushEvery = flushEvery;
    this.pool = null;
  }

  /**
   * Prepares a writer of direct chunks taken from a pool and given back on {@link #close()}; nothing is
   * created until the first write.
   *
   * @param file the file to create (it must not exist)
   * @param pool where the chunks come from; its chunk size is the writer's
   * @param flushEvery bytes between the background flushes of a large file (see {@link FlushBehindFileSink})
   */
  HashingFileWriter(Path file, DirectChunkPool pool, long flushEvery) {
    this.file = file;
    this.chunkSize = pool.chunkSize();
    this.flushEvery = flushEvery;
    this.pool = pool;
  }

  /**
   * Returns an empty chunk to fill, waiting for the writer to free one if all are in flight.
   *
   * @return a cleared chunk of {@code chunkSize} bytes
   * @throws IOException if a stage thread failed, so filling more would be wasted
   */
  ByteBuffer buffer() throws IOException {
    checkStages();
    ByteBuffer chunk = free.poll();
    if (chunk != null) {
      return chunk.clear();
    }
    if (chunks.size() < CHUNKS_IN_FLIGHT) {
      chunk = pool != null ? pool.take() : ByteBuffer.allocate(chunkSize);
      chunks.add(chunk);
      return chunk;
    }
    try {
      while ((chunk = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
        checkStages();
      }
      return chunk.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to write " + file);
    }
  }

  /**
   * Hands a filled chunk to be hashed and written after the ones before it.
   *
   * @param chunk a chunk from {@link #buffer()}, flipped: its bytes from position to limit count; the
   *     caller must not touch it afterwards
   * @throws IOException if a stage thread failed
   * @throws IllegalStateException after {@link #digest()}
   */
  void submit(ByteBuffer chunk) throws IOException {
    if (digest != null) {
      throw new IllegalStateException("submit after digest() for " + file);
    }
    checkStages();
    if (!chunk.hasRemaining()) {
      free.offer(chunk);
      return;
    }
    size += chunk.remaining();
    if (writer == null && pending == null) {
      pending = chunk;
      return;
    }
    if (writer == null) {
      startStages();
      toHash.add(pending);
      pending = null;
    }
    toHash.add(chunk); // at most CHUNKS_IN_FLIGHT chunks and one mark exist: never full
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
      toHash.add(END);
      joinUninterruptibly(h); // the join makes the hasher's updates of sha visible here
      checkStages();
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
   * Writes everything submitted and fsyncs the file; when this returns, the file is complete and durable.
   *
   * @throws IOException if a write or the fsync failed
   */
  void finish() throws IOException {
    digest();
    Thread w = writer;
    if (w == null) {
      writeInline();
    } else {
      toWrite.add(END);
      joinUninterruptibly(w);
      checkStages();
      if (!durable) {
        throw new IOException("the writer of " + file + " stopped before making it durable");
      }
    }
    finished = true;
  }

  /**
   * Stops the stage threads (abandoning unwritten chunks unless {@link #finish()} succeeded), waits for
   * them to end and gives direct chunks back to their pool. Idempotent; never leaves a stage thread
   * running.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!finished) {
      abort(hasher, toHash); // first, so nothing reaches the writer's queue after its abort mark
      abort(writer, toWrite);
    }
    DirectChunkPool p = pool;
    if (p != null) {
      chunks.forEach(p::give); // no stage thread is left to touch them
    }
    chunks.clear();
  }

  private static void abort(@Nullable Thread stage, BlockingQueue<ByteBuffer> queue) {
    if (stage != null) {
      queue.clear(); // the stage may skip what it has not taken yet
      queue.add(ABORT);
      joinUninterruptibly(stage);
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

  private void startStages() {
    int n = THREADS.incrementAndGet();
    Thread h = new Thread(this::runHasher, "mlops-blob-hasher-" + n);
    Thread w = new Thread(this::runWriter, "mlops-blob-writer-" + n);
    h.setDaemon(true);
    w.setDaemon(true);
    hasher = h;
    writer = w;
    w.start();
    h.start();
  }

  private void checkStages() throws IOException {
    Throwable f = failure;
    if (f != null) {
      throw new IOException("writing " + file + " failed: " + f, f);
    }
    Thread h = hasher;
    if (h != null && !h.isAlive() && !hashed) {
      throw new IOException("the hasher thread of " + file + " ended unexpectedly");
    }
    Thread w = writer;
    if (w != null && !w.isAlive() && !durable) {
      throw new IOException("the writer thread of " + file + " ended unexpectedly");
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
  }

  /** Hashes chunks in order and passes them on; after a failure it only passes them on. */
  private void runHasher() {
    try {
      while (true) {
        ByteBuffer chunk = takeUninterruptibly(toHash);
        if (chunk == ABORT) {
          return;
        }
        if (chunk == END) {
          hashed = true;
          return;
        }
        if (failure == null) {
          try {
            sha.update(chunk.duplicate()); // the writer reads the chunk from its position
          } catch (RuntimeException e) {
            fail(e);
          }
        }
        toWrite.add(chunk);
      }
    } catch (RuntimeException | Error e) {
      fail(e);
    }
  }

  /** Writes chunks in order and recycles them; after a failure it only recycles them. */
  private void runWriter() {
    try (FlushBehindFileSink sink = FlushBehindFileSink.create(file, flushEvery)) {
      while (true) {
        ByteBuffer chunk = takeUninterruptibly(toWrite);
        if (chunk == ABORT) {
          return;
        }
        if (chunk == END) {
          if (failure == null) {
            sink.finishDurably();
            durable = true;
          }
          return;
        }
        if (failure == null) {
          try {
            sink.write(chunk);
          } catch (IOException | RuntimeException e) {
            fail(e);
          }
        }
        free.offer(chunk);
      }
    } catch (IOException | RuntimeException | Error e) {
      fail(e);
      durable = false;
    }
  }

  private static ByteBuffer takeUninterruptibly(BlockingQueue<ByteBuffer> queue) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return queue.take();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
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
