package dev.mlops.validation.internal.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A regex-free matcher for the regular subset of regular expressions that data rules mostly use: atoms (a literal,
 * {@code .}, a character class {@code [...]} or {@code [^...]} of literals and ranges, {@code \d \D \w \W \s \S},
 * or an escaped punctuation character), groups {@code (...)} and {@code (?:...)}, alternation {@code |}, each atom or
 * group with an optional greedy or lazy quantifier ({@code ? * + {n} {n,} {n,m}}), optionally anchored by a leading
 * {@code ^} and a trailing {@code $} (not with alternation at the top, where an anchor binds to one alternative). No
 * flags, back references, possessive quantifiers, look-arounds, named groups or class intersections: for those
 * {@link #compile} returns {@code null} and the caller uses {@link java.util.regex}.
 *
 * <p>Within the subset the answer equals {@link java.util.regex.Matcher#matches()} (FULL) and
 * {@link java.util.regex.Matcher#find()} (FIND) with default flags: whether a match exists does not depend on
 * greediness or on the order of alternatives, atoms match whole code points as {@code java.util.regex} does,
 * {@code .} excludes the line terminators {@code \n \r \u0085 \u2028 \u2029}, and a trailing {@code $} also matches
 * before a final line terminator (but not between {@code \r} and {@code \n}). A property test checks this against
 * {@code java.util.regex} on generated patterns and strings.
 *
 * <p>The pattern becomes a position automaton (Glushkov's construction: one position per atom occurrence, a counted
 * quantifier repeating its body's positions, with the positions each one may be followed by); the compiled form is
 * immutable, and {@link #newMatcher} gives a matcher with a lazily built DFA over sets of positions, confined to one
 * thread.
 */
final class SimpleRegex {
  private static final int MAX_POSITIONS = 62;
  /** The state bit of "nothing matched yet": the next character may take any first position. */
  private static final long START = 1L << 62;
  /** The byte DFA's state of a FIND that has matched (no set of positions has bit 63). */
  private static final long ACCEPTED = -1L;
  private static final int MAX_DFA_STATES = 2048;

  /** The character sets of the positions. */
  private final CharSet[] sets;
  /** Bit q of {@code follow[p]}: position q may come right after position p. */
  private final long[] follow;
  /** The positions a match may begin with. */
  private final long first;
  /** The positions a match may end with. */
  private final long last;
  /** Whether the empty string matches. */
  private final boolean nullable;
  private final boolean anchoredStart;
  private final boolean anchoredEnd;

  private SimpleRegex(Positions p, Fragment whole, boolean anchoredStart, boolean anchoredEnd) {
    this.sets = p.sets.toArray(new CharSet[0]);
    this.follow = Arrays.copyOf(p.follow, sets.length);
    this.first = whole.first;
    this.last = whole.last;
    this.nullable = whole.nullable;
    this.anchoredStart = anchoredStart;
    this.anchoredEnd = anchoredEnd;
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
    Parser parser = new Parser(regex, i, n);
    Node root = parser.alternation();
    if (root == null || parser.at != n || ((start || end) && root instanceof Alt)) {
      return null;
    }
    Positions positions = new Positions();
    Fragment whole = positions.build(root);
    return whole == null ? null : new SimpleRegex(positions, whole, start, end);
  }

  /** A parsed pattern: an atom, a sequence, an alternation or a repetition. */
  private abstract static class Node {}

  private static final class Atom extends Node {
    final CharSet set;

    Atom(CharSet set) {
      this.set = set;
    }
  }

  private static final class Seq extends Node {
    final List<Node> parts;

    Seq(List<Node> parts) {
      this.parts = parts;
    }
  }

  private static final class Alt extends Node {
    final List<Node> options;

    Alt(List<Node> options) {
      this.options = options;
    }
  }

  private static final class Repeat extends Node {
    final Node body;
    final int min;
    /** The most repetitions, or -1 for no bound. */
    final int max;

    Repeat(Node body, int min, int max) {
      this.body = body;
      this.min = min;
      this.max = max;
    }
  }

  /** A recursive-descent parser of the subset; each method returns {@code null} outside it. */
  private static final class Parser {
    private final String regex;
    private final int end;
    int at;

    Parser(String regex, int from, int end) {
      this.regex = regex;
      this.at = from;
      this.end = end;
    }

    @Nullable Node alternation() {
      List<Node> options = new ArrayList<>();
      do {
        if (!options.isEmpty()) {
          at++;
        }
        Node s = sequence();
        if (s == null) {
          return null;
        }
        options.add(s);
      } while (at < end && regex.charAt(at) == '|');
      return options.size() == 1 ? options.get(0) : new Alt(options);
    }

    private @Nullable Node sequence() {
      List<Node> parts = new ArrayList<>();
      while (at < end && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
        Node a = atom();
        if (a == null) {
          return null;
        }
        a = quantified(a);
        if (a == null) {
          return null;
        }
        parts.add(a);
      }
      return parts.size() == 1 ? parts.get(0) : new Seq(parts);
    }

    private @Nullable Node atom() {
      char ch = regex.charAt(at);
      if (ch == '(') {
        at++;
        if (at < end && regex.charAt(at) == '?') {
          if (at + 1 >= end || regex.charAt(at + 1) != ':') {
            return null;
          }
          at += 2;
        }
        Node inner = alternation();
        if (inner == null || at >= end || regex.charAt(at) != ')') {
          return null;
        }
        at++;
        return inner;
      }
      CharSet set;
      if (ch == '[') {
        int close = classEnd(regex, at, end);
        if (close < 0) {
          return null;
        }
        set = parseClass(regex, at + 1, close);
        at = close + 1;
      } else if (ch == '\\') {
        if (at + 1 >= end) {
          return null;
        }
        set = escape(regex.charAt(at + 1));
        at += 2;
      } else if (ch == '.') {
        set = CharSet.DOT;
        at++;
      } else if ("^$?*+{}]".indexOf(ch) >= 0 || Character.isSurrogate(ch)) {
        return null;
      } else {
        set = CharSet.single(ch);
        at++;
      }
      return set == null ? null : new Atom(set);
    }

    private @Nullable Node quantified(Node a) {
      if (at >= end) {
        return a;
      }
      char q = regex.charAt(at);
      int min;
      int max;
      if (q == '?' || q == '*' || q == '+') {
        min = q == '+' ? 1 : 0;
        max = q == '?' ? 1 : -1;
        at++;
      } else if (q == '{') {
        int close = regex.indexOf('}', at);
        if (close < 0 || close >= end) {
          return null;
        }
        int[] bounds = counted(regex.substring(at + 1, close));
        if (bounds == null) {
          return null;
        }
        min = bounds[0];
        max = bounds[1];
        at = close + 1;
      } else {
        return a;
      }
      if (at < end && regex.charAt(at) == '+') {
        return null;
      }
      if (at < end && regex.charAt(at) == '?') {
        at++;
      }
      return new Repeat(a, min, max);
    }
  }

  /** What a part of the pattern contributes: its first and last positions and whether it matches the empty string. */
  private static final class Fragment {
    long first;
    long last;
    boolean nullable;

    Fragment(long first, long last, boolean nullable) {
      this.first = first;
      this.last = last;
      this.nullable = nullable;
    }
  }

  /** The positions of a pattern, numbered in a walk of its tree, and what may follow each. */
  private static final class Positions {
    final List<CharSet> sets = new ArrayList<>();
    long[] follow = new long[MAX_POSITIONS];

    /** The fragment of a node, its positions added; {@code null} past {@value #MAX_POSITIONS} positions. */
    @Nullable Fragment build(Node node) {
      if (node instanceof Atom) {
        if (sets.size() == MAX_POSITIONS) {
          return null;
        }
        long bit = 1L << sets.size();
        sets.add(((Atom) node).set);
        return new Fragment(bit, bit, false);
      }
      if (node instanceof Seq) {
        Fragment f = new Fragment(0, 0, true);
        for (Node part : ((Seq) node).parts) {
          Fragment g = build(part);
          if (g == null) {
            return null;
          }
          f = concat(f, g);
        }
        return f;
      }
      if (node instanceof Alt) {
        Fragment f = new Fragment(0, 0, false);
        for (Node option : ((Alt) node).options) {
          Fragment g = build(option);
          if (g == null) {
            return null;
          }
          f.first |= g.first;
          f.last |= g.last;
          f.nullable |= g.nullable;
        }
        return f;
      }
      Repeat r = (Repeat) node;
      Fragment f = new Fragment(0, 0, true);
      int required = r.max < 0 ? Math.max(0, r.min - 1) : r.min;
      for (int k = 0; k < required; k++) {
        Fragment g = build(r.body);
        if (g == null) {
          return null;
        }
        f = concat(f, g);
      }
      if (r.max < 0) {
        Fragment g = build(r.body);
        if (g == null) {
          return null;
        }
        link(g.last, g.first);
        g.nullable |= r.min == 0;
        return concat(f, g);
      }
      for (int k = r.min; k < r.max; k++) {
        Fragment g = build(r.body);
        if (g == null) {
          return null;
        }
        g.nullable = true;
        f = concat(f, g);
      }
      return f;
    }

    private Fragment concat(Fragment a, Fragment b) {
      link(a.last, b.first);
      return new Fragment(a.first | (a.nullable ? b.first : 0), b.last | (b.nullable ? a.last : 0),
          a.nullable && b.nullable);
    }

    private void link(long from, long to) {
      for (long m = from; m != 0; m &= m - 1) {
        follow[Long.numberOfTrailingZeros(m)] |= to;
      }
    }
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

  /**
   * Builds the whole DFA over bytes for {@link ByteDfa} (every state reachable from the start by ASCII characters,
   * each non-ASCII byte leading to the state that defers to the string matcher), or returns {@code null} when it would
   * have more than {@link ByteDfa#MAX_STATES} states.
   *
   * @param full whether the whole value must match ({@code matches()}) rather than some part ({@code find()})
   * @return the byte DFA, or {@code null}
   */
  @Nullable ByteDfa byteDfa(boolean full) {
    boolean reseed = !full && !anchoredStart;
    boolean earlyAccept = !full && !anchoredEnd;
    // ASCII characters that every position treats alike lead every state to the same state: step once per class
    Map<Long, Integer> classIds = new HashMap<>();
    int[] classOf = new int[128];
    List<Integer> representatives = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      long signature = 0;
      for (int p = 0; p < sets.length; p++) {
        if (sets[p].contains(c)) {
          signature |= 1L << p;
        }
      }
      Integer id = classIds.get(signature);
      if (id == null) {
        id = representatives.size();
        classIds.put(signature, id);
        representatives.add(c);
      }
      classOf[c] = id;
    }
    // state 0 defers (a non-ASCII byte was read); ACCEPTED (no position set has bit 63) is a FIND's match so far
    Map<Long, Integer> ids = new HashMap<>();
    List<Long> states = new ArrayList<>();
    states.add(0L);
    long startSet = byteState(START, earlyAccept);
    ids.put(startSet, 1);
    states.add(startSet);
    char[] next = new char[256 * 8];
    int[] stepped = new int[representatives.size()];
    for (int id = 1; id < states.size(); id++) {
      long set = states.get(id);
      if (256 * (id + 1) > next.length) {
        next = Arrays.copyOf(next, next.length * 2);
      }
      int row = id << 8;
      if (set == ACCEPTED || set == 0) {
        // absorbing: a FIND that matched stays matched; with no position left nothing can match
        Arrays.fill(next, row, row + 256, (char) row);
        continue;
      }
      for (int k = 0; k < stepped.length; k++) {
        long to = byteState(step(set, representatives.get(k)) | (reseed ? START : 0), earlyAccept);
        Integer t = ids.get(to);
        if (t == null) {
          if (states.size() == ByteDfa.MAX_STATES) {
            return null;
          }
          t = states.size();
          ids.put(to, t);
          states.add(to);
        }
        stepped[k] = t << 8;
      }
      for (int c = 0; c < 128; c++) {
        next[row + c] = (char) stepped[classOf[c]];
      }
      // bytes 128..255 stay 0: the deferring state
    }
    byte[] verdict = new byte[states.size()];
    verdict[0] = -1;
    for (int id = 1; id < states.size(); id++) {
      long set = states.get(id);
      verdict[id] = (byte) (set == ACCEPTED || acceptingSet(set) ? 1 : 0);
    }
    return new ByteDfa(Arrays.copyOf(next, states.size() * 256), verdict, 1 << 8, !full && anchoredEnd);
  }

  /** The byte DFA's state of a position set: in a FIND without {@code $}, every accepting set is one match state. */
  private long byteState(long set, boolean earlyAccept) {
    return earlyAccept && acceptingSet(set) ? ACCEPTED : set;
  }

  private boolean acceptingSet(long set) {
    return (set & last) != 0 || ((set & START) != 0 && nullable);
  }

  /** The positions reached from a state (a set of positions just matched, maybe {@link #START}) by a code point. */
  private long step(long states, int cp) {
    long candidates = (states & START) != 0 ? first : 0;
    for (long m = states & ~START; m != 0; m &= m - 1) {
      candidates |= follow[Long.numberOfTrailingZeros(m)];
    }
    long next = 0;
    for (long m = candidates; m != 0; m &= m - 1) {
      int p = Long.numberOfTrailingZeros(m);
      if (sets[p].contains(cp)) {
        next |= 1L << p;
      }
    }
    return next;
  }

  private static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** Matches strings with a DFA built lazily from position sets. Confined to one thread. */
  final class Matcher {
    private final Map<Long, Integer> ids = new HashMap<>();
    private long[] stateSets = new long[16];
    private int[] ascii = new int[16 * 128];
    /**
     * Bit {@code c} (of {@code c < 64}, resp. of {@code c - 64}) of a state's entry: ASCII character {@code c} leads
     * back to the same state, so the byte matcher skips a run of such characters without a table lookup per byte
     * depending on the one before (a local part or domain label stays in one state for most of its characters).
     */
    private long[] loopLow = new long[16];
    private long[] loopHigh = new long[16];
    private int count;
    private final int startId;
    private final long startSet = START;
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
        loopLow = Arrays.copyOf(loopLow, count * 2);
        loopHigh = Arrays.copyOf(loopHigh, count * 2);
      }
      Arrays.fill(ascii, count * 128, (count + 1) * 128, -1);
      stateSets[count] = set;
      long low = 0;
      long high = 0;
      for (int c = 0; c < 128; c++) {
        if ((step(set, c) | (reseed ? startSet : 0)) == set) {
          if (c < 64) {
            low |= 1L << c;
          } else {
            high |= 1L << c;
          }
        }
      }
      loopLow[count] = low;
      loopHigh[count] = high;
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
      return acceptingSet(stateSets[id]);
    }

    /**
     * Tells whether a value given as UTF-8 bytes matches, without decoding it, when every byte is ASCII (then byte
     * {@code i} is character {@code i}); otherwise, or with a trailing {@code $} in FIND mode, or when the DFA
     * outgrew its cap, returns -1 and the caller asks {@link #match(String)} with the decoded value.
     *
     * @param b the bytes
     * @param from the value's first byte
     * @param to the end of the value, exclusive
     * @return 1 for a match, 0 for none, -1 for "decode the value and ask again"
     */
    int match(byte[] b, int from, int to) {
      if (anchoredEnd && !full) {
        return -1;
      }
      int id = startId;
      if (earlyAccept) {
        if (accepting(id)) {
          return 1;
        }
        for (int i = from; i < to; i++) {
          id = byteStep(id, b[i]);
          if (id < 0) {
            return -1;
          }
          if (accepting(id)) {
            return 1;
          }
          if (id == deadId) {
            return 0;
          }
        }
        return 0;
      }
      int i = from;
      while (i < to) {
        long low = loopLow[id];
        long high = loopHigh[id];
        int c;
        // a run of characters that keep the state: each test depends on its own byte only
        while ((c = b[i]) >= 0 && ((c < 64 ? low : high) >>> c & 1) != 0) {
          if (++i == to) {
            return accepting(id) ? 1 : 0;
          }
        }
        id = byteStep(id, c);
        if (id < 0) {
          return -1;
        }
        if (id == deadId) {
          return 0;
        }
        i++;
      }
      return accepting(id) ? 1 : 0;
    }

    /** The transition on a byte: the next state, or -1 for a non-ASCII byte or a full DFA. */
    private int byteStep(int id, int c) {
      if (c < 0) {
        return -1;
      }
      int t = ascii[(id << 7) | c];
      return t >= 0 ? t : next(id, c);
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
