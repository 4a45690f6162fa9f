package dev.mlops.core.internal.storage.file;

import dev.mlops.core.spi.StorageKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Maps validated storage keys to files under one directory and back.
 *
 * <p>Inner segments become directories ending in {@code .d}; the last segment becomes a file ending in
 * the store's suffix, so a key and a longer key below it never collide. Upper-case letters are written
 * as {@code ^} plus the lower-case letter, so keys differing only in case stay apart on case-insensitive
 * file systems. A segment whose file name would pass the file-system limit of {@value #MAX_NAME} bytes
 * (a key segment may have 255 characters, and upper case doubles them) is split into chunks of
 * {@value #CHUNK} characters: every chunk but the last is a directory ending in {@code .l}, the last
 * carries the usual suffix. A name whose part before the first dot is a Windows device name
 * ({@code con}, {@code prn}, {@code aux}, {@code nul}, {@code com0}-{@code com9}, {@code lpt0}-{@code lpt9}),
 * which Windows refuses whatever the extension, starts with {@code ^_}, so a store directory can be copied to
 * Windows. Keys cannot hold {@code ^}, so both escapes are unambiguous. Keys are validated first, so no key
 * can leave the directory. Immutable; thread-safe.
 */
final class KeyPaths {
  private static final String DIR_SUFFIX = ".d";
  private static final String CHUNK_SUFFIX = ".l";
  /** The prefix of a name that would otherwise be a Windows device name. */
  private static final String DEVICE_ESCAPE = "^_";
  /** The longest file name most file systems (ext4, XFS, APFS, NTFS) accept. */
  static final int MAX_NAME = 255;
  /** The length of the chunks an over-long segment name is split into. */
  static final int CHUNK = 200;

  private final Path base;
  private final String suffix;

  KeyPaths(Path base, String suffix) {
    this.base = base;
    this.suffix = suffix;
  }

  Path base() {
    return base;
  }

  Path pathOf(String key) {
    StorageKeys.requireValid(key);
    String[] segments = key.split("/", -1);
    Path p = base;
    for (int i = 0; i < segments.length - 1; i++) {
      p = resolve(p, segments[i], DIR_SUFFIX);
    }
    return resolve(p, segments[segments.length - 1], suffix);
  }

  /** Resolves one segment below a directory, splitting a name that would be too long into chunk directories. */
  static Path resolve(Path dir, String segment, String nameSuffix) {
    String name = encode(segment);
    Path p = dir;
    while (name.length() + nameSuffix.length() > MAX_NAME) {
      p = p.resolve(name.substring(0, CHUNK) + CHUNK_SUFFIX);
      name = name.substring(CHUNK);
    }
    return p.resolve(name + nameSuffix);
  }

  /** Lists the keys starting with a prefix, sorted; walks only the directory the prefix pins down. */
  List<String> keys(String prefix) throws IOException {
    StorageKeys.requireValidPrefix(prefix);
    int slash = prefix.lastIndexOf('/');
    Path dir = base;
    String keyBase = "";
    if (slash >= 0) {
      keyBase = prefix.substring(0, slash + 1);
      for (String seg : prefix.substring(0, slash).split("/")) {
        dir = resolve(dir, seg, DIR_SUFFIX);
      }
    }
    List<String> out = new ArrayList<>();
    collect(dir, keyBase, "", prefix, out);
    Collections.sort(out);
    return out;
  }

  /**
   * Collects keys below a directory. {@code chunks} holds the encoded start of a segment split into
   * chunk directories, empty outside them.
   */
  private void collect(Path dir, String keyBase, String chunks, String prefix, List<String> out) throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.toList();
    } catch (NoSuchFileException e) {
      return;
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      if (name.endsWith(CHUNK_SUFFIX) && Files.isDirectory(child)) {
        collect(child, keyBase, chunks + strip(name, CHUNK_SUFFIX), prefix, out);
      } else if (name.endsWith(DIR_SUFFIX) && Files.isDirectory(child)) {
        String sub = keyBase + decode(chunks + strip(name, DIR_SUFFIX)) + "/";
        if (sub.startsWith(prefix) || prefix.startsWith(sub)) {
          collect(child, sub, "", prefix, out);
        }
      } else if (name.endsWith(suffix)) {
        String key = keyBase + decode(chunks + strip(name, suffix));
        if (key.startsWith(prefix) && StorageKeys.isValid(key)) {
          out.add(key);
        }
      }
    }
  }

  private static String strip(String name, String nameSuffix) {
    return name.substring(0, name.length() - nameSuffix.length());
  }

  static String encode(String segment) {
    String name = escapeUpperCase(segment);
    return isWindowsDeviceName(name) ? DEVICE_ESCAPE + name : name;
  }

  /** Tells whether the part of a lower-case name before its first dot is a Windows device name. */
  private static boolean isWindowsDeviceName(String name) {
    int dot = name.indexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    return switch (stem.length()) {
      case 3 -> stem.equals("con") || stem.equals("prn") || stem.equals("aux") || stem.equals("nul");
      case 4 -> (stem.startsWith("com") || stem.startsWith("lpt")) && Character.isDigit(stem.charAt(3));
      default -> false;
    };
  }

  private static String escapeUpperCase(String segment) {
    StringBuilder sb = null;
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (sb == null) {
          sb = new StringBuilder(segment.length() + 8).append(segment, 0, i);
        }
        sb.append('^').append((char) (c + ('a' - 'A')));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? segment : sb.toString();
  }

  static String decode(String name) {
    if (name.indexOf('^') < 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '^' && i + 1 < name.length()) {
        char next = name.charAt(++i);
        if (next != '_') { // "^_" only marks an escaped device name
          sb.append((char) (next - ('a' - 'A')));
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
