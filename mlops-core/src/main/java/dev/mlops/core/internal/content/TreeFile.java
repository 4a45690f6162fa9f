package dev.mlops.core.internal.content;

import dev.mlops.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;

/**
 * A regular file found by a directory walk, with the attributes the walk read for it (one {@code lstat},
 * taken before the file is opened). Those attributes are the "before" half of change detection:
 * {@link #requireUnchanged(long)} stats the file again after it was read and fails if its identity,
 * size or modification time moved, so content read while the file was being written is never trusted.
 *
 * @param path the file's path; a walk gives absolute, normalized paths (a relative one is made absolute
 *     and normalized for the stat cache)
 * @param relativePath its path below the walked root, with {@code /} separators
 * @param attributes what the walk's {@code lstat} returned (POSIX attributes where the file system has
 *     them, so the executable bit needs no further call)
 */
public record TreeFile(Path path, String relativePath, BasicFileAttributes attributes) {
  /** Checks the components. */
  public TreeFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(attributes, "attributes");
  }

  /**
   * Stats a file without following links.
   *
   * @param path the file
   * @param relativePath its name in error messages and manifests
   * @return the file with its attributes (not yet checked to be a regular file)
   * @throws StorageException if the attributes cannot be read
   */
  public static TreeFile stat(Path path, String relativePath) {
    return new TreeFile(path, relativePath, lstat(path));
  }

  /**
   * Returns the size the walk saw.
   *
   * @return bytes
   */
  public long size() {
    return attributes.size();
  }

  /**
   * Returns the owner-execute bit the walk saw, false where the file system has no POSIX permissions.
   *
   * @return whether the owner may execute the file
   */
  public boolean executable() {
    return attributes instanceof PosixFileAttributes
        && ((PosixFileAttributes) attributes).permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }

  /**
   * Returns the stat-cache key of the content the walk saw.
   *
   * @return the key (path, file key, size, modification time)
   */
  public StatCache.Key cacheKey() {
    Object fileKey = attributes.fileKey();
    return new StatCache.Key(path.isAbsolute() ? path : path.toAbsolutePath().normalize(),
        fileKey == null ? "-" : fileKey, attributes.size(), attributes.lastModifiedTime());
  }

  /**
   * Checks, after the file was read, that it is still the file the walk saw: the same file key, size and
   * modification time, and {@code bytesRead} equal to that size. Any write during the read moves the
   * modification time; replacing the file moves the file key.
   *
   * @param bytesRead how many bytes the read returned
   * @throws StorageException naming the file if it changed, or if it cannot be stat'ed any more
   */
  public void requireUnchanged(long bytesRead) {
    BasicFileAttributes after = lstat(path);
    if (bytesRead != attributes.size() || after.size() != attributes.size()
        || !after.lastModifiedTime().equals(attributes.lastModifiedTime())
        || !Objects.equals(after.fileKey(), attributes.fileKey())) {
      throw new StorageException("file " + path + " changed while it was being read (" + attributes.size()
          + " bytes modified at " + attributes.lastModifiedTime() + " before, " + bytesRead + " bytes read, "
          + after.size() + " bytes modified at " + after.lastModifiedTime() + " after); read it again once"
          + " nothing writes to it");
    }
  }

  /**
   * Reads a file's attributes without following links, in one system call: POSIX attributes (which carry
   * the permissions) where the file system has them, basic ones elsewhere.
   */
  static BasicFileAttributes lstat(Path file) {
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      }
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new StorageException("cannot read the attributes of " + file + ": " + e, e);
    }
  }
}
