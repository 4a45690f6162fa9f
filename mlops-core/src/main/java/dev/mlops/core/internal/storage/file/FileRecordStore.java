package dev.mlops.core.internal.storage.file;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StorageKeys;
import dev.mlops.core.spi.StoredRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Records as one small file each, holding two fixed-size slots; all writes happen under the key's
 * stripe lock, so compare-and-set is linearizable across threads and processes.
 *
 * <p>A record is created by writing a new file atomically (temp file, fsync, rename, directory fsync).
 * An update overwrites, in place, the slot that does not hold the current version and fsyncs the file:
 * the file's size never changes, so the sync is a single data flush with no journal commit, which is
 * what makes durable compare-and-set cheap. The slot being written is the only one a crash can tear, and
 * it holds a version nobody was told was saved; the other slot still holds the last acknowledged one.
 * A value that outgrows its slot makes the update rewrite the file atomically with larger slots.
 *
 * <p>Readers take no lock: they read the file and take the highest version whose checksum is valid, so
 * they see either the previous or the new value, never a mix.
 *
 * <p>Slot format: magic {@code MLRC}, format byte 2, version (8 bytes), value length (4 bytes), CRC-32C of
 * everything before it and the value (4 bytes), the value, zero padding. A slot that was never written
 * is all zeros. Thread-safe.
 */
final class FileRecordStore implements RecordStore {
  private static final int MAGIC = 0x4D4C5243; // "MLRC"
  private static final byte FORMAT = 2;
  private static final int HEADER = 4 + 1 + 8 + 4 + 4;
  /** The smallest slot: one disk sector, so a slot write never spans more sectors than it must. */
  private static final int MIN_SLOT = 512;
  /** The largest record file: two slots that hold the largest value. */
  private static final int MAX_FILE_BYTES = 2 * slotSizeFor(MAX_VALUE_BYTES);
  /** The first read of a record file: one page, which holds a file of two of the smallest slots. */
  private static final int FIRST_READ_BYTES = 4096;

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

  /** What a record file holds: its current record, which slot holds it, and the slot size. */
  private record Slots(StoredRecord current, int slot, int slotSize) {}

  @Override
  public Optional<StoredRecord> get(String key) {
    return read(key, paths.pathOf(key)).map(Slots::current);
  }

