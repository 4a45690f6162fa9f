package dev.mlops.validation.internal.rules;

import dev.mlops.validation.internal.column.Utf8Storage;

/**
 * A whole DFA of a {@link SimpleRegex} over bytes, built at once ({@link SimpleRegex#byteDfa}) as a dense table, for
 * judging a column's UTF-8 values in place. A state is its row's offset in the table ({@code id << 8}), so one step
 * is {@code state = next[state + (byte & 0xFF)]}: one load that depends on the step before, with no branch. Every
 * non-ASCII byte leads to an absorbing state whose verdict is "decode the value and ask again"; the state with no
 * position left is absorbing too (no match), and in FIND without a trailing {@code $} so is a state that has matched.
 * {@link #matchRows} walks four values side by side, so that the processor overlaps their chains of dependent loads.
 *
 * <p>Answers are those of {@link SimpleRegex.Matcher#match(String)} on the decoded value, or -1 where that matcher's
 * special cases start: a non-ASCII byte, and in FIND with a trailing {@code $} a value ending in {@code \n} or
 * {@code \r} (where {@code $} may match before the terminator). Immutable and thread-safe.
 */
final class ByteDfa {
  /** The most states a byte DFA may have (so a state's offset fits a {@code char}); beyond, none is built. */
  static final int MAX_STATES = 256;

  /** {@code next[s + (b & 0xFF)]}: the state after state {@code s} reads byte {@code b}. */
  private final char[] next;
  /** A state's answer by id: 1 a match, 0 none, -1 decode and ask again. */
  private final byte[] verdict;
  private final int start;
  /** FIND with a trailing {@code $}: a value ending in a line terminator is left to the string matcher. */
  private final boolean terminatorsDefer;

  ByteDfa(char[] next, byte[] verdict, int start, boolean terminatorsDefer) {
    this.next = next;
    this.verdict = verdict;
    this.start = start;
    this.terminatorsDefer = terminatorsDefer;
  }

  /**
   * Judges one value given as UTF-8 bytes.
   *
   * @param b the bytes
   * @param from the value's first byte
   * @param to the end of the value, exclusive
   * @return 1 for a match, 0 for none, -1 for "decode the value and ask the string matcher"
   */
  int match(byte[] b, int from, int to) {
    return answer(run(start, b, from, to), b, from, to);
  }

  private int run(int state, byte[] b, int from, int to) {
    char[] t = next;
    int s = state;
    for (int i = from; i < to; i++) {
      s = t[s + (b[i] & 0xFF)];
    }
    return s;
  }

  private int answer(int state, byte[] b, int from, int to) {
    if (terminatorsDefer && to > from && (b[to - 1] == '\n' || b[to - 1] == '\r')) {
      return -1;
    }
    return verdict[state >>> 8];
  }

  /**
   * Judges the values of rows {@code [from, to)} of a column kept as UTF-8 bytes, four at a time; a null row (an
   * empty range) gets the empty string's answer, for the caller to ignore.
   *
   * @param u the column's storage
   * @param from the first row
   * @param to the end row, exclusive
   * @param out receives row {@code r}'s answer (as {@link #match}) at {@code r - from}
   */
  void matchRows(Utf8Storage u, int from, int to, byte[] out) {
    byte[] b = u.bytes();
    char[] t = next;
    int r = from;
    for (; r + 4 <= to; r += 4) {
      int p0 = u.start(r);
      int p1 = u.start(r + 1);
      int p2 = u.start(r + 2);
      int p3 = u.start(r + 3);
      int p4 = u.end(r + 3);
      int n = Math.min(Math.min(p1 - p0, p2 - p1), Math.min(p3 - p2, p4 - p3));
      int s0 = start;
      int s1 = start;
      int s2 = start;
      int s3 = start;
      for (int k = 0; k < n; k++) {
        s0 = t[s0 + (b[p0 + k] & 0xFF)];
        s1 = t[s1 + (b[p1 + k] & 0xFF)];
        s2 = t[s2 + (b[p2 + k] & 0xFF)];
        s3 = t[s3 + (b[p3 + k] & 0xFF)];
      }
      int o = r - from;
      out[o] = (byte) answer(run(s0, b, p0 + n, p1), b, p0, p1);
      out[o + 1] = (byte) answer(run(s1, b, p1 + n, p2), b, p1, p2);
      out[o + 2] = (byte) answer(run(s2, b, p2 + n, p3), b, p2, p3);
      out[o + 3] = (byte) answer(run(s3, b, p3 + n, p4), b, p3, p4);
    }
    for (; r < to; r++) {
      out[r - from] = (byte) match(b, u.start(r), u.end(r));
    }
  }
}
