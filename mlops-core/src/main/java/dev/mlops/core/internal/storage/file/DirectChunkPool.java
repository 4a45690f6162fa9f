package dev.mlops.core.internal.storage.file;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Direct buffers of one size, kept between puts: the JDK frees a direct buffer only when a garbage
 * collection finds it unreachable, so a put that allocated its own would leave megabytes of native memory
 * behind until the next collection. Thread-safe; at most {@code maxIdle} buffers are kept, the rest are
 * left to the collector.
 */
final class DirectChunkPool {
  private final int chunkSize;
  private final BlockingQueue<ByteBuffer> idle;

  /**
   * Creates an empty pool.
   *
   * @param chunkSize the capacity of every buffer (positive)
   * @param maxIdle how many idle buffers to keep (positive)
   */
  DirectChunkPool(int chunkSize, int maxIdle) {
    if (chunkSize <= 0 || maxIdle <= 0) {
      throw new IllegalArgumentException("chunk size and idle count must be positive: " + chunkSize
          + ", " + maxIdle);
    }
    this.chunkSize = chunkSize;
    this.idle = new ArrayBlockingQueue<>(maxIdle);
  }

  /**
   * The capacity of the buffers this pool hands out.
   *
   * @return bytes per buffer
   */
  int chunkSize() {
    return chunkSize;
  }

  /**
   * Takes an idle buffer, or allocates one.
   *
   * @return a cleared direct buffer of {@link #chunkSize()} bytes, owned by the caller until given back
   */
  ByteBuffer take() {
    ByteBuffer b = idle.poll();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(chunkSize);
  }

  /**
   * Gives a buffer back; the caller must not use it afterwards. A buffer that is not one of this pool's
   * kind, or that finds the pool full, is dropped.
   *
   * @param buffer a buffer from {@link #take()}
   */
  void give(ByteBuffer buffer) {
    if (buffer.isDirect() && buffer.capacity() == chunkSize) {
      idle.offer(buffer);
    }
  }

  /**
   * The number of idle buffers kept.
   *
   * @return idle buffers
   */
  int idle() {
    return idle.size();
  }
}
