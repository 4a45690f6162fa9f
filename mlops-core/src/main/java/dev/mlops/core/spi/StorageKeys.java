package dev.mlops.core.spi;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.hash.Digest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The syntax of record and series keys, shared by every backend, and the escaping that turns any user
 * name into a safe key segment.
 *
 * <p>A key is one or more segments joined by {@code /}. A segment holds 1 to {@value #MAX_SEGMENT}
 * characters from {@code [A-Za-z0-9._~%+=@-]} and is neither {@code .} nor {@code ..}; a key has at most
 * {@value #MAX_KEY} characters. Keys are therefore safe as relative file paths, object-store keys and SQL
 * values without further quoting: no key can name a parent directory, an absolute path, a drive or a
 * NUL byte. Keys compare and list in plain {@link String} order.
 *
 * <p>User-supplied names (artifact names with spaces, Unicode) go through {@link #escapeSegment(String)}
 * first, or through {@link #segmentOf(String)} where a name may escape to more than one segment holds. This
 * class is stateless and thread-safe.
 */
public final class StorageKeys {
  /** The longest key, in characters. */
  public static final int MAX_KEY = 1024;

  /** The longest segment, in characters. */
  public static final int MAX_SEGMENT = 255;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** Separates the kept start of a long name's escape from its digest; {@link #escapeSegment} never writes it. */
  private static final char DIGEST_MARK = '~';

  /** The escaped characters a digest segment keeps before its mark: the rest holds the mark and 64 hex digits. */
  private static final int DIGEST_PREFIX = MAX_SEGMENT - 1 - 64;

  private StorageKeys() {}

  /**
   * Checks a key and returns it.
   *
   * @param key the candidate key
   * @return {@code key}
   * @throws InvalidInputException naming the key and the rule it breaks
   */
  public static String requireValid(String key) {
    String problem = problem(key);
    if (problem != null) {
      throw new InvalidInputException("invalid storage key '" + shorten(key) + "': " + problem);
    }
    return key;
  }

  /**
   * Checks a key prefix used for listing: empty, or a valid key optionally followed by {@code /}, or a
   * valid key's leading part.
   *
   * @param prefix the candidate prefix
   * @return {@code prefix}
   * @throws InvalidInputException if the prefix could not start any valid key
   */
  public static String requireValidPrefix(String prefix) {
    String problem = prefixProblem(prefix);
    if (problem != null) {
      throw new InvalidInputException("invalid storage key prefix '" + shorten(prefix) + "': " + problem);
    }
    return prefix;
  }

  /**
   * A prefix is whole segments (checked like a key, so no {@code ..} can hide in them) followed by the
   * leading part of one more segment, which may be empty or a lone {@code .} or {@code ..} (the start of
   * {@code .cache} or {@code ..old}).
   */
  private static @org.jspecify.annotations.Nullable String prefixProblem(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    if (prefix.length() > MAX_KEY) {
      return "it has " + prefix.length() + " characters, more than " + MAX_KEY;
    }
    if (prefix.charAt(0) == '/') {
      return "it starts with '/' (keys are relative)";
    }
    int lastSlash = prefix.lastIndexOf('/');
    if (lastSlash > 0) {
      String problem = problem(prefix.substring(0, lastSlash));
      if (problem != null) {
        return problem;
      }
    }
    int partialStart = lastSlash + 1;
    if (prefix.length() - partialStart > MAX_SEGMENT) {
      return "a segment at index " + partialStart + " has " + (prefix.length() - partialStart)
          + " characters, more than " + MAX_SEGMENT;
    }
    for (int i = partialStart; i < prefix.length(); i++) {
      if (!isSegmentChar(prefix.charAt(i))) {
        return badCharacter(prefix.charAt(i), i);
      }
    }
    return null;
  }

  /**
   * Tells whether a key is valid.
   *
   * @param key the candidate key
   * @return true if {@link #requireValid(String)} would accept it
   */
  public static boolean isValid(String key) {
    return problem(key) == null;
  }

  private static @org.jspecify.annotations.Nullable String problem(String key) {
    if (key.isEmpty()) {
      return "it is empty";
    }
    if (key.length() > MAX_KEY) {
      return "it has " + key.length() + " characters, more than " + MAX_KEY;
    }
    int start = 0;
    for (int i = 0; i <= key.length(); i++) {
      if (i == key.length() || key.charAt(i) == '/') {
        int len = i - start;
        if (len == 0) {
          return i == 0 ? "it starts with '/' (keys are relative)" : "it has an empty segment at index " + i;
        }
        if (len > MAX_SEGMENT) {
          return "a segment at index " + start + " has " + len + " characters, more than " + MAX_SEGMENT;
        }
        if ((len == 1 && key.charAt(start) == '.')
            || (len == 2 && key.charAt(start) == '.' && key.charAt(start + 1) == '.')) {
          return "segment '" + key.substring(start, i) + "' at index " + start + " is not allowed";
        }
        start = i + 1;
        continue;
      }
      if (!isSegmentChar(key.charAt(i))) {
        return badCharacter(key.charAt(i), i);
      }
    }
    return null;
  }

  private static String badCharacter(char c, int index) {
    return "character " + describe(c) + " at index " + index + " is not allowed (use [A-Za-z0-9._~%+=@-])";
  }

  private static boolean isSegmentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-' || c == '~' || c == '%' || c == '+' || c == '=' || c == '@';
  }

  /**
   * Escapes any non-empty string into one valid key segment, reversibly.
   *
   * <p>Letters, digits, {@code _} and {@code -} stay; every other character becomes {@code %XX} per
   * UTF-8 byte, and so does a leading {@code .}. {@code "Penguins raw/v1"} becomes
   * {@code "Penguins%20raw%2Fv1"}.
   *
   * @param name any non-empty text
   * @return a valid segment
   * @throws InvalidInputException if {@code name} is empty, holds a lone surrogate, or escapes to more than
   *     {@value #MAX_SEGMENT} characters
   */
  public static String escapeSegment(String name) {
    String out = escape(name);
    if (out.length() > MAX_SEGMENT) {
      throw new InvalidInputException("name '" + shorten(name) + "' is too long for a storage key segment ("
          + out.length() + " characters escaped, at most " + MAX_SEGMENT + ")");
    }
    return out;
  }

  /**
   * Turns any non-empty name into one valid key segment, however long its escape: the
   * {@linkplain #escapeSegment(String) escape} when it fits in {@value #MAX_SEGMENT} characters, otherwise a
   * <em>digest segment</em>: the escape's first characters (up to {@code 190}, never splitting a {@code %XX}),
   * {@code ~} and the 64 lower-case hex digits of the SHA-256 of the name's UTF-8 bytes. Distinct names give
   * distinct segments. A digest segment cannot be unescaped ({@link #isDigestSegment(String)} tells them
   * apart, since an escape never holds {@code ~}), so whoever uses it keeps the name in the value it stores.
   * Every character of a name costs at most 9 escaped characters, so without digests a segment would hold as
   * few as 28 of them.
   *
   * @param name any non-empty, well-formed text
   * @return a valid segment
   * @throws InvalidInputException if {@code name} is empty or holds a lone surrogate
   */
  public static String segmentOf(String name) {
    String escaped = escape(name);
    if (escaped.length() <= MAX_SEGMENT) {
      return escaped;
    }
    int cut = DIGEST_PREFIX;
    if (escaped.charAt(cut - 1) == '%') {
      cut -= 1;
    } else if (escaped.charAt(cut - 2) == '%') {
      cut -= 2;
    }
    return escaped.substring(0, cut) + DIGEST_MARK
        + Digest.sha256(name.getBytes(StandardCharsets.UTF_8)).hex();
  }

  /**
   * Tells whether a segment is a digest segment made by {@link #segmentOf(String)}, which cannot be unescaped.
   *
   * @param segment a segment
   * @return true if it holds the digest of a long name
   */
  public static boolean isDigestSegment(String segment) {
    return segment.indexOf(DIGEST_MARK) >= 0;
  }

  private static String escape(String name) {
    if (name.isEmpty()) {
      throw new InvalidInputException("cannot escape an empty name into a storage key segment");
    }
    byte[] utf8;
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(name));
      utf8 = new byte[encoded.remaining()];
      encoded.get(utf8);
    } catch (CharacterCodingException e) {
      // a lone surrogate would become '?' and collide with the name that really holds '?'
      throw new InvalidInputException("name '" + shorten(name) + "' is not well-formed Unicode (it holds a lone "
          + "surrogate) and cannot be escaped into a storage key segment", e);
    }
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i] & 0xFF;
      boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || b == '_' || b == '-' || (b == '.' && i > 0);
      if (plain) {
        out.append((char) b);
      } else {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * Reverses {@link #escapeSegment(String)}.
   *
   * @param segment an escaped segment
   * @return the original name
   * @throws InvalidInputException if the segment holds a malformed escape, a character no segment may
   *     hold, or escaped bytes that are not UTF-8, or is a {@linkplain #isDigestSegment(String) digest segment}
   */
  public static String unescapeSegment(String segment) {
    if (isDigestSegment(segment)) {
      throw new InvalidInputException("segment '" + shorten(segment) + "' stands for a long name by its digest"
          + " and cannot be unescaped; the name is kept in the stored value");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        int hi = i + 2 < segment.length() ? hexDigit(segment.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? hexDigit(segment.charAt(i + 2)) : -1;
        if (lo < 0) {
          throw new InvalidInputException("malformed escape at index " + i + " in segment '" + shorten(segment) + "'");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (isSegmentChar(c)) {
        out.write(c);
      } else {
        throw new InvalidInputException("segment '" + shorten(segment) + "' is not an escaped name: "
            + badCharacter(c, i));
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("segment '" + shorten(segment) + "' escapes bytes that are not UTF-8", e);
    }
  }

  private static int hexDigit(char c) {
    return c < 128 ? Character.digit(c, 16) : -1;
  }

  static String describe(char c) {
    if (c == 0) {
      return "NUL";
    }
    if (c < 0x20 || c == 0x7F || Character.isWhitespace(c)) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  static String shorten(String s) {
    String visible = s.replace("\0", "\\0");
    return visible.length() <= 80 ? visible : visible.substring(0, 77) + "...";
  }
}
