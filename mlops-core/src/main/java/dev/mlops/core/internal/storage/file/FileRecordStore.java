package dev.mlops.core.internal.storage.file;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StorageKeys;
import dev.mlops.core.spi.StoredRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Records as one file each, replaced atomically (temp file, fsync, rename, directory fsync) under the
 * key's stripe lock, so compare-and-set is linearizable across threads and processes. Reads take no
 * lock: a rename is atomic, so a reader sees a whole old or a whole new file.
 *
 * <p>File format: magic {@code MLRC}, format byte 1, version (8 bytes), value length (4 bytes), CRC-32C
 * of everything before it and the value (4 bytes), the value. Thread-safe.
 */
final class FileRecordStore implements RecordStore {
  private static final int MAGIC = 0x4D4C5243; // "MLRC"
  private static final byte FORMAT = 1;
  private static final int HEADER = 4 + 1 + 8 + 4 + 4;

  private final KeyPaths paths;
  private final DurableFiles files;
  private final StripedFileLocks locks;
  private final Duration lockTimeout;

  FileRecordStore(Path dir, DurableFiles files, StripedFileLocks locks, Duration lockTimeout) {
    this.paths = new KeyPaths(dir, ".rec");
    this.files = files;
    this.locks = locks;
    this.lockTimeout = lockTimeout;
  }

  @Override
  public Optional<StoredRecord> get(String key) {
    Path p = paths.pathOf(key);
    return read(key, p);
  }

  private Optional<StoredRecord> read(String key, Path p) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw DurableFiles.failure("reading record '" + key + "'", p, e);
    }
    return Optional.of(decode(key, p, bytes));
  }

  static StoredRecord decode(String key, Path p, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (bytes.length < HEADER || b.getInt() != MAGIC || b.get() != FORMAT) {
      throw new CorruptedDataException("record '" + key + "' at " + p + " is not a record file of this format");
    }
    long version = b.getLong();
    int length = b.getInt();
    int crc = b.getInt();
    if (length < 0 || length != bytes.length - HEADER) {
      throw new CorruptedDataException("record '" + key + "' at " + p + " is truncated or padded: header says "
          + length + " value bytes, file holds " + (bytes.length - HEADER));
    }
    if (crc != checksum(bytes, length)) {
      throw new CorruptedDataException("record '" + key + "' at " + p + " fails its CRC-32C checksum");
    }
    byte[] value = new byte[length];
    System.arraycopy(bytes, HEADER, value, 0, length);
    return new StoredRecord(key, version, value);
  }

  private static int checksum(byte[] file, int valueLength) {
    CRC32C crc = new CRC32C();
    crc.update(file, 0, HEADER - 4);
    crc.update(file, HEADER, valueLength);
    return (int) crc.getValue();
  }

  static ByteBuffer encode(long version, byte[] value) {
    byte[] out = new byte[HEADER + value.length];
    ByteBuffer b = ByteBuffer.wrap(out);
    b.putInt(MAGIC).put(FORMAT).putLong(version).putInt(value.length);
    System.arraycopy(value, 0, out, HEADER, value.length);
    b.putInt(checksum(out, value.length));
    return ByteBuffer.wrap(out);
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value) {
    Path p = paths.pathOf(key);
    if (expectedVersion < 0) {
      throw new InvalidInputException("expected version of record '" + key + "' must be >= 0, got " + expectedVersion);
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw new InvalidInputException("value of record '" + key + "' has " + value.length
          + " bytes, more than the limit of " + MAX_VALUE_BYTES);
    }
    try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "update the record")) {
      long current = currentVersion(key, p);
      if (current != expectedVersion) {
        return false;
      }
      files.writeAtomically(p, encode(expectedVersion + 1, value));
      return true;
    } catch (IOException e) {
      throw DurableFiles.failure("writing record '" + key + "'", p, e);
    }
  }

  private long currentVersion(String key, Path p) {
    return read(key, p).map(StoredRecord::version).orElse(0L);
  }

  @Override
  public boolean delete(String key, long expectedVersion) {
    Path p = paths.pathOf(key);
    try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "delete the record")) {
      if (expectedVersion < 1 || currentVersion(key, p) != expectedVersion) {
        return false;
      }
      Files.delete(p);
      DurableFiles.syncDirectory(p.getParent());
      return true;
    } catch (IOException e) {
      throw DurableFiles.failure("deleting record '" + key + "'", p, e);
    }
  }

  @Override
  public List<StoredRecord> list(String prefix) {
    StorageKeys.requireValidPrefix(prefix);
    try {
      List<StoredRecord> out = new ArrayList<>();
      for (String key : paths.keys(prefix)) {
        read(key, paths.pathOf(key)).ifPresent(out::add);
      }
      return out;
    } catch (IOException e) {
      throw new StorageException("listing records under '" + prefix + "' in " + paths.base() + " failed: " + e, e);
    }
  }
}
