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
 * file systems. Keys are validated first, so no key can leave the directory. Immutable; thread-safe.
 */
final class KeyPaths {
  private static final String DIR_SUFFIX = ".d";

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
      p = p.resolve(encode(segments[i]) + DIR_SUFFIX);
    }
    return p.resolve(encode(segments[segments.length - 1]) + suffix);
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
        dir = dir.resolve(encode(seg) + DIR_SUFFIX);
      }
    }
    List<String> out = new ArrayList<>();
    collect(dir, keyBase, prefix, out);
    Collections.sort(out);
    return out;
  }

  private void collect(Path dir, String keyBase, String prefix, List<String> out) throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.toList();
    } catch (NoSuchFileException e) {
      return;
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      if (name.endsWith(DIR_SUFFIX) && Files.isDirectory(child)) {
        String sub = keyBase + decode(name.substring(0, name.length() - DIR_SUFFIX.length())) + "/";
        if (sub.startsWith(prefix) || prefix.startsWith(sub)) {
          collect(child, sub, prefix, out);
        }
      } else if (name.endsWith(suffix)) {
        String key = keyBase + decode(name.substring(0, name.length() - suffix.length()));
        if (key.startsWith(prefix) && StorageKeys.isValid(key)) {
          out.add(key);
        }
      }
    }
  }

  static String encode(String segment) {
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
        sb.append((char) (name.charAt(++i) - ('a' - 'A')));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
