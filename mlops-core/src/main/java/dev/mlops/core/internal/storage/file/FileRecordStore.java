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
import org.jspecify.annotations.Nullable;

/**
 * Records as one small file each, holding two fixed-size slots and a commit marker; all writes happen
 * under the key's stripe lock, so compare-and-set is linearizable across threads and processes.
 *
 * <p>A record is created by writing a new file atomically (temp file, fsync, rename, directory fsync).
 * An update overwrites, in place, the slot that does not hold the current version and fsyncs the file:
 * the file's size never changes, so the sync is a single data flush with no journal commit, which is
 * what makes durable compare-and-set cheap. Only then, before the update returns, it writes the new
 * version number into the commit marker (the file's last sector). A value that outgrows its slot makes
 * the update rewrite the file atomically with larger slots.
 *
 * <p><b>The read rule.</b> The slot being written is the only one a crash can tear, and it holds a
 * version nobody was told was saved. The commit marker tells that case apart from damage done later:
 * a reader takes the highest version whose slot checksum is valid, and serves it only if it is at least
 * the committed version; otherwise an acknowledged slot was damaged and it raises
 * {@link CorruptedDataException} naming the record, never falling back to the older slot. A marker that
 * fails its checksum is damage too: the reader then serves the newest slot only if both slots are intact.
 * The marker is written in place without a sync of its own (the slot it names is already durable, and the
 * next update's sync or the kernel's write-back makes it durable), so the single case that can still fall
 * back silently is a machine crash in the seconds before that write-back followed by later damage to the
 * same newest slot. A reader that sees an apparently damaged newest slot reads again with the key's lock
 * held, so an update in progress is never mistaken for damage.
 *
 * <p><b>Journaled writes</b> ({@link JournaledBatches}) are durable in the write-ahead journal before they
 * touch the file, so they skip the syncs: a new record is renamed into place unsynced, and an update
 * overwrites the free slot through the descriptor the batch opened to check the version.
 *
 * <p>File format: slot 0, slot 1, then a 512-byte marker sector. Slot format: magic {@code MLRC}, format
 * byte 2, version (8 bytes), value length (4 bytes), CRC-32C of everything before it and the value
 * (4 bytes), the value, zero padding. A slot that was never written is all zeros. Marker format: magic
 * {@code MLCM}, committed version (8 bytes), CRC-32C of both (4 bytes), zero padding. Files written
 * before the marker existed (two slots only) are read with the newest valid slot and rewritten with a
 * marker by their next update. Thread-safe.
 */
final class FileRecordStore implements RecordStore {
  private static final int MAGIC = 0x4D4C5243; // "MLRC"
  private static final byte FORMAT = 2;
  private static final int HEADER = 4 + 1 + 8 + 4 + 4;
  /** Where a slot's header holds the value length: after the magic, the format byte and the version. */
  private static final int LENGTH_AT = 4 + 1 + 8;
  /** The smallest slot: one disk sector, so a slot write never spans more sectors than it must. */
  private static final int MIN_SLOT = 512;
  /** The commit marker's magic, {@code MLCM}. */
  private static final int MARKER_MAGIC = 0x4D4C434D;
  /** The commit marker: one sector after the two slots, so writing it never tears a slot. */
  static final int MARKER_BYTES = 512;
  /** The largest record file: two slots that hold the largest value and the marker. */
  private static final int MAX_FILE_BYTES = 2 * slotSizeFor(MAX_VALUE_BYTES) + MARKER_BYTES;
  /** The first read of a record file: one page, which holds a file of two of the smallest slots and the marker. */
  private static final int FIRST_READ_BYTES = 4096;

  private final KeyPaths paths;
  private final DurableFiles files;
  private final StripedFileLocks locks;
  private final Duration lockTimeout;
  private final WriteAheadJournal journal;

