package dev.mlops.core.internal.storage.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Writes a new file through the page cache and flushes it behind the writer: a background thread fsyncs
 * what has been written so far, again and again, while the writer goes on.
 *
 * <p>The kernel starts writing dirty pages back only when a large share of memory is dirty (10% by
 * default), so a gigabyte written and then fsynced goes to the device only after the last byte, and the
 * put costs the copy plus the whole flush. Flushing behind keeps the device busy while the writer writes,
 * so writing and flushing overlap and {@link #finishDurably()} has only the tail left to sync.
 *
 * <p>A flush starts whenever none is running and at least {@code minFlush} bytes were written since the
 * last one started, so the device starts early and never idles while dirty pages wait, and what is left
 * for the end is only what the writer wrote during the last flush. The writer waits for the running flush
 * when {@link #MAX_UNFLUSHED_FLUSHES} minimums' worth is pending, which bounds the dirty pages one put
 * leaves for other writers' journal commits to wait on. Buffered writes with flushing behind measured
 * faster than direct I/O; the figures behind the minimum and that choice are in {@code docs/performance.md}.
 *
 * <p>Not thread-safe: one thread at a time (the thread that fills a {@link HashingFileWriter}) uses a
 * sink; the flushes run on the pool given to {@link #create} (the file backend gives
 * {@link dev.mlops.core.work.WorkerPool#sharedIo()}), or on the writer's thread when it must wait for a
 * flush that no pool thread has started; {@link #close()} waits for the sink's flush before closing the file.
 */
final class FlushBehindFileSink implements Closeable {
  /** The fewest bytes a flush starts for (on a journaling file system, each flush commits the journal). */
  static final long MIN_FLUSH = 16L << 20;
  /** How many minimums' worth of unflushed bytes the writer may run ahead of a slow flush. */
  static final int MAX_UNFLUSHED_FLUSHES = 16;

  private final Path file;
  private final FileChannel channel;
  private final long minFlush;
  private final Executor flushers;
  private long position;
  /** Bytes written since the last flush started. */
  private long unflushed;
  /** The flush in flight or last finished, if any. */
  private @Nullable ForkedTask flushing;
  private boolean closed;

  private FlushBehindFileSink(Path file, FileChannel channel, long minFlush, Executor flushers) {
    this.file = file;
    this.channel = channel;
    this.minFlush = minFlush;
    this.flushers = flushers;
  }

  /**
   * Creates a file that must not exist and opens it for writing.
   *
   * @param file the new file
   * @param minFlush the fewest unflushed bytes a background flush starts for (positive)
   * @param flushers the pool the flushes run on; a flush no pool thread has started when the writer must
   *     wait for it runs on the writer's thread
   * @return the open sink
   * @throws IOException if the file cannot be created
   */
  static FlushBehindFileSink create(Path file, long minFlush, Executor flushers) throws IOException {
    if (minFlush <= 0) {
      throw new IllegalArgumentException("minFlush must be positive: " + minFlush);
    }
    return new FlushBehindFileSink(file,
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), minFlush, flushers);
  }

  /**
   * Appends bytes, starting a background flush if none is running and {@code minFlush} bytes have been
   * written since the last one started (or waiting for the running one when the writer has run too far
   * ahead of it).
   *
   * @param bytes the source
   * @param offset where the bytes start
   * @param length how many
   * @throws IOException if the write or an earlier background flush failed
   */
  void write(byte[] bytes, int offset, int length) throws IOException {
    write(ByteBuffer.wrap(bytes, offset, length));
  }

  /**
   * Appends the buffer's remaining bytes (a direct buffer is written without a copy into a temporary
   * one); see {@link #write(byte[], int, int)}.
   *
   * @param bytes the source, read from its position to its limit
   * @throws IOException if the write or an earlier background flush failed
   */
  void write(ByteBuffer bytes) throws IOException {
    int length = bytes.remaining();
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
    unflushed += length;
    if (unflushed < minFlush) {
      return;
    }
    ForkedTask running = flushing;
    if (running != null) {
      if (!running.isDone() && unflushed < minFlush * MAX_UNFLUSHED_FLUSHES) {
        return; // let the running flush finish; a later write starts the next one
      }
      await(running); // also surfaces a failed flush
    }
    unflushed = 0;
    flushing = ForkedTask.fork(flushers, () -> channel.force(false));
  }

  /**
   * Waits for the background flush, then fsyncs the file (data and metadata), so it is durable when this
   * returns.
   *
   * @throws IOException if a flush failed
   */
  void finishDurably() throws IOException {
    ForkedTask running = flushing;
    if (running != null) {
      await(running);
    }
    channel.force(true);
  }

  /** Waits for a flush (uninterruptibly: it uses the channel, so it must end before anything else happens). */
  private void await(ForkedTask flush) throws IOException {
    try {
      flush.join();
    } catch (IOException | RuntimeException e) {
      throw new IOException("flushing " + file + " failed: " + e.getMessage(), e);
    }
  }

  /** Waits for the background flush (ignoring its outcome) and closes the file; idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (channel) {
      ForkedTask running = flushing;
      if (running != null) {
        try {
          await(running);
        } catch (IOException ignored) {
          // a failed flush was or will be reported by write or finishDurably; closing must still happen
        }
      }
    }
  }

}
