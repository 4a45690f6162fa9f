package dev.mlops.core.internal.storage.file;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.SeriesPage;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.StorageKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Series as one append-only log file each. A batch is one frame: magic {@code MLSF}, payload length,
 * CRC-32C of the payload, then the payload (entry count, then each entry's length and bytes). A frame
 * is written with the key's stripe lock held and fsynced before {@link #append} returns.
 *
 * <p>After a crash the last frame may be torn. Readers stop at a torn tail without error; the next
 * writer (which holds the lock) cuts it off before appending, logging what it cut. A bad frame followed
 * by more data is not a torn tail but corruption, and reads fail with {@link CorruptedDataException}.
 * Positions are byte offsets of frames. Thread-safe; {@link #validatedEnd} is only read and written
 * with the key's stripe lock held.
 */
final class FileSeriesStore implements SeriesStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileSeriesStore.class);
  private static final int MAGIC = 0x4D4C5346; // "MLSF"
  private static final int FRAME_HEADER = 12;

  private final KeyPaths paths;
  private final StripedFileLocks locks;
  private final Duration lockTimeout;
  /** Per series key: the length of the file up to which this process has checked every frame. */
  private final ConcurrentHashMap<String, Long> validatedEnd = new ConcurrentHashMap<>();

  FileSeriesStore(Path dir, StripedFileLocks locks, Duration lockTimeout) {
    this.paths = new KeyPaths(dir, ".log");
    this.locks = locks;
    this.lockTimeout = lockTimeout;
  }

  @Override
  @SuppressWarnings("try") // the resource is the held stripe lock: the body runs under it, never names it
  public void append(String key, List<byte[]> entries) {
    Path p = paths.pathOf(key);
    if (entries.isEmpty()) {
      return;
    }
    ByteBuffer frame = encodeFrame(key, entries);
    try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "append to the series")) {
      boolean created = !Files.exists(p);
      if (created) {
        DurableFiles.ensureDirectory(p.getParent());
      }
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE)) {
        long end = recoverTail(key, p, ch);
        long pos = end;
        while (frame.hasRemaining()) {
          pos += ch.write(frame, pos);
        }
        ch.force(false);
        validatedEnd.put(key, pos);
      }
      if (created) {
        DurableFiles.syncDirectory(p.getParent());
      }
    } catch (IOException e) {
      throw DurableFiles.failure("appending to series '" + key + "'", p, e);
    }
  }

  /** With the lock held: checks the frames this process has not seen and cuts off a torn tail. */
  private long recoverTail(String key, Path p, FileChannel ch) throws IOException {
    long size = ch.size();
    long from = validatedEnd.getOrDefault(key, 0L);
    if (from > size) {
      from = 0; // the file was replaced or truncated behind our back: check it all again
    }
    if (from == size) {
      return size;
    }
    long end = scan(key, p, ch, from, size, Integer.MAX_VALUE, null);
    if (end < size) {
      LOG.warn("series '{}' at {}: cutting off a torn tail of {} bytes at offset {} (left by a crashed writer)",
          key, p, size - end, end);
      ch.truncate(end);
      ch.force(true);
    }
    return end;
  }

  private static ByteBuffer encodeFrame(String key, List<byte[]> entries) {
    long payload = 4;
    for (byte[] e : entries) {
      payload += 4L + e.length;
    }
    if (payload - 4 - 4L * entries.size() > MAX_BATCH_BYTES) {
      throw new InvalidInputException("batch for series '" + key + "' holds "
          + (payload - 4 - 4L * entries.size()) + " bytes, more than the limit of " + MAX_BATCH_BYTES);
    }
    ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER + (int) payload);
    b.putInt(MAGIC).putInt((int) payload).putInt(0).putInt(entries.size());
    for (byte[] e : entries) {
      b.putInt(e.length).put(e);
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), FRAME_HEADER, (int) payload);
    b.putInt(8, (int) crc.getValue());
    b.flip();
    return b;
  }

  /**
   * Walks frames from {@code from}, adding entries to {@code out} (if given) until at least
   * {@code maxEntries} are collected. Returns the offset after the last whole, valid frame read; a torn
   * tail ends the walk, a bad frame with data after it is corruption.
   */
  private static long scan(String key, Path p, FileChannel ch, long from, long size, int maxEntries,
      List<byte[]> out) throws IOException {
    long pos = from;
    ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
    int collected = 0;
    while (pos < size && collected < maxEntries) {
      if (size - pos < FRAME_HEADER) {
        return pos; // torn header
      }
      header.clear();
      readFully(ch, header, pos);
      header.flip();
      int magic = header.getInt();
      int length = header.getInt();
      int crc = header.getInt();
      if (magic != MAGIC || length < 4) {
        return tornOrCorrupt(key, p, ch, pos, size);
      }
      if (pos + FRAME_HEADER + length > size) {
        return pos; // torn payload
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(ch, payload, pos + FRAME_HEADER);
      CRC32C c = new CRC32C();
      c.update(payload.array(), 0, length);
      if ((int) c.getValue() != crc) {
        if (pos + FRAME_HEADER + length == size || allZero(ch, pos + FRAME_HEADER + length, size)) {
          return pos; // last frame, partly written before a crash (perhaps with zeros after it)
        }
        throw new CorruptedDataException("series '" + key + "' at " + p + ": the frame at offset " + pos
            + " fails its CRC-32C checksum and is followed by more data");
      }
      payload.flip();
      int count = payload.getInt();
      List<byte[]> entries = new ArrayList<>(Math.max(0, Math.min(count, 1 << 16)));
      for (int i = 0; i < count; i++) {
        int n = payload.getInt();
        byte[] e = new byte[n];
        payload.get(e);
        entries.add(e);
      }
      if (out != null) {
        out.addAll(entries);
      }
      collected += count;
      pos += FRAME_HEADER + length;
    }
    return pos;
  }

  /**
   * A bad frame header is a torn tail only if nothing but zeros follows it (what a machine crash can
   * leave after an extended file); anything else is corruption, because cutting it off would drop the
   * frames after it.
   */
  private static long tornOrCorrupt(String key, Path p, FileChannel ch, long pos, long size) throws IOException {
    if (!allZero(ch, pos, size)) {
      throw new CorruptedDataException("series '" + key + "' at " + p + ": bad frame header at offset " + pos
          + " of " + size + " bytes, followed by data; refusing to guess where the next frame starts");
    }
    return pos;
  }

  private static boolean allZero(FileChannel ch, long from, long size) throws IOException {
    ByteBuffer rest = ByteBuffer.allocate(64 * 1024);
    for (long at = from; at < size; ) {
      rest.clear();
      rest.limit((int) Math.min(rest.capacity(), size - at));
      readFully(ch, rest, at);
      for (int i = 0; i < rest.limit(); i++) {
        if (rest.get(i) != 0) {
          return false;
        }
      }
      at += rest.limit();
    }
    return true;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos + b.position());
      if (n < 0) {
        throw new IOException("unexpected end of file at offset " + (pos + b.position()));
      }
    }
  }

  @Override
  public SeriesPage read(String key, long position, int maxEntries) {
    Path p = paths.pathOf(key);
    if (position < 0) {
      throw new InvalidInputException("series position must be >= 0, got " + position);
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      long size = ch.size();
      if (position > size) {
        throw new InvalidInputException("series position " + position + " is past the end of series '" + key
            + "' (" + size + " bytes); positions come from SeriesPage.nextPosition()");
      }
      List<byte[]> out = new ArrayList<>();
      long next = scan(key, p, ch, position, size, Math.max(1, maxEntries), out);
      return new SeriesPage(out, next, next >= size || onlyTornTailAt(key, p, ch, next, size));
    } catch (NoSuchFileException e) {
      return new SeriesPage(List.of(), position, true);
    } catch (IOException e) {
      throw DurableFiles.failure("reading series '" + key + "'", p, e);
    }
  }

  /**
   * Tells whether nothing readable follows a position. Damage after it is reported by the read that
   * reaches it, not by this page, so a reader gets every good entry before the damage.
   */
  private static boolean onlyTornTailAt(String key, Path p, FileChannel ch, long next, long size)
      throws IOException {
    try {
      return scan(key, p, ch, next, size, 1, null) == next;
    } catch (CorruptedDataException e) {
      return false;
    }
  }

  @Override
  public List<String> list(String prefix) {
    StorageKeys.requireValidPrefix(prefix);
    try {
      return paths.keys(prefix);
    } catch (IOException e) {
      throw new StorageException("listing series under '" + prefix + "' in " + paths.base() + " failed: " + e, e);
    }
  }
}
