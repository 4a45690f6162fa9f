package dev.mlops.core.internal.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool of direct chunks that file puts share: bounded, and handing out cleared buffers. */
class DirectChunkPoolTest {
  @Test
  void keepsAtMostItsIdleLimitAndReusesWhatItKept() {
    DirectChunkPool pool = new DirectChunkPool(1024, 3);
    List<ByteBuffer> taken = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      taken.add(pool.take());
    }
    taken.forEach(pool::give);

    assertThat(pool.idle()).isEqualTo(3);
    ByteBuffer again = pool.take();
    assertThat(taken.subList(0, 3)).anySatisfy(b -> assertThat(b).isSameAs(again));
    assertThat(pool.idle()).isEqualTo(2);
  }

  @Test
  void handsOutClearedDirectBuffersOfItsSize() {
    DirectChunkPool pool = new DirectChunkPool(1024, 2);
    ByteBuffer used = pool.take();
    used.put(new byte[100]).flip();
    pool.give(used);

    ByteBuffer b = pool.take();
    assertThat(b).isSameAs(used);
    assertThat(b.isDirect()).isTrue();
    assertThat(b.position()).isZero();
    assertThat(b.remaining()).isEqualTo(1024);
  }

  @Test
  void dropsBuffersThatAreNotItsKind() {
    DirectChunkPool pool = new DirectChunkPool(1024, 2);
    pool.give(ByteBuffer.allocate(1024));
    pool.give(ByteBuffer.allocateDirect(512));

    assertThat(pool.idle()).isZero();
    assertThatThrownBy(() -> new DirectChunkPool(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DirectChunkPool(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
