package dev.mlops.validation.internal.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A regex-free matcher for the small subset of regular expressions that data rules mostly use: a sequence of
 * atoms (a literal, {@code .}, a character class {@code [...]} or {@code [^...]} of literals and ranges,
 * {@code \d \D \w \W \s \S}, or an escaped punctuation character), each with an optional greedy or lazy quantifier
 * ({@code ? * + {n} {n,} {n,m}}), optionally anchored by a leading {@code ^} and a trailing {@code $}. No groups,
 * alternation, flags, back references, possessive quantifiers, look-arounds or class intersections: for those
 * {@link #compile} returns {@code null} and the caller uses {@link java.util.regex}.
 *
 * <p>Within the subset the answer equals {@link java.util.regex.Matcher#matches()} (FULL) and
 * {@link java.util.regex.Matcher#find()} (FIND) with default flags: the language of such a sequence does not depend
 * on greediness, atoms match whole code points as {@code java.util.regex} does, {@code .} excludes the line
 * terminators {@code \n \r \u0085 \u2028 \u2029}, and a trailing {@code $} also matches before a final line
 * terminator (but not between {@code \r} and {@code \n}). A property test checks this against
 * {@code java.util.regex} on generated patterns and strings.
 *
 * <p>The compiled form is immutable; {@link #newMatcher()} gives a matcher with a lazily built DFA over the
 * position set of the atoms, confined to one thread.
 */
final class SimpleRegex {
  private static final int MAX_POSITIONS = 62;
  private static final int MAX_DFA_STATES = 2048;

  /** The character sets of the positions (an atom with {@code {n,m}} becomes n required and m - n optional ones). */
  private final CharSet[] sets;
  /** Bit p: position p may match nothing (optional or starred). */
  private final long skippable;
  /** Bit p: position p repeats (starred). */
  private final long loops;
  private final boolean anchoredStart;
  private final boolean anchoredEnd;
  private final int accept;

  private SimpleRegex(List<CharSet> sets, long skippable, long loops, boolean anchoredStart, boolean anchoredEnd) {
    this.sets = sets.toArray(new CharSet[0]);
    this.skippable = skippable;
    this.loops = loops;
    this.anchoredStart = anchoredStart;
    this.anchoredEnd = anchoredEnd;
    this.accept = sets.size();
  }

  /**
   * Compiles a regular expression, or returns {@code null} when it is outside the supported subset.
   *
   * @param regex a regular expression that {@link java.util.regex.Pattern} accepts
   * @return the matcher factory, or {@code null}
   */
  static @Nullable SimpleRegex compile(String regex) {
    int i = 0;
    int n = regex.length();
    boolean start = false;
    boolean end = false;
    if (n > 0 && regex.charAt(0) == '^') {
      start = true;
      i = 1;
    }
    if (n > i && regex.charAt(n - 1) == '$' && !escapedAt(regex, n - 1)) {
      end = true;
      n--;
    }
    List<CharSet> sets = new ArrayList<>();
    long skippable = 0;
    long loops = 0;
    while (i < n) {
      char ch = regex.charAt(i);
      CharSet atom;
      if (ch == '[') {
        int close = classEnd(regex, i, n);
        if (close < 0) {
          return null;
        }
        atom = parseClass(regex, i + 1, close);
        if (atom == null) {
          return null;
        }
        i = close + 1;
      } else if (ch == '\\') {
        if (i + 1 >= n) {
          return null;
        }
        atom = escape(regex.charAt(i + 1));
        if (atom == null) {
          return null;
        }
        i += 2;
      } else if (ch == '.') {
        atom = CharSet.DOT;
        i++;
      } else if ("^$|?*+(){}]".indexOf(ch) >= 0 || Character.isSurrogate(ch)) {
        return null;
      } else {
        atom = CharSet.single(ch);
        i++;
      }
      int min = 1;
      int max = 1;
      if (i < n) {
        char q = regex.charAt(i);
        if (q == '?' || q == '*' || q == '+') {
          min = q == '+' ? 1 : 0;
          max = q == '?' ? 1 : -1;
          i++;
        } else if (q == '{') {
          int close = regex.indexOf('}', i);
          if (close < 0 || close >= n) {
            return null;
          }
          int[] bounds = counted(regex.substring(i + 1, close));
          if (bounds == null) {
            return null;
          }
          min = bounds[0];
          max = bounds[1];
          i = close + 1;
        }
        if (i < n && regex.charAt(i) == '+' && (min != 1 || max != 1)) {
          return null;
        }
        if (i < n && regex.charAt(i) == '?' && (min != 1 || max != 1)) {
          i++;
        }
      }
      int positions = min + (max < 0 ? 1 : max - min);
      if (sets.size() + positions > MAX_POSITIONS) {
        return null;
      }
      for (int k = 0; k < min; k++) {
        sets.add(atom);
      }
      if (max < 0) {
        skippable |= 1L << sets.size();
        loops |= 1L << sets.size();
        sets.add(atom);
      } else {
        for (int k = min; k < max; k++) {
          skippable |= 1L << sets.size();
          sets.add(atom);
        }
      }
    }
    return new SimpleRegex(sets, skippable, loops, start, end);
  }

  private static boolean escapedAt(String s, int at) {
    int backslashes = 0;
    for (int k = at - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static int classEnd(String s, int open, int n) {
    for (int k = open + 1; k < n; k++) {
      char c = s.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '[') {
        return -1;
      } else if (c == ']') {
        return k;
      }
    }
    return -1;
  }

  private static int @Nullable [] counted(String body) {
    int comma = body.indexOf(',');
    try {
      if (comma < 0) {
        int v = Integer.parseInt(body);
        return v >= 0 ? new int[] {v, v} : null;
      }
      int lo = Integer.parseInt(body.substring(0, comma));
      String hiText = body.substring(comma + 1);
      int hi = hiText.isEmpty() ? -1 : Integer.parseInt(hiText);
      return lo >= 0 && (hi < 0 || hi >= lo) ? new int[] {lo, hi} : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable CharSet escape(char e) {
    switch (e) {
      case 'd':
        return CharSet.DIGIT;
      case 'D':
        return CharSet.DIGIT.negate();
      case 'w':
        return CharSet.WORD;
      case 'W':
        return CharSet.WORD.negate();
      case 's':
        return CharSet.SPACE;
      case 'S':
        return CharSet.SPACE.negate();
      default:
        // a backslash before a letter or digit has another meaning (\b, \p, \1, \Q...): not in the subset
        return e < 128 && !Character.isLetterOrDigit(e) ? CharSet.single(e) : null;
    }
  }

  private static @Nullable CharSet parseClass(String s, int from, int to) {
    boolean negated = from < to && s.charAt(from) == '^';
    int k = negated ? from + 1 : from;
    if (k >= to) {
      return null;
    }
    List<int[]> ranges = new ArrayList<>();
    List<CharSet> unions = new ArrayList<>();
    while (k < to) {
      char c = s.charAt(k);
      if (c == '&' || Character.isSurrogate(c)) {
        return null;
      }
      int lo;
      if (c == '\\') {
        char e = s.charAt(k + 1);
        CharSet named = "dDwWsS".indexOf(e) >= 0 ? escape(e) : null;
        if (named != null) {
          unions.add(named);
          k += 2;
          continue;
        }
        if (e >= 128 || Character.isLetterOrDigit(e)) {
          return null;
        }
        lo = e;
        k += 2;
      } else if (c == '-' && k != (negated ? from + 1 : from) && k != to - 1) {
        return null;
      } else {
        lo = c;
        k++;
      }
      int hi = lo;
      if (k + 1 < to && s.charAt(k) == '-') {
        char h = s.charAt(k + 1);
        if (h == '\\' || h == '[' || h == '&' || Character.isSurrogate(h) || h < lo) {
          return null;
        }
        hi = h;
        k += 2;
      }
      ranges.add(new int[] {lo, hi});
    }
    CharSet set = CharSet.ofRanges(ranges);
    for (CharSet u : unions) {
      set = set.union(u);
    }
    return negated ? set.negate() : set;
  }

  /**
   * Creates a matcher with its own DFA cache.
   *
   * @param full whether the whole value must match ({@code matches()}) rather than some part ({@code find()})
   * @return a matcher confined to one thread
   */
  Matcher newMatcher(boolean full) {
    return new Matcher(full);
  }

  private long closure(long states) {
    long s = states;
    for (int p = 0; p < accept; p++) {
      if ((s & (1L << p)) != 0 && (skippable & (1L << p)) != 0) {
        s |= 1L << (p + 1);
      }
    }
    return s;
  }

  private long step(long states, int cp) {
    long next = 0;
    for (int p = 0; p < accept; p++) {
      if ((states & (1L << p)) != 0 && sets[p].contains(cp)) {
        next |= (loops & (1L << p)) != 0 ? 1L << p : 1L << (p + 1);
      }
    }
    return closure(next);
  }

  private static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** Matches strings with a DFA built lazily from position sets. Confined to one thread. */
  final class Matcher {
    private final Map<Long, Integer> ids = new HashMap<>();
    private long[] stateSets = new long[16];
    private int[] ascii = new int[16 * 128];
    private int count;
    private final int startId;
    private final long startSet = closure(1L);
    private final boolean full;
    /** FIND without {@code ^}: a match may start at every position, so the start state joins every step. */
    private final boolean reseed;

    /** The empty position set: nothing can match any more (never reached when a match may start anywhere). */
    private final int deadId;
    /** FIND without {@code $}: reaching the accepting position anywhere is a match. */
    private final boolean earlyAccept;

    private Matcher(boolean full) {
      this.full = full;
      this.reseed = !full && !anchoredStart;
      this.earlyAccept = !full && !anchoredEnd;
      startId = intern(startSet);
      deadId = intern(0L);
    }

    /** Returns the id of a state set, creating it; -1 when the DFA is full. */
    private int intern(long set) {
      Integer id = ids.get(set);
      if (id != null) {
        return id;
      }
      if (count == MAX_DFA_STATES) {
        return -1;
      }
      if (count == stateSets.length) {
        stateSets = Arrays.copyOf(stateSets, count * 2);
        ascii = Arrays.copyOf(ascii, count * 2 * 128);
      }
      Arrays.fill(ascii, count * 128, (count + 1) * 128, -1);
      stateSets[count] = set;
      ids.put(set, count);
      return count++;
    }

    private int next(int id, int cp) {
      if (cp < 128) {
        int t = ascii[id * 128 + cp];
        if (t >= 0) {
          return t;
        }
      }
      long set = step(stateSets[id], cp);
      if (reseed) {
        set |= startSet;
      }
      int t = intern(set);
      if (t >= 0 && cp < 128) {
        ascii[id * 128 + cp] = t;
      }
      return t;
    }

    private boolean accepting(int id) {
      return (stateSets[id] & (1L << accept)) != 0;
    }

    /**
     * Tells whether a value matches, or -1 when the DFA outgrew its cap and the caller must use the regex.
     *
     * @param s the value
     * @return 1 for a match, 0 for none, -1 for "ask java.util.regex"
     */
    int match(String s) {
      int len = s.length();
      boolean checkTail = anchoredEnd && !full;
      // the fast loop: cached ASCII transitions; the last two characters are left to the tail loop when a trailing
      // $ may match before a final line terminator
      int stop = checkTail ? Math.max(0, len - 2) : len;
      int[] table = ascii;
      int id = startId;
      if (earlyAccept && accepting(id)) {
        return 1;
      }
      int i = 0;
      while (i < stop) {
        char c = s.charAt(i);
        int t = c < 128 ? table[(id << 7) + c] : -1;
        if (t >= 0) {
          id = t;
          i++;
        } else {
          int cp = Character.codePointAt(s, i);
          i += Character.charCount(cp);
          id = next(id, cp);
          if (id < 0) {
            return -1;
          }
          table = ascii;
        }
        if (id == deadId) {
          return 0;
        }
        if (earlyAccept && accepting(id)) {
          return 1;
        }
      }
      if (!checkTail) {
        return accepting(id) ? 1 : 0;
      }
      int beforeLast = -1;
      int last = -1;
      while (i < len) {
        if (i == len - 2) {
          beforeLast = id;
        } else if (i == len - 1) {
          last = id;
        }
        int cp = Character.codePointAt(s, i);
        i += Character.charCount(cp);
        id = next(id, cp);
        if (id < 0) {
          return -1;
        }
        if (id == deadId) {
          // no position left: only a $ before a final line terminator (judged below) can still match
          break;
        }
      }
      if (accepting(id)) {
        return 1;
      }
      // a trailing $ also matches before a final line terminator, or before a final \r\n
      if (last >= 0 && accepting(last) && isLineTerminator(s.charAt(len - 1))
          && !(s.charAt(len - 1) == '\n' && len >= 2 && s.charAt(len - 2) == '\r')) {
        return 1;
      }
      return beforeLast >= 0 && accepting(beforeLast) && s.charAt(len - 2) == '\r' && s.charAt(len - 1) == '\n'
          ? 1 : 0;
    }
  }

  /** A set of code points: an ASCII bitmap plus sorted ranges above ASCII, possibly negated. Immutable. */
  static final class CharSet {
    static final CharSet DIGIT = ofRanges(List.of(new int[] {'0', '9'}));
    static final CharSet WORD = ofRanges(List.of(new int[] {'a', 'z'}, new int[] {'A', 'Z'}, new int[] {'_', '_'},
        new int[] {'0', '9'}));
    static final CharSet SPACE = ofRanges(List.of(new int[] {' ', ' '}, new int[] {'\t', '\r'}));
    static final CharSet DOT = ofRanges(List.of(new int[] {'\n', '\n'}, new int[] {'\r', '\r'},
        new int[] {'\u0085', '\u0085'}, new int[] {'\u2028', '\u2029'})).negate();

    private final long low;
    private final long high;
    private final int[] ranges;
    private final CharSet[] parts;
    private final boolean negated;

    private CharSet(long low, long high, int[] ranges, CharSet[] parts, boolean negated) {
      this.low = low;
      this.high = high;
      this.ranges = ranges;
      this.parts = parts;
      this.negated = negated;
    }

    static CharSet single(int c) {
      return ofRanges(List.of(new int[] {c, c}));
    }

    static CharSet ofRanges(List<int[]> list) {
      long lo = 0;
      long hi = 0;
      List<int[]> above = new ArrayList<>();
      for (int[] r : list) {
        for (int c = r[0]; c <= Math.min(r[1], 127); c++) {
          if (c < 64) {
            lo |= 1L << c;
          } else {
            hi |= 1L << (c - 64);
          }
        }
        if (r[1] >= 128) {
          above.add(new int[] {Math.max(128, r[0]), r[1]});
        }
      }
      int[] flat = new int[above.size() * 2];
      for (int k = 0; k < above.size(); k++) {
        flat[2 * k] = above.get(k)[0];
        flat[2 * k + 1] = above.get(k)[1];
      }
      return new CharSet(lo, hi, flat, new CharSet[0], false);
    }

    CharSet negate() {
      return new CharSet(low, high, ranges, parts, !negated);
    }

    /** Adds a named class ({@code \d}, {@code \w}, {@code \s} or their negations) to a class not yet negated. */
    CharSet union(CharSet other) {
      CharSet[] more = Arrays.copyOf(parts, parts.length + 1);
      more[parts.length] = other;
      return new CharSet(low, high, ranges, more, negated);
    }

    boolean contains(int cp) {
      boolean in;
      if (cp < 64) {
        in = (low & (1L << cp)) != 0;
      } else if (cp < 128) {
        in = (high & (1L << (cp - 64))) != 0;
      } else {
        in = false;
        for (int k = 0; k < ranges.length; k += 2) {
          if (cp >= ranges[k] && cp <= ranges[k + 1]) {
            in = true;
            break;
          }
        }
      }
      for (int k = 0; !in && k < parts.length; k++) {
        in = parts[k].contains(cp);
      }
      return in != negated;
    }
  }
}
