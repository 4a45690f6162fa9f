package dev.mlops.tracking.internal.monitor;

import java.util.HashSet;
import java.util.Set;

/**
 * CPython's {@code random.Random}: the MT19937 Mersenne Twister seeded from an integer the way CPython
 * seeds it, with {@code getrandbits}, {@code _randbelow} and {@code sample(range(n), k)} reproduced so
 * that the same seed draws the same indices as Python 3.11.
 *
 * <p>River's KSWIN samples with {@code random.Random(seed)}, so reproducing it makes KSWIN's detection
 * points on random input equal to River's. Not thread-safe: guarded by the owning detector's caller.
 */
public final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;

  private final int[] mt = new int[N];
  private int index;
  private int[] pool = new int[0];

  /**
   * Seeds the generator as {@code random.Random(seed)} does for an integer seed.
   *
   * @param seed the seed; its absolute value is used, as in CPython
   */
  public PythonRandom(long seed) {
    // CPython takes abs(seed) and splits it into 32-bit words, least significant first.
    long magnitude = seed == Long.MIN_VALUE ? Long.MIN_VALUE : Math.abs(seed);
    int low = (int) magnitude;
    int high = (int) (magnitude >>> 32);
    int[] key = high == 0 ? new int[] {low} : new int[] {low, high};
    initByArray(key);
  }

  private PythonRandom(int[] state, int index) {
    System.arraycopy(state, 0, mt, 0, N);
    this.index = index;
  }

  /**
   * Restores a generator from {@link #state()} and {@link #position()}.
   *
   * @param state the 624 state words
   * @param position the position in the state, 0 to 624
   * @return the restored generator
   */
  public static PythonRandom restore(int[] state, int position) {
    if (state.length != N || position < 0 || position > N) {
      throw new IllegalArgumentException("a Mersenne Twister state has 624 words and a position in [0, 624]");
    }
    return new PythonRandom(state, position);
  }

  /**
   * Returns a copy of the 624 state words.
   *
   * @return the state words
   */
  public int[] state() {
    return mt.clone();
  }

  /**
   * Returns the position of the next word to temper.
   *
   * @return the position, 0 to 624
   */
  public int position() {
    return index;
  }

  /**
   * Returns a copy with the same state.
   *
   * @return the copy
   */
  public PythonRandom copy() {
    return new PythonRandom(mt, index);
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private void twist() {
    for (int k = 0; k < N; k++) {
      int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
      int next = mt[(k + M) % N] ^ (y >>> 1);
      if ((y & 1) != 0) {
        next ^= 0x9908b0df;
      }
      mt[k] = next;
    }
    index = 0;
  }

  /**
   * Returns the next tempered 32-bit word, as an unsigned value.
   *
   * @return a value in [0, 2^32)
   */
  public long nextUint32() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  /**
   * {@code getrandbits(k)} for {@code 1 <= k <= 32}.
   *
   * @param k the number of bits
   * @return a value in [0, 2^k)
   */
  public long getRandBits(int k) {
    return nextUint32() >>> (32 - k);
  }

  /**
   * {@code _randbelow(n)}: a uniform integer in [0, n) by rejection on {@code n.bit_length()} bits.
   *
   * @param n the bound, 1 to 2^31 - 1
   * @return a value in [0, n)
   */
  public int randBelow(int n) {
    int bits = 32 - Integer.numberOfLeadingZeros(n);
    long r = getRandBits(bits);
    while (r >= n) {
      r = getRandBits(bits);
    }
    return (int) r;
  }

  /**
   * {@code sample(range(n), k)}: k distinct indices of [0, n) in CPython's order, using its pool method
   * for small populations and its rejection-set method for large ones.
   *
   * @param n the population size
   * @param k the sample size, at most {@code n}
   * @return the sampled indices, in draw order
   */
  public int[] sample(int n, int k) {
    int[] result = new int[k];
    sampleInto(n, result);
    return result;
  }

  /**
   * {@code sample(range(n), result.length)} written into {@code result}, without allocating for small
   * populations beyond a pool reused across calls.
   *
   * @param n the population size, at least {@code result.length}
   * @param result receives the sampled indices, in draw order
   */
  public void sampleInto(int n, int[] result) {
    int k = result.length;
    if (k > n) {
      throw new IllegalArgumentException("sample larger than population");
    }
    long setSize = 21;
    if (k > 5) {
      setSize += (long) Math.pow(4, Math.ceil(Math.log(k * 3.0) / Math.log(4)));
    }
    if (n <= setSize) {
      if (pool.length < n) {
        pool = new int[n];
      }
      for (int i = 0; i < n; i++) {
        pool[i] = i;
      }
      for (int i = 0; i < k; i++) {
        int j = randBelow(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      Set<Integer> selected = new HashSet<>();
      for (int i = 0; i < k; i++) {
        int j = randBelow(n);
        while (selected.contains(j)) {
          j = randBelow(n);
        }
        selected.add(j);
        result[i] = j;
      }
    }
  }
}