  private Optional<Slots> read(String key, Path p) {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      return Optional.of(decode(key, p, readWhole(key, p, ch)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw DurableFiles.failure("reading record '" + key + "'", p, e);
    }
  }

  /**
   * Reads a whole record file through an open channel, refusing one larger than any record file can be
   * (so a damaged or foreign file cannot make this allocate gigabytes).
   *
   * <p>It reads until a short read instead of asking for the file's size: on recent Linux kernels (this was
   * measured on 6.18), asking for an inode's attributes makes its next write take a fine-grained timestamp,
   * which dirties the inode, so that every compare-and-set's fdatasync wrote the inode table block too
   * (three writes to the device per update instead of two, on the development machine's ext4 without a
   * journal). A short read of a regular file means its end; writers change a record file only under the
   * key's lock, in place within its size or by renaming a new file over it, so the open file does not grow
   * meanwhile.
   */
  private static byte[] readWhole(String key, Path p, FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(FIRST_READ_BYTES);
    while (true) {
      if (ch.read(buf, buf.position()) < 0) { // advances the buffer's position
        break;
      }
      if (buf.hasRemaining()) {
        break; // a short read: the end of the file
      }
      if (buf.capacity() > MAX_FILE_BYTES) {
        throw new CorruptedDataException("record '" + key + "' at " + p + " has more than " + MAX_FILE_BYTES
            + " bytes, more than a record file can hold; it is not a record file");
      }
      ByteBuffer larger = ByteBuffer.allocate((int) Math.min(2L * buf.capacity(), MAX_FILE_BYTES + 1));
      buf = larger.put(buf.flip());
    }
    return buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
  }

  private static Slots decode(String key, Path p, byte[] bytes) {
    int slotSize = bytes.length / 2;
    if (bytes.length % 2 != 0 || slotSize < MIN_SLOT || Integer.bitCount(slotSize) != 1) {
      throw new CorruptedDataException("record '" + key + "' at " + p + " has " + bytes.length
          + " bytes, which is not two slots of a power-of-two size; the file is truncated or not a record file");
    }
    StoredRecord best = null;
    int bestSlot = -1;
    for (int slot = 0; slot < 2; slot++) {
      StoredRecord r = decodeSlot(key, bytes, slot * slotSize, slotSize);
      if (r != null && (best == null || r.version() > best.version())) {
        best = r;
        bestSlot = slot;
      }
    }
    if (best == null) {
      throw new CorruptedDataException("record '" + key + "' at " + p + " has no slot with a valid checksum");
    }
    return new Slots(best, bestSlot, slotSize);
  }

  /** The record in one slot, or null if the slot is empty, torn or foreign. */
  private static StoredRecord decodeSlot(String key, byte[] file, int offset, int slotSize) {
    ByteBuffer b = ByteBuffer.wrap(file, offset, slotSize);
    if (b.getInt() != MAGIC || b.get() != FORMAT) {
      return null;
    }
    long version = b.getLong();
    int length = b.getInt();
    int crc = b.getInt();
    if (version < 1 || length < 0 || length > slotSize - HEADER) {
      return null;
    }
    CRC32C c = new CRC32C();
    c.update(file, offset, HEADER - 4);
    c.update(file, offset + HEADER, length);
    if ((int) c.getValue() != crc) {
      return null;
    }
    byte[] value = new byte[length];
    System.arraycopy(file, offset + HEADER, value, 0, length);
    return new StoredRecord(key, version, value);
  }

  private static ByteBuffer encodeSlot(long version, byte[] value, int slotSize) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + value.length);
    b.putInt(MAGIC).put(FORMAT).putLong(version).putInt(value.length);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, HEADER - 4);
    c.update(value);
    b.putInt((int) c.getValue()).put(value).flip();
    if (b.remaining() > slotSize) {
      throw new IllegalStateException("slot of " + slotSize + " bytes cannot hold " + b.remaining());
    }
    return b;
  }

  private static int slotSizeFor(int valueLength) {
    int needed = HEADER + valueLength;
    return Math.max(MIN_SLOT, Integer.highestOneBit(needed - 1) << 1);
  }

  /** A whole new record file: the record in slot 0, slot 1 empty. */
  private static ByteBuffer newFile(long version, byte[] value) {
    int slotSize = slotSizeFor(value.length);
    ByteBuffer file = ByteBuffer.allocate(2 * slotSize);
    file.put(encodeSlot(version, value, slotSize));
    file.clear();
    return file;
  }

  @Override
  @SuppressWarnings("try") // the resource is the held stripe lock: the body runs under it, never names it
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
      FileChannel ch;
      try {
        ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (NoSuchFileException absent) {
        if (expectedVersion != 0) {
          return false;
        }
        files.writeAtomically(p, newFile(1, value));
        return true;
      }
      try (ch) { // one descriptor reads the current slots and overwrites the other one
        Slots s = decode(key, p, readWhole(key, p, ch));
        if (s.current().version() != expectedVersion) {
          return false;
        }
        long next = expectedVersion + 1;
        if (HEADER + value.length > s.slotSize()) {
          files.writeAtomically(p, newFile(next, value)); // replaces the file this channel still reads
          return true;
        }
        ByteBuffer content = encodeSlot(next, value, s.slotSize());
        long pos = (long) (1 - s.slot()) * s.slotSize();
        while (content.hasRemaining()) {
          pos += ch.write(content, pos);
        }
        ch.force(false);
      }
      return true;
    } catch (IOException e) {
      throw DurableFiles.failure("writing record '" + key + "'", p, e);
    }
  }

  @Override
  @SuppressWarnings("try") // the resource is the held stripe lock: the body runs under it, never names it
  public boolean delete(String key, long expectedVersion) {
    Path p = paths.pathOf(key);
    try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "delete the record")) {
      long current = read(key, p).map(s -> s.current().version()).orElse(0L);
      if (expectedVersion < 1 || current != expectedVersion) {
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
        read(key, paths.pathOf(key)).ifPresent(s -> out.add(s.current()));
      }
      return out;
    } catch (IOException e) {
      throw new StorageException("listing records under '" + prefix + "' in " + paths.base() + " failed: " + e, e);
    }
  }
}
