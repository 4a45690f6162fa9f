package dev.mlops.core.internal.content;

import dev.mlops.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Checks the relative paths of files inside a directory artifact, on write and on read, so that no
 * stored name can escape the directory it is restored into.
 *
 * <p>A valid relative path is non-empty, at most {@value #MAX_LENGTH} characters, made of segments
 * separated by {@code /}; no segment is empty (so no leading, trailing or doubled {@code /}), {@code .} or
 * {@code ..}, or longer than 255 UTF-8 bytes; there is no backslash, no control character (NUL
 * included), no lone surrogate, and the first segment is not a drive ({@code C:}). Paths are compared by
 * {@link #CODE_POINT_ORDER}, the order of their Unicode code points, which is also the order of their
 * UTF-8 bytes and so does not depend on the language the reader is written in. Stateless and
 * thread-safe.
 */
public final class RelativePaths {
  /** The longest accepted path, in chars. */
  public static final int MAX_LENGTH = 4096;

  /** Orders paths by Unicode code points (equivalently, by their UTF-8 bytes). */
  public static final Comparator<String> CODE_POINT_ORDER = RelativePaths::compareCodePoints;

  private static final int MAX_SEGMENT_BYTES = 255;

  private RelativePaths() {}

  /**
   * Checks a relative path.
   *
   * @param path the candidate, with {@code /} separators
   * @return the same path
   * @throws InvalidInputException naming the path and the rule it breaks
   */
  public static String check(String path) {
    if (path.isEmpty()) {
      throw bad(path, "it is empty");
    }
    if (path.length() > MAX_LENGTH) {
      throw bad(path, "it is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw bad(path, "it contains the control character U+" + String.format("%04X", (int) c));
      } else if (c == '\\') {
        throw bad(path, "it contains a backslash; use '/' as the separator");
      } else if (Character.isHighSurrogate(c) && i + 1 < path.length()
          && Character.isLowSurrogate(path.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw bad(path, "it contains a lone surrogate");
      }
    }
    if (path.length() >= 2 && path.charAt(1) == ':' && isAsciiLetter(path.charAt(0))) {
      throw bad(path, "it starts with a drive letter");
    }
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      int length = end - start;
      if (length == 0) {
        throw bad(path, start == 0 ? "it is absolute" : "it has an empty segment");
      } else if (path.charAt(start) == '.' && (length == 1 || (length == 2 && path.charAt(start + 1) == '.'))) {
        throw bad(path, "it has a '" + path.substring(start, end) + "' segment");
      } else if (length > MAX_SEGMENT_BYTES / 3
          && path.substring(start, end).getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw bad(path, "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
      }
      start = end + 1;
    }
    return path;
  }

  /**
   * Resolves a checked relative path under a root directory.
   *
   * @param root the directory
   * @param relative the relative path
   * @return the resolved path, guaranteed to lie under {@code root}
   * @throws InvalidInputException if the relative path is invalid or would leave the root
   */
  public static Path resolve(Path root, String relative) {
    check(relative);
    Path base = root.toAbsolutePath().normalize();
    Path resolved = base;
    try {
      for (String segment : relative.split("/", -1)) {
        resolved = resolved.resolve(segment);
      }
    } catch (InvalidPathException e) {
      throw bad(relative, "this file system cannot name it (" + e.getReason() + ")");
    }
    if (!resolved.normalize().startsWith(base) || resolved.getNameCount() != base.getNameCount()
        + relative.split("/", -1).length) {
      throw bad(relative, "it does not stay under " + base.getFileName() + " on this file system");
    }
    return resolved;
  }

  /**
   * Turns a file found under a root into its checked relative path with {@code /} separators.
   *
   * @param root the directory
   * @param file a path under it
   * @return the relative path
   * @throws InvalidInputException if the file is not under the root or its name is not a valid path
   *     segment (for example it contains a backslash)
   */
  public static String relativize(Path root, Path file) {
    Path rel = root.relativize(file);
    StringBuilder out = new StringBuilder();
    for (Path name : rel) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(name.toString());
    }
    return check(out.toString());
  }

  /**
   * Compares by code points without decoding them: UTF-16 order equals code point order except that
   * surrogates (U+D800..U+DFFF, which encode code points above U+FFFF) sort below U+E000..U+FFFF, so at the
   * first differing char those two ranges are swapped before comparing.
   */
  private static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        return Integer.compare(codePointRank(ca), codePointRank(cb));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int codePointRank(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c <= 0xDFFF ? c + 0x2000 : c - 0x800;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static InvalidInputException bad(String path, String why) {
    String shown = path.length() > 120 ? path.substring(0, 117) + "..." : path;
    StringBuilder printable = new StringBuilder();
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      printable.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return new InvalidInputException("invalid relative path '" + printable + "': " + why);
  }
}