  FileRecordStore(Path dir, DurableFiles files, StripedFileLocks locks, Duration lockTimeout,
      WriteAheadJournal journal) {
    this.paths = new KeyPaths(dir, ".rec");
    this.files = files;
    this.locks = locks;
    this.lockTimeout = lockTimeout;
    this.journal = journal;
  }

  /**
   * What a record file holds: its current record, which slot holds it, the slot size, and whether the
   * file has a commit marker (files written before markers existed have none).
   */
  private record Slots(StoredRecord current, int slot, int slotSize, boolean marked) {}

  @Override
  public Optional<StoredRecord> get(String key) {
    return read(key, paths.pathOf(key)).map(Slots::current);
  }

  /**
   * Reads a record without the lock; a record that looks damaged is read again with the lock held, so a
   * concurrent update (whose slot and marker a lock-free read may see half-way) is never reported as damage.
   */
  @SuppressWarnings("try") // the resource is the held stripe lock: the body runs under it, never names it
  private Optional<Slots> read(String key, Path p) {
    try {
      return readUnlocked(key, p);
    } catch (CorruptedDataException suspect) {
      try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "re-read a record that looks damaged")) {
        return readUnlocked(key, p);
      }
    }
  }

  private static Optional<Slots> readUnlocked(String key, Path p) {
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
   *
   * <p>A file larger than the first read is sized from slot 0's header, which every record file has (a new
   * file puts its record there): two slots of the size its value length needs, and the marker. That is the
   * file's exact size unless the slot outgrew its value, so a large record (a run catalog page, say) costs one
   * buffer of its own size and a one-byte probe of its end, not a doubling series of buffers and a copy. A
   * header that does not fit (damaged, or a slot larger than its value needs) only falls back to doubling.
   */
  private static byte[] readWhole(String key, Path p, FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(FIRST_READ_BYTES);
    long expected = 0;
    while (true) {
      if (ch.read(buf, buf.position()) < 0) { // advances the buffer's position
        break;
      }
      if (buf.hasRemaining()) {
        break; // a short read: the end of the file
      }
      if (buf.capacity() == expected && ch.read(ByteBuffer.allocate(1), buf.position()) < 0) {
        break; // the buffer sized from the header is full and nothing follows: the end of the file
      }
      if (buf.capacity() > MAX_FILE_BYTES) {
        throw new CorruptedDataException("record '" + key + "' at " + p + " has more than " + MAX_FILE_BYTES
            + " bytes, more than a record file can hold; it is not a record file");
      }
      if (buf.capacity() == FIRST_READ_BYTES) {
        expected = expectedFileSize(buf.array());
      }
      long doubled = Math.min(2L * buf.capacity(), MAX_FILE_BYTES + 1L);
      ByteBuffer larger = ByteBuffer.allocate((int) (expected > buf.capacity() ? expected : doubled));
      buf = larger.put(buf.flip());
    }
    return buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
  }

  /**
   * The size of a record file whose slots are as small as slot 0's value allows, from the slot's header;
   * 0 if the header is not a record slot's or names a length no record can have. A hint only: nothing is
   * trusted before the slot's checksum is checked.
   */
  private static long expectedFileSize(byte[] head) {
    ByteBuffer b = ByteBuffer.wrap(head);
    if (head.length < HEADER || b.getInt(0) != MAGIC || b.get(4) != FORMAT) {
      return 0;
    }
    int length = b.getInt(LENGTH_AT);
    return length < 0 || length > MAX_VALUE_BYTES ? 0 : 2L * slotSizeFor(length) + MARKER_BYTES;
  }

  private static Slots decode(String key, Path p, byte[] bytes) {
    boolean marked = isSlotPair(bytes.length - MARKER_BYTES);
    if (!marked && !isSlotPair(bytes.length)) {
      throw new CorruptedDataException("record '" + key + "' at " + p + " has " + bytes.length
          + " bytes, which is not two slots of a power-of-two size and a marker; the file is truncated, extended"
          + " or not a record file");
    }
    int slotSize = (marked ? bytes.length - MARKER_BYTES : bytes.length) / 2;
    long[] versions = new long[2];
    int bestSlot = -1;
    for (int slot = 0; slot < 2; slot++) {
      versions[slot] = slotVersion(bytes, slot * slotSize, slotSize);
      if (versions[slot] > 0 && (bestSlot < 0 || versions[slot] > versions[bestSlot])) {
        bestSlot = slot;
      }
    }
    if (bestSlot < 0) {
      throw new CorruptedDataException("record '" + key + "' at " + p + " has no slot with a valid checksum");
    }
    long bestVersion = versions[bestSlot];
    if (marked) {
      long committed = committedVersion(bytes, 2 * slotSize);
      if (committed < 0 && hasDamagedSlot(bytes, versions, slotSize)) {
        throw new CorruptedDataException("record '" + key + "' at " + p + ": its commit marker and one of its"
            + " slots fail their checksums, so whether version " + bestVersion + " is the newest acknowledged"
            + " one cannot be told; refusing to guess");
      }
      if (committed > bestVersion) {
        throw new CorruptedDataException("record '" + key + "' at " + p + ": acknowledged version " + committed
            + " fails its checksum (the newest intact slot holds version " + bestVersion
            + "); refusing to serve the older value as current");
      }
    }
    int offset = bestSlot * slotSize;
    int length = ByteBuffer.wrap(bytes).getInt(offset + LENGTH_AT);
    StoredRecord best = new StoredRecord(key, bestVersion, Arrays.copyOfRange(bytes, offset + HEADER,
        offset + HEADER + length));
    return new Slots(best, bestSlot, slotSize, marked);
  }

  /** Tells whether a slot without a valid checksum was ever written (an all-zero slot never was). */
  private static boolean hasDamagedSlot(byte[] bytes, long[] versions, int slotSize) {
    for (int slot = 0; slot < 2; slot++) {
      if (versions[slot] < 0 && !allZero(bytes, slot * slotSize, slotSize)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSlotPair(int length) {
    int slotSize = length / 2;
    return length > 0 && length % 2 == 0 && slotSize >= MIN_SLOT && Integer.bitCount(slotSize) == 1;
  }

  private static boolean allZero(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The version the marker at {@code offset} names, or -1 if the marker fails its checksum. */
  private static long committedVersion(byte[] file, int offset) {
    ByteBuffer b = ByteBuffer.wrap(file, offset, MARKER_BYTES);
    int magic = b.getInt();
    long version = b.getLong();
    int crc = b.getInt();
    CRC32C c = new CRC32C();
    c.update(file, offset, 12);
    return magic == MARKER_MAGIC && (int) c.getValue() == crc && version >= 1 ? version : -1;
  }

  /** The 16 meaningful bytes of a commit marker naming a version. */
  static ByteBuffer marker(long version) {
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putInt(MARKER_MAGIC).putLong(version);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 12);
    b.putInt((int) c.getValue()).flip();
    return b;
  }

  /**
   * The version of the record in one slot, or -1 if the slot is empty, torn or foreign. Only the best slot's
   * value is copied out afterwards, so the older version a record file keeps costs a checksum, not a copy.
   */
  private static long slotVersion(byte[] file, int offset, int slotSize) {
    ByteBuffer b = ByteBuffer.wrap(file, offset, slotSize);
    if (b.getInt() != MAGIC || b.get() != FORMAT) {
      return -1;
    }
    long version = b.getLong();
    int length = b.getInt();
    int crc = b.getInt();
    if (version < 1 || length < 0 || length > slotSize - HEADER) {
      return -1;
    }
    CRC32C c = new CRC32C();
    c.update(file, offset, HEADER - 4);
    c.update(file, offset + HEADER, length);
    return (int) c.getValue() == crc ? version : -1;
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

  /** A whole new record file: the record in slot 0, slot 1 empty, the marker naming the record's version. */
  private static ByteBuffer newFile(long version, byte[] value) {
    int slotSize = slotSizeFor(value.length);
    ByteBuffer file = ByteBuffer.allocate(2 * slotSize + MARKER_BYTES);
    file.put(encodeSlot(version, value, slotSize));
    file.position(2 * slotSize);
    file.put(marker(version));
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
        if (HEADER + value.length > s.slotSize() || !s.marked()) {
          // replaces the file this channel still reads; a file without a marker gains one
          files.writeAtomically(p, newFile(next, value));
          return true;
        }
        ByteBuffer content = encodeSlot(next, value, s.slotSize());
        long pos = (long) (1 - s.slot()) * s.slotSize();
        while (content.hasRemaining()) {
          pos += ch.write(content, pos);
        }
        ch.force(false);
        ByteBuffer marker = marker(next);
        long at = 2L * s.slotSize();
        while (marker.hasRemaining()) { // the slot is durable; the next sync or write-back carries this
          at += ch.write(marker, at);
        }
      }
      return true;
    } catch (IOException e) {
      throw DurableFiles.failure("writing record '" + key + "'", p, e);
    }
  }

  /** @return the file of a record */
  Path pathOf(String key) {
    return paths.pathOf(key);
  }

  /**
   * With the key's stripe lock held: the record's current version, 0 if it does not exist.
   *
   * @throws CorruptedDataException if the record is damaged
   */
  long versionLocked(String key) {
    return readUnlocked(key, paths.pathOf(key)).map(s -> s.current().version()).orElse(0L);
  }

  /**
   * A record file a journaled batch opened, with the key's stripe lock held, to check its version: the
   * descriptor (null if the record does not exist) and what the file held, so that the batch's write reuses
   * both instead of opening and reading the file again. Closing it closes the descriptor.
   */
  static final class Opened implements AutoCloseable {
    private final @Nullable FileChannel channel;
    private final @Nullable Slots slots;

    private Opened(@Nullable FileChannel channel, @Nullable Slots slots) {
      this.channel = channel;
      this.slots = slots;
    }

    /** @return the record's current version, 0 if it does not exist */
    long version() {
      return slots == null ? 0 : slots.current().version();
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }

  /**
   * With the key's stripe lock held: opens a record's file for a journaled batch (see {@link Opened}).
   *
   * @param likelyAbsent whether the caller expects no record (a create): then the file is looked up first
   *     ({@code access}), which answers "absent" without the exception, and its stack trace, a failed open
   *     builds
   * @throws CorruptedDataException if the record is damaged
   */
  Opened openLocked(String key, boolean likelyAbsent) throws IOException {
    Path p = paths.pathOf(key);
    if (likelyAbsent && !Files.exists(p)) {
      return new Opened(null, null);
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException absent) {
      return new Opened(null, null);
    }
    try {
      return new Opened(ch, decode(key, p, readWhole(key, p, ch)));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * With the key's stripe lock held, after the journal made the write durable: writes a record's next
   * version through the file the batch opened to check it (see {@link #openLocked}), without syncing.
   *
   * @param opened the file as the batch found it; its version is {@code version - 1}
   */
  void writeJournaled(Opened opened, String key, long version, byte[] value) throws IOException {
    Path p = paths.pathOf(key);
    Slots s = opened.slots;
    if (opened.channel == null || s == null) { // a create: the batch found no file under the lock
      files.writeUnsynced(p, newFile(version, value));
      return;
    }
    if (s.current().version() != version - 1 || HEADER + value.length > s.slotSize() || !s.marked()) {
      files.writeUnsynced(p, newFile(version, value));
      return;
    }
    writeSlotAndMarker(opened.channel, s, version, value);
  }

  private static void writeSlotAndMarker(FileChannel ch, Slots s, long version, byte[] value) throws IOException {
    ByteBuffer content = encodeSlot(version, value, s.slotSize());
    long pos = (long) (1 - s.slot()) * s.slotSize();
    while (content.hasRemaining()) {
      pos += ch.write(content, pos);
    }
    ByteBuffer marker = marker(version);
    long at = 2L * s.slotSize();
    while (marker.hasRemaining()) {
      at += ch.write(marker, at);
    }
  }

  /**
   * With the key's stripe lock held, after the journal made the write durable: writes a record's new
   * version without syncing (the journal's checkpoint syncs it). A version that follows the current one
   * goes into the free slot, as {@link #compareAndSet} does; anything else replaces the file.
   */
  void writeJournaled(String key, long version, byte[] value) throws IOException {
    try (Opened opened = openLocked(key, version == 1)) {
      writeJournaled(opened, key, version, value);
    }
  }

  /**
   * With the key's stripe lock held, replaying the journal: makes the record hold at least the journaled
   * version. A record at that version or later is left alone (a later write replaced it); an absent or
   * damaged record, or one at an earlier version (the journaled write did not reach its file before a
   * crash of the machine), gets the journaled value. Nothing is synced.
   *
   * @return true if the file was written
   */
  boolean replayPut(String key, long version, byte[] value) throws IOException {
    Path p = paths.pathOf(key);
    long current;
    try {
      current = readUnlocked(key, p).map(s -> s.current().version()).orElse(0L);
    } catch (CorruptedDataException damaged) {
      current = 0;
    }
    if (current >= version) {
      return false;
    }
    files.writeUnsynced(p, newFile(version, value));
    return true;
  }

  @Override
  @SuppressWarnings("try") // the resource is the held stripe lock: the body runs under it, never names it
  public boolean delete(String key, long expectedVersion) {
    Path p = paths.pathOf(key);
    try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "delete the record")) {
      long current = readUnlocked(key, p).map(s -> s.current().version()).orElse(0L);
      if (expectedVersion < 1 || current != expectedVersion) {
        return false;
      }
      // journaled first, so a replay never brings back a put of this record that the journal still holds
      WriteAheadJournal.Committed entry = journal.commit(
          JournalEntry.encode(List.of(new JournalEntry.Op(JournalEntry.Kind.DELETE, key, 0, new byte[0]))));
      Files.delete(p);
      DurableFiles.syncDirectory(p.getParent());
      journal.applied(entry);
      return true;
    } catch (IOException e) {
      throw DurableFiles.failure("deleting record '" + key + "'", p, e);
    }
  }

  @Override
  public List<StoredRecord> list(String prefix) {
    List<StoredRecord> out = new ArrayList<>();
    for (String key : listKeys(prefix)) {
      read(key, paths.pathOf(key)).ifPresent(s -> out.add(s.current()));
    }
    return out;
  }

  @Override
  public List<String> listKeys(String prefix) {
    StorageKeys.requireValidPrefix(prefix);
    try {
      return paths.keys(prefix);
    } catch (IOException e) {
      throw new StorageException("listing records under '" + prefix + "' in " + paths.base() + " failed: " + e, e);
    }
  }

  @Override
  @SuppressWarnings("try") // the resource is the held stripe lock: the body runs under it, never names it
  public boolean replaceDamaged(String key, byte[] value) {
    Path p = paths.pathOf(key);
    if (value.length > MAX_VALUE_BYTES) {
      throw new InvalidInputException("value of record '" + key + "' has " + value.length
          + " bytes, more than the limit of " + MAX_VALUE_BYTES);
    }
    try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "replace a damaged record")) {
      try {
        readUnlocked(key, p);
        return false;
      } catch (CorruptedDataException damaged) {
        files.writeAtomically(p, newFile(1, value));
        return true;
      }
    } catch (IOException e) {
      throw DurableFiles.failure("replacing damaged record '" + key + "'", p, e);
    }
  }
}
