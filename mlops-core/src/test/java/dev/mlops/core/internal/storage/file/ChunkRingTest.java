package dev.mlops.core.internal.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The ring hands every chunk over once, in order, with its bytes, whatever the capacity, batch and
 * relative speed of the two sides, and neither side waits forever when the other stops.
 */
class ChunkRingTest {

  @Property(tries = 60)
  void everyChunkArrivesOnceInOrderWithItsBytes(@ForAll @IntRange(min = 2, max = 9) int capacity,
      @ForAll @IntRange(min = 1, max = 8) int batchWish, @ForAll @IntRange(min = 0, max = 400) int chunks,
      @ForAll @IntRange(min = 0, max = 3) int slowSide) throws Exception {
    int batch = Math.min(batchWish, capacity - 1);
    AtomicInteger allocated = new AtomicInteger();
    ChunkRing ring = new ChunkRing(capacity, batch, () -> {
      allocated.incrementAndGet();
      return ByteBuffer.allocate(8);
    });
    List<Long> received = new ArrayList<>();
    Thread consumer = new Thread(() -> {
      ByteBuffer chunk;
      while ((chunk = ring.take()) != null) {
        received.add(chunk.getLong());
        if (slowSide == 1) {
          Thread.yield();
        }
        ring.release();
      }
      ring.consumerStopped();
    });
    ring.consumer(consumer);
    consumer.start();
    for (long i = 0; i < chunks; i++) {
      ByteBuffer chunk = ring.acquire();
      assertThat(chunk).isNotNull();
      assertThat(chunk.position()).isZero(); // handed out cleared, even after the consumer read it
      chunk.putLong(i).flip();
      if (slowSide == 2) {
        Thread.yield();
      }
      ring.publish();
    }
    ring.end();
    consumer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(consumer.isAlive()).as("consumer still waiting").isFalse();
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < chunks; i++) {
      expected.add(i);
    }
    assertThat(received).isEqualTo(expected);
    assertThat(allocated.get()).isLessThanOrEqualTo(capacity);
  }

  @Example
  void theProducerMayHoldTwoUnpublishedChunksAndPublishesThemInOrder() throws Exception {
    ChunkRing ring = new ChunkRing(4, 2, () -> ByteBuffer.allocate(8));
    ByteBuffer first = ring.acquire();
    ByteBuffer second = ring.acquire();
    assertThat(first).isNotSameAs(second);
    first.putLong(1).flip();
    second.putLong(2).flip();
    ring.publish();
    ring.publish();
    assertThatThrownBy(ring::publish).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no acquired chunk");
    ring.end();
    CompletableFuture<List<Long>> taken = CompletableFuture.supplyAsync(() -> {
      List<Long> out = new ArrayList<>();
      ByteBuffer chunk;
      while ((chunk = ring.take()) != null) {
        out.add(chunk.getLong());
        ring.release();
      }
      return out;
    });
    assertThat(taken.get(30, TimeUnit.SECONDS)).containsExactly(1L, 2L);
  }

  @Example
  void abortWakesAWaitingConsumerAndDropsWhatItHasNotTaken() throws Exception {
    ChunkRing ring = new ChunkRing(4, 3, () -> ByteBuffer.allocate(8));
    AtomicReference<ByteBuffer> result = new AtomicReference<>(ByteBuffer.allocate(1));
    Thread consumer = new Thread(() -> result.set(ring.take()));
    ring.consumer(consumer);
    consumer.start();
    awaitParked(consumer); // nothing published yet
    ring.abort();
    consumer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(consumer.isAlive()).isFalse();
    assertThat(result.get()).isNull();
    assertThat(ring.aborted()).isTrue();
    ring.acquire().putLong(7).flip();
    ring.publish();
    assertThat(ring.take()).as("a chunk published after the abort").isNull();
  }

  @Example
  void endWakesAConsumerWaitingForAFullBatch() throws Exception {
    ChunkRing ring = new ChunkRing(8, 7, () -> ByteBuffer.allocate(8));
    List<Long> received = new ArrayList<>();
    Thread consumer = new Thread(() -> {
      ByteBuffer chunk;
      while ((chunk = ring.take()) != null) {
        received.add(chunk.getLong());
        ring.release();
      }
    });
    ring.consumer(consumer);
    consumer.start();
    awaitParked(consumer);
    ring.acquire().putLong(5).flip();
    ring.publish();
    ring.end();
    consumer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(consumer.isAlive()).isFalse();
    assertThat(received).containsExactly(5L);
    assertThat(ring.aborted()).isFalse();
  }

  @Example
  void aProducerWaitingForAFreeChunkStopsWhenTheConsumerStops() {
    ChunkRing ring = new ChunkRing(2, 1, () -> ByteBuffer.allocate(8));
    fillBothSlotsFor(ring, () -> {
      ring.take(); // takes the first chunk and never gives it back
      ring.consumerStopped();
    });
    assertThat(ring.acquire()).as("both chunks held by a consumer that stopped").isNull();
  }

  @Example
  void aProducerWaitingForAFreeChunkStopsWhenTheConsumerThreadDies() {
    ChunkRing ring = new ChunkRing(2, 1, () -> ByteBuffer.allocate(8));
    fillBothSlotsFor(ring, ring::take); // ends without consumerStopped()
    assertThat(ring.acquire()).isNull();
  }

  /** Starts a consumer and publishes a chunk in each of the ring's two slots. */
  private static void fillBothSlotsFor(ChunkRing ring, Runnable consumerBody) {
    Thread consumer = new Thread(consumerBody);
    ring.consumer(consumer);
    consumer.start();
    for (int i = 0; i < 2; i++) {
      ring.acquire().flip();
      ring.publish();
    }
  }

  @Example
  void anInterruptedProducerStopsWaitingAndKeepsItsInterrupt() throws Exception {
    ChunkRing ring = new ChunkRing(2, 1, () -> ByteBuffer.allocate(8));
    Thread consumer = new Thread(() -> {
      // never takes anything until aborted
      ring.take();
    });
    ring.consumer(consumer);
    consumer.start();
    ring.acquire().flip();
    ring.acquire().flip();
    Thread.currentThread().interrupt();
    try {
      assertThat(ring.acquire()).isNull();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
      ring.abort();
      consumer.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  @Example
  void buffersAreAllocatedOnFirstUseAndAllHandedBack() {
    AtomicInteger allocated = new AtomicInteger();
    ChunkRing ring = new ChunkRing(6, 2, () -> {
      allocated.incrementAndGet();
      return ByteBuffer.allocate(8);
    });
    List<ByteBuffer> back = new ArrayList<>();
    ring.forEachBuffer(back::add);
    assertThat(back).isEmpty();
    ByteBuffer a = ring.acquire();
    ByteBuffer b = ring.acquire();
    ring.forEachBuffer(back::add);
    assertThat(back).containsExactly(a, b);
    assertThat(allocated.get()).isEqualTo(2);
  }

  @Example
  void refusesAShapeWhereASideCouldWaitForever() {
    assertThatThrownBy(() -> new ChunkRing(1, 1, () -> ByteBuffer.allocate(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 slots");
    assertThatThrownBy(() -> new ChunkRing(4, 4, () -> ByteBuffer.allocate(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch 4");
    assertThatThrownBy(() -> new ChunkRing(4, 0, () -> ByteBuffer.allocate(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch 0");
  }

  private static void awaitParked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("thread never parked: " + t.getState());
      }
      Thread.sleep(1);
    }
  }
}
