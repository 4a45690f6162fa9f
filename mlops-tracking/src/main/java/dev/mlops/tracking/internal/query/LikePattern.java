package dev.mlops.tracking.internal.query;

/**
 * A compiled SQL {@code LIKE} pattern ({@code %} any run of characters, {@code _} exactly one character),
 * matched without regular expressions by a greedy two-pointer walk.
 *
 * <p>The walk advances through the value once; on a mismatch it returns only to the most recent
 * {@code %}, never further, because a later {@code %} can absorb anything an earlier one could. So a
 * match costs at most the value's length times the length of the pattern segment after the last
 * {@code %} (linear in the value for any given pattern), where a backtracking regular expression over
 * {@code %a%a%a%b} grows exponentially with the number of {@code %}s. Characters are compared as Unicode
 * code points; {@code ILIKE} folds case the way {@link Character#toUpperCase(int)} and
 * {@link Character#toLowerCase(int)} do. Immutable; thread-safe.
 */
final class LikePattern {
  /** A {@code %} in {@link #pattern}; code points are never negative. */
  private static final int ANY_RUN = -1;
  /** A {@code _} in {@link #pattern}. */
  private static final int ANY_ONE = -2;

  private final int[] pattern;
  private final boolean caseInsensitive;

  private LikePattern(int[] pattern, boolean caseInsensitive) {
    this.pattern = pattern;
    this.caseInsensitive = caseInsensitive;
  }

  /**
   * Compiles a pattern.
   *
   * @param pattern the SQL pattern
   * @param caseInsensitive true for {@code ILIKE}
   * @return the compiled pattern
   */
  static LikePattern compile(String pattern, boolean caseInsensitive) {
    int[] cps = pattern.codePoints().map(c -> c == '%' ? ANY_RUN : c == '_' ? ANY_ONE : c).toArray();
    int n = 0;
    for (int i = 0; i < cps.length; i++) { // "%%" means the same as "%": keep one
      if (!(cps[i] == ANY_RUN && n > 0 && cps[n - 1] == ANY_RUN)) {
        cps[n++] = cps[i];
      }
    }
    return new LikePattern(java.util.Arrays.copyOf(cps, n), caseInsensitive);
  }

  /**
   * Tells whether a whole value matches.
   *
   * @param value the value
   * @return true if the pattern matches all of it
   */
  boolean matches(String value) {
    int[] s = value.codePoints().toArray();
    int p = 0;
    int i = 0;
    int lastRun = -1; // the pattern index of the most recent %
    int resumeAt = 0; // where the value restarts when the segment after it fails
    while (i < s.length) {
      if (p < pattern.length && pattern[p] == ANY_RUN) {
        lastRun = p++;
        resumeAt = i;
      } else if (p < pattern.length && (pattern[p] == ANY_ONE || same(pattern[p], s[i]))) {
        p++;
        i++;
      } else if (lastRun >= 0) {
        p = lastRun + 1;
        i = ++resumeAt;
      } else {
        return false;
      }
    }
    while (p < pattern.length && pattern[p] == ANY_RUN) {
      p++;
    }
    return p == pattern.length;
  }

  private boolean same(int a, int b) {
    return a == b || caseInsensitive && (Character.toUpperCase(a) == Character.toUpperCase(b)
        || Character.toLowerCase(a) == Character.toLowerCase(b));
  }
}
