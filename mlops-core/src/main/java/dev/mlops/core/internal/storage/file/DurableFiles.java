package dev.mlops.core.internal.storage.file;

import dev.mlops.core.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable-write primitives of the file backend: temp file, fsync, atomic rename, directory fsync.
 * Stateless apart from a temp-name counter; thread-safe.
 */
final class DurableFiles {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicLong COUNTER = new AtomicLong();

  private final Path tmpDir;

  DurableFiles(Path tmpDir) {
    this.tmpDir = tmpDir;
  }

  /** A fresh temp path in the store's tmp directory, named after this process so dead ones can be swept. */
  Path newTempFile(String purpose) {
    return tmpDir.resolve(PID + "-" + COUNTER.incrementAndGet() + "-" + purpose + ".tmp");
  }

  /** The pid a temp file was named after, or -1 if the name is not ours. */
  static long ownerPid(Path tempFile) {
    String name = tempFile.getFileName().toString();
    int dash = name.indexOf('-');
    if (dash <= 0 || !name.endsWith(".tmp")) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Writes bytes to a file atomically and durably: a temp file is written and fsynced, renamed over
   * the target and the directory fsynced. Readers see the old content or the new, never a mix.
   */
  void writeAtomically(Path target, ByteBuffer content) throws IOException {
    moveIntoPlace(writeTemp(target, content, true), target);
  }

  /** Writes a temp file in the store's tmp directory (creating the target's directory), synced if asked. */
  private Path writeTemp(Path target, ByteBuffer content, boolean sync) throws IOException {
    ensureDirectory(target.getParent());
    Path tmp = newTempFile("write");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (content.hasRemaining()) {
        ch.write(content);
      }
      if (sync) {
        ch.force(false);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  /**
   * Writes bytes to a file atomically but without syncing (temp file, rename): for writes the journal has
   * made durable already, whose files its checkpoint syncs.
   */
  void writeUnsynced(Path target, ByteBuffer content) throws IOException {
    rename(writeTemp(target, content, false), target);
  }

  /** Syncs a file's data, or a directory's entries; a file deleted meanwhile needs nothing. */
  static void syncFile(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      syncDirectory(p);
      return;
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.force(false);
    } catch (java.nio.file.NoSuchFileException gone) {
      // deleted since (a delete is durable on its own)
    }
  }

  /** Renames a finished, fsynced temp file over its target and makes the rename durable. */
  void moveIntoPlace(Path tmp, Path target) throws IOException {
    rename(tmp, target);
    syncDirectory(target.getParent());
  }

  private static void rename(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Creates a directory and any missing parents, fsyncing each parent that gained an entry. */
  static void ensureDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      ensureDirectory(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return;
    }
    if (parent != null) {
      syncDirectory(parent);
    }
  }

  /**
   * Makes a directory's entries (renames, creations, deletions) durable. Concurrent callers for one
   * directory share fsyncs ({@link GroupSync}): a sync that starts after a caller's change covers it.
   */
  static void syncDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      return; // NTFS cannot open a directory as a channel; its metadata journal orders the rename
    }
    GroupSync.sync(dir, DurableFiles::forceDirectory);
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  static StorageException failure(String what, Path where, Exception e) {
    return new StorageException(what + " failed at " + where + ": " + e, e);
  }
}
