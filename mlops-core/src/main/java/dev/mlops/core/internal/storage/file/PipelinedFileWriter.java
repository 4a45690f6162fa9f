package dev.mlops.core.internal.storage.file;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Writes a new file from chunks that the calling thread fills (and hashes) while a writer thread writes
 * the previous ones, so hashing and disk writes overlap.
 *
 * <p>The caller loops {@link #buffer()}, fills it, {@link #submit(byte[], int)}; then calls
 * {@link #finish()} to have every byte written and fsynced, and finally {@link #close()}, which, if
 * {@code finish} did not succeed, abandons the remaining chunks. Content that fits in the first chunk
 * is written on the calling thread, without a second thread. A large file gets one daemon writer thread
 * that lives only while the file is written: {@code close()} always waits for it to end, so no thread
 * and no open file outlives the writer. The file is created on the first write; the caller deletes it
 * after a failure.
 *
 * <p>Not thread-safe: one calling thread drives a writer (the writer thread is internal).
 */
final class PipelinedFileWriter implements AutoCloseable {
  /** Chunks in flight between the two threads: enough to ride out a slow write without stalling. */
  static final int CHUNKS_IN_FLIGHT = 24;

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Chunk END = new Chunk(new byte[0], 0);
  private static final Chunk ABORT = new Chunk(new byte[0], 0);
  private static final long POLL_MILLIS = 100;

  private final Path file;
  private final int chunkSize;
  private final long flushEvery;
  /** Empty chunks: the writer returns each chunk here once written. */
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
  /** Filled chunks in order, then {@link #END} or {@link #ABORT}. */
  private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT + 1);
  private int allocated;
  /** The first chunk, held until it is known whether it is the only one. Caller thread only. */
  private byte @Nullable [] pending;
  private int pendingLength;
  private @Nullable Thread writer;
  /** The writer thread's first failure; written by the writer, read by the caller. */
  private volatile @Nullable Throwable failure;
  /** Set by the writer thread after everything was written and fsynced. */
  private volatile boolean durable;
  private boolean finished;
  private boolean closed;

  /**
   * Prepares a writer; nothing is created until the first write.
   *
   * @param file the file to create (it must not exist)
   * @param chunkSize the size of the chunks {@link #buffer()} hands out
   * @param flushEvery bytes between the background flushes of a large file (see {@link FlushBehindFileSink})
   */
  PipelinedFileWriter(Path file, int chunkSize, long flushEvery) {
    this.file = file;
    this.chunkSize = chunkSize;
    this.flushEvery = flushEvery;
  }

  /**
   * Returns an empty chunk to fill, waiting for the writer to free one if all are in flight.
   *
   * @return a chunk of {@code chunkSize} bytes
   * @throws IOException if the writer thread failed, so filling more would be wasted
   */
  byte[] buffer() throws IOException {
    checkWriter();
    byte[] chunk = free.poll();
    if (chunk != null) {
      return chunk;
    }
    if (allocated < CHUNKS_IN_FLIGHT) {
      allocated++;
      return new byte[chunkSize];
    }
    try {
      while ((chunk = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
        checkWriter();
      }
      return chunk;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to write " + file);
    }
  }

  /**
   * Hands a filled chunk to be written after the ones before it.
   *
   * @param chunk a chunk from {@link #buffer()}; the caller must not touch it afterwards
   * @param length how many of its leading bytes to write
   * @throws IOException if the writer thread failed
   */
  void submit(byte[] chunk, int length) throws IOException {
    checkWriter();
    if (length == 0) {
      free.offer(chunk);
      return;
    }
    if (writer == null && pending == null) {
      pending = chunk;
      pendingLength = length;
      return;
    }
    if (writer == null) {
      startWriter();
      enqueue(new Chunk(pending, pendingLength));
      pending = null;
    }
    enqueue(new Chunk(chunk, length));
  }

  /**
   * Writes everything submitted and fsyncs the file; when this returns, the file is complete and durable.
   *
   * @throws IOException if a write or the fsync failed
   */
  void finish() throws IOException {
    Thread w = writer;
    if (w == null) {
      writeInline();
    } else {
      enqueue(END);
      joinUninterruptibly(w);
      checkWriter();
      if (!durable) {
        throw new IOException("the writer of " + file + " stopped before making it durable");
      }
    }
    finished = true;
  }

  /**
   * Stops the writer thread (abandoning unwritten chunks unless {@link #finish()} succeeded) and waits
   * for it to end. Idempotent; never leaves the writer thread running.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread w = writer;
    if (w != null && !finished) {
      filled.clear(); // the writer may skip what it has not taken yet
      filled.add(ABORT);
      joinUninterruptibly(w);
    }
  }

  private void writeInline() throws IOException {
    byte[] chunk = pending;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      if (chunk != null) {
        ByteBuffer b = ByteBuffer.wrap(chunk, 0, pendingLength);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      ch.force(true);
    }
    pending = null;
  }

  private void startWriter() {
    Thread t = new Thread(this::runWriter, "mlops-blob-writer-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    writer = t;
    t.start();
  }

  private void enqueue(Chunk chunk) {
    filled.add(chunk); // at most CHUNKS_IN_FLIGHT chunks and one end mark exist: the queue never overflows
  }

  private void checkWriter() throws IOException {
    Throwable f = failure;
    if (f != null) {
      throw new IOException("writing " + file + " failed: " + f, f);
    }
    Thread w = writer;
    if (w != null && !w.isAlive() && !durable) {
      throw new IOException("the writer thread of " + file + " ended unexpectedly");
    }
  }

  private void runWriter() {
    try (FlushBehindFileSink sink = FlushBehindFileSink.create(file, flushEvery)) {
      while (true) {
        Chunk chunk = takeUninterruptibly();
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
            sink.write(chunk.bytes(), 0, chunk.length());
          } catch (IOException | RuntimeException e) {
            failure = e;
          }
        }
        free.offer(chunk.bytes());
      }
    } catch (IOException | RuntimeException | Error e) {
      if (failure == null) {
        failure = e;
      }
      durable = false;
    }
  }

  private Chunk takeUninterruptibly() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return filled.take();
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

  /** A filled chunk and how many of its bytes count. */
  private record Chunk(byte[] bytes, int length) {}
}
