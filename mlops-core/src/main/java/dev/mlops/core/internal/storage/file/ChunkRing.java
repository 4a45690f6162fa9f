package dev.mlops.core.internal.storage.file;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The chunks in flight between the thread that fills them (the producer) and the one thread that drains
 * them (the consumer): a ring of at most {@code capacity} buffers handed over in order, counted by two
 * sequence numbers, that wakes a waiting side only once {@code batch} chunks are ready for it.
 *
 * <p>Two blocking queues cost a thread wakeup, a pair of system calls, for nearly every chunk handed
 * over, since the side that waits does so one chunk at a time; behind this ring the hasher costs what
 * hashing bytes already in memory costs (figures in {@code docs/performance.md}).
 *
 * <p>The producer {@link #acquire()}s chunks, fills them and {@link #publish()}es them in the order it
 * acquired them (it may hold more than one unpublished), and calls {@link #end()} after the last. The
 * consumer {@link #take()}s chunks in the order they were published and {@link #release()}s each when done
 * with it; {@code take} returns null once every published chunk was taken after {@code end}, or at once
 * after {@link #abort()}. The consumer calls {@link #consumerStopped()} when it stops for good, so that a
 * producer waiting for a free chunk does not wait forever. Buffers are allocated on first use, up to {@code capacity}.
 *
 * <p>Thread-safety: one producer thread and one consumer thread at a time; {@link #abort()} may be called
 * from the producer's side at any time. Publishing a chunk happens-before the consumer takes it, and
 * releasing it happens-before the producer acquires it again.
 */
final class ChunkRing {
  /** How long a waiting producer sleeps before looking again whether the consumer is still there. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final @Nullable ByteBuffer[] slots;
  private final Supplier<ByteBuffer> allocate;
  private final int batch;
  /** Chunks published so far; chunk {@code n} lives in slot {@code n % capacity}. */
  private final AtomicLong published = new AtomicLong();
  /** Chunks released so far. */
  private final AtomicLong released = new AtomicLong();
  /** The {@link #released} count at which a waiting producer wants to be woken. */
  private volatile long producerWakeAt = Long.MAX_VALUE;
  /** The {@link #published} count at which a waiting consumer wants to be woken. */
  private volatile long consumerWakeAt = Long.MAX_VALUE;
  private volatile @Nullable Thread producer;
  private volatile @Nullable Thread consumer;
  private volatile boolean ended;
  private volatile boolean aborted;
  private volatile boolean consumerStopped;
  /** Chunks acquired by the producer. Producer only. */
  private long acquired;
  /** The producer's copy of {@link #published}. Producer only. */
  private long publishedByProducer;
  /** Chunks taken by the consumer. Consumer only. */
  private long taken;

  /**
   * Creates an empty ring.
   *
   * @param capacity the most chunks in flight (at least 2)
   * @param batch how many chunks must be ready before a waiting side is woken (at least 1, below
   *     {@code capacity}, so that neither side can wait for the other forever)
   * @param allocate makes a buffer when a slot is first used
   */
  ChunkRing(int capacity, int batch, Supplier<ByteBuffer> allocate) {
    if (capacity < 2 || batch < 1 || batch >= capacity) {
      throw new IllegalArgumentException("a ring needs 2 or more slots and a batch from 1 to one less: "
          + capacity + " slots, batch " + batch);
    }
    this.slots = new ByteBuffer[capacity];
    this.batch = batch;
    this.allocate = allocate;
  }

  /**
   * Names the consumer thread, before it starts.
   *
   * @param thread the thread that will take and release chunks
   */
  void consumer(Thread thread) {
    consumer = thread;
  }

  /**
   * Producer: returns the next chunk to fill, cleared, waiting until the consumer has released
   * {@code batch} chunks if all are in flight (or acquired and not yet published).
   *
   * @return the chunk, or null if the consumer stopped and no chunk will come free, or if the thread
   *     is interrupted while it waits (the interrupt stays set)
   */
  @Nullable ByteBuffer acquire() {
    long n = acquired;
    int capacity = slots.length;
    if (released.get() <= n - capacity) {
      producer = Thread.currentThread();
      producerWakeAt = n - capacity + batch;
      try {
        while (released.get() <= n - capacity) {
          if (consumerStopped || consumerDead() || Thread.currentThread().isInterrupted()) {
            return null;
          }
          LockSupport.parkNanos(this, POLL_NANOS);
        }
      } finally {
        producerWakeAt = Long.MAX_VALUE;
      }
    }
    int slot = (int) (n % capacity);
    ByteBuffer chunk = slots[slot];
    if (chunk == null) {
      chunk = allocate.get();
      slots[slot] = chunk;
    }
    acquired = n + 1;
    return chunk.clear();
  }

  /**
   * Producer: hands the oldest acquired chunk not yet published, filled and flipped, to the consumer;
   * the producer must not touch it afterwards.
   *
   * @throws IllegalStateException if every acquired chunk was published already
   */
  void publish() {
    long count = publishedByProducer + 1;
    if (count > acquired) {
      throw new IllegalStateException("no acquired chunk left to publish");
    }
    publishedByProducer = count;
    published.set(count);
    if (count >= consumerWakeAt) {
      LockSupport.unpark(consumer);
    }
  }

  /** Producer: no more chunks; the consumer takes what was published, then gets null. */
  void end() {
    ended = true;
    LockSupport.unpark(consumer);
  }

  /** Producer's side: the consumer gets null from its next {@link #take()}, dropping what it has not taken. */
  void abort() {
    aborted = true;
    LockSupport.unpark(consumer);
  }

  /**
   * Consumer: returns the next published chunk, waiting for {@code batch} of them if none is ready.
   *
   * @return the chunk, positioned at its first byte, or null after {@link #end()} once all were taken, or
   *     after {@link #abort()}
   */
  @Nullable ByteBuffer take() {
    long n = taken;
    if (published.get() <= n && !ended && !aborted) {
      consumerWakeAt = n + batch;
      try {
        while (published.get() <= n && !ended && !aborted) {
          LockSupport.park(this);
          Thread.interrupted(); // the consumer is an internal thread: an interrupt must not make it spin
        }
      } finally {
        consumerWakeAt = Long.MAX_VALUE;
      }
    }
    if (aborted || published.get() <= n) { // read after ended: the last publish happened before end
      return null;
    }
    taken = n + 1;
    return slots[(int) (n % slots.length)];
  }

  /**
   * Producer: whether {@link #acquire()} would wait, every chunk being in flight.
   *
   * @return true if no chunk is free
   */
  boolean full() {
    return released.get() <= acquired - slots.length;
  }

  /**
   * Consumer: returns the next published chunk without waiting, for a producer that took over the
   * consumer's part (it must be the only consumer from then on).
   *
   * @return the chunk, or null if none is published and not yet taken
   */
  @Nullable ByteBuffer poll() {
    long n = taken;
    if (aborted || published.get() <= n) {
      return null;
    }
    taken = n + 1;
    return slots[(int) (n % slots.length)];
  }

  /**
   * Whether {@link #abort()} was called.
   *
   * @return true after an abort
   */
  boolean aborted() {
    return aborted;
  }

  /** Consumer: gives back the chunk taken last, for the producer to fill again. */
  void release() {
    long count = taken;
    released.set(count);
    if (count >= producerWakeAt) {
      LockSupport.unpark(producer);
    }
  }

  /** Consumer: it takes no more chunks (it ended or failed); a waiting producer stops waiting. */
  void consumerStopped() {
    consumerStopped = true;
    LockSupport.unpark(producer);
  }

  private boolean consumerDead() {
    Thread c = consumer;
    return c != null && !c.isAlive();
  }

  /**
   * Hands every buffer allocated so far to an action (to give them back to a pool); only once neither
   * side uses the ring any more.
   *
   * @param action what to do with each buffer
   */
  void forEachBuffer(Consumer<ByteBuffer> action) {
    for (ByteBuffer b : slots) {
      if (b != null) {
        action.accept(b);
      }
    }
  }
}
