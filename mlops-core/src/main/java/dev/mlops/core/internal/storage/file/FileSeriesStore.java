package dev.mlops.core.internal.storage.file;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.spi.SeriesEntrySink;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Series as one append-only log file each. The file starts with a 512-byte header holding the
 * <em>acknowledged end</em>; frames follow. A batch is one frame: magic {@code MLSF}, payload length,
 * CRC-32C of the payload, then the payload (entry count, then each entry's length and bytes). A frame is
 * written with the key's stripe lock held and fsynced; then, before {@link #append} returns, the header is
 * overwritten in place with the new end (magic {@code MLSH}, end offset, CRC-32C of both). The header
 * write has no sync of its own: the frames it covers are already durable, and the next append's sync (or
 * the kernel's write-back) makes it durable.
 *
 * <p><b>The tail rule.</b> Only bytes after the acknowledged end can have been written by an append that
 * never returned, so only they may be a torn tail: readers stop there without error and the next writer
 * (which holds the lock) cuts them off before appending, logging what it cut. Every frame before the
 * acknowledged end must be whole and pass its checksum, and the file must reach that end: a damaged,
 * truncated or missing acknowledged frame raises {@link CorruptedDataException} and is never cut off.
 * A header that fails its checksum is damage too; such a series reads only if every frame in it is
 * whole, and its next append rewrites the header. A bad frame followed by data that is not all zeros is
 * corruption wherever it is. A reader that meets damage reads again with the key's lock held, so an append
 * in progress is never mistaken for damage.
 *
 * <p>Reads walk the frames front to back in chunks of up to a megabyte, each frame read once and checked
 * before any of its entries is passed on; {@link #forEachEntry} passes a whole series from that one buffer
 * without a copy per entry, and a page ends its walk without reading the next frame again when that frame is
 * acknowledged (it must be whole; a later read reports it if not).
 *
 * <p>Files written before the header existed (they start with a frame) keep the earlier rule: a bad or
 * torn last frame is treated as a torn tail. Positions are byte offsets of frames; position 0 means the
 * first frame. Thread-safe; {@link #validatedEnd} is only read and written with the key's stripe lock held.
 */
final class FileSeriesStore implements SeriesStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileSeriesStore.class);
  private static final int MAGIC = 0x4D4C5346; // "MLSF"
  private static final int FRAME_HEADER = 12;
  private static final int HEADER_MAGIC = 0x4D4C5348; // "MLSH"
  /** The file header: one sector, so writing it never tears a frame. */
  static final int HEADER_BYTES = 512;
  /** The acknowledged end of a file whose header fails its checksum: every frame must be whole. */
  private static final long ALL_FRAMES = Long.MAX_VALUE;

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
      try (Appender appender = appender(key)) {
        appender.appendLocked(frame);
      }
    } catch (IOException e) {
      throw DurableFiles.failure("appending to series '" + key + "'", p, e);
    }
  }

  /**
   * Opens a series for appending; a file it creates is made durable in its directory before this returns.
   * Used with the key's stripe lock held for each append; the write-ahead journal keeps one open across its
   * commits.
   */
  Appender appender(String key) throws IOException {
    Path p = paths.pathOf(key);
    boolean created = !Files.exists(p);
    if (created) {
      DurableFiles.ensureDirectory(p.getParent());
    }
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    if (created) {
      try {
        DurableFiles.syncDirectory(p.getParent());
      } catch (IOException e) {
        ch.close();
        throw e;
      }
    }
    return new Appender(key, p, ch);
  }

  /** An open series file that durable appends go to; not thread-safe (used under the key's stripe lock). */
  final class Appender implements AutoCloseable {
    private final String key;
    private final Path path;
    private final FileChannel ch;

    private Appender(String key, Path path, FileChannel ch) {
      this.key = key;
      this.path = path;
      this.ch = ch;
    }

    /**
     * Appends entries as one frame, durably; takes the key's stripe lock (so processes append in turn).
     *
     * @return the acknowledged end after the frame
     * @throws StorageException if the write failed
     */
    @SuppressWarnings("try") // the resource is the held stripe lock: the body runs under it, never names it
    long append(List<byte[]> entries) {
      ByteBuffer frame = encodeFrame(key, entries);
      try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "append to the series")) {
        return appendLocked(frame);
      } catch (IOException e) {
        throw DurableFiles.failure("appending to series '" + key + "'", path, e);
      }
    }

    /** With the key's stripe lock held: checks the tail, writes the frame, syncs, writes the new end. */
    private long appendLocked(ByteBuffer frame) throws IOException {
      Layout layout = layout(key, path, ch);
      long end = recoverTail(key, path, ch, layout);
      long pos = end;
      if (end == 0) { // a new file: an empty header (nothing acknowledged yet), then the frame
        ByteBuffer withHeader = ByteBuffer.allocate(HEADER_BYTES + frame.remaining());
        frame = withHeader.position(HEADER_BYTES).put(frame).flip();
      }
      while (frame.hasRemaining()) {
        pos += ch.write(frame, pos);
      }
      ch.force(false);
      if (!layout.legacy()) {
        ByteBuffer header = header(pos);
        for (long at = 0; header.hasRemaining(); ) {
          at += ch.write(header, at);
        }
      }
      validatedEnd.put(key, pos);
      return pos;
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  /** @return the file of a series */
  Path pathOf(String key) {
    return paths.pathOf(key);
  }

  /**
   * Where a journaled append puts its frame: the offset, and whether the file is of the layout without a
   * header (whose end the append does not record).
   *
   * @param offset where the frame starts
   * @param legacy whether the file has no header
   */
  record Tail(long offset, boolean legacy) {}

  /**
   * A series file a journaled batch prepared, with the key's stripe lock held: where its next frame goes
   * and the descriptor it was checked through (null if the file does not exist), which the batch's writes
   * reuse instead of opening the file again. Closing it closes the descriptor.
   */
  static final class Prepared implements AutoCloseable {
    private final Tail tail;
    private final @Nullable FileChannel channel;

    private Prepared(Tail tail, @Nullable FileChannel channel) {
      this.tail = tail;
      this.channel = channel;
    }

    /** @return where the next frame goes */
    Tail tail() {
      return tail;
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }

  /**
   * With the key's stripe lock held: cuts off a torn tail (as an append does) and tells where the next
   * frame goes; a series that does not exist gets its frame after an empty header.
   */
  Prepared prepareAppend(String key) throws IOException {
    Path p = paths.pathOf(key);
    FileChannel ch;
    try {
      ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException absent) {
      return new Prepared(new Tail(HEADER_BYTES, false), null);
    }
    try {
      Layout layout = layout(key, p, ch);
      long end = recoverTail(key, p, ch, layout);
      return new Prepared(end == 0 ? new Tail(HEADER_BYTES, false) : new Tail(end, layout.legacy()), ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * With the key's stripe lock held, after the journal made the append durable: writes the frame at the
   * prepared offset and the new acknowledged end, without syncing (the journal's checkpoint syncs them),
   * through the prepared file's descriptor, or a new file's when there was none.
   */
  void writeJournaled(String key, Prepared prepared, Tail tail, ByteBuffer frame) throws IOException {
    if (prepared.channel != null) {
      writeFrame(key, prepared.channel, tail, frame, false);
      return;
    }
    Path p = paths.pathOf(key);
    FileChannel ch;
    try {
      ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException noDirectory) {
      DurableFiles.ensureDirectory(p.getParent());
      ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    try (FileChannel created = ch) {
      writeFrame(key, created, tail, frame, true);
    }
  }

  /**
   * Writes a frame at its offset, then the acknowledged end; {@code newFile}: the file did not exist when
   * the batch prepared it, so the frame at the first offset goes out with the empty header in one write.
   */
  private void writeFrame(String key, FileChannel ch, Tail tail, ByteBuffer frame, boolean newFile)
      throws IOException {
    long pos = tail.offset();
    ByteBuffer f = frame.duplicate();
    if (newFile && pos == HEADER_BYTES && !tail.legacy()) {
      f = ByteBuffer.allocate(HEADER_BYTES + f.remaining()).position(HEADER_BYTES).put(f).flip();
      pos = 0;
    }
    while (f.hasRemaining()) {
      pos += ch.write(f, pos);
    }
    if (!tail.legacy()) {
      ByteBuffer header = header(pos);
      for (long at = 0; header.hasRemaining(); ) {
        at += ch.write(header, at);
      }
    }
    validatedEnd.put(key, pos);
  }

  /**
   * With the key's stripe lock held, replaying the journal: makes sure the series holds the journaled frame
   * at its offset and that its acknowledged end covers it. A frame already there is left alone; so is another
   * whole frame at that offset (one that passes its checksum): a later append put it there after the
   * journaled frame never reached the file (its writer died between its journal sync and this write, so its
   * batch never returned), and writing over it would drop an append that did. Nothing is synced.
   *
   * @return what the replay found and did
   * @throws CorruptedDataException if the file ends before the offset (frames before the journaled one are gone)
   */
  Replayed replayFrame(String key, long offset, byte[] frame) throws IOException {
    Path p = paths.pathOf(key);
    DurableFiles.ensureDirectory(p.getParent());
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = ch.size();
      boolean written = false;
      if (size < offset) {
        if (offset != HEADER_BYTES) {
          throw new CorruptedDataException("series '" + key + "' at " + p + " has " + size + " bytes, but the"
              + " journal holds a frame at offset " + offset + ": the frames before it are gone");
        }
        ch.truncate(0);
        ByteBuffer empty = ByteBuffer.allocate(HEADER_BYTES);
        for (long at = 0; empty.hasRemaining(); ) {
          at += ch.write(empty, at);
        }
        size = HEADER_BYTES;
        written = true;
      }
      boolean there = false;
      if (size >= offset + frame.length) {
        ByteBuffer have = ByteBuffer.allocate(frame.length);
        readFully(ch, have, offset);
        there = Arrays.equals(have.array(), frame);
      }
      if (!there && !written && isWholeFrameAt(ch, offset, size)) {
        LOG.info("series '{}' at {}: the journal holds a frame at offset {} that another append replaced (its"
            + " writer died before writing it, so its batch never returned); the later frame stays", key, p, offset);
        return Replayed.SUPERSEDED;
      }
      if (!there) {
        ByteBuffer f = ByteBuffer.wrap(frame);
        for (long at = offset; f.hasRemaining(); ) {
          at += ch.write(f, at);
        }
        written = true;
      }
      Layout layout = layout(key, p, ch);
      if (!layout.legacy() && (layout.acknowledgedEnd() == ALL_FRAMES
          || layout.acknowledgedEnd() < offset + frame.length)) {
        ByteBuffer header = header(offset + frame.length);
        for (long at = 0; header.hasRemaining(); ) {
          at += ch.write(header, at);
        }
        written = true;
      }
      if (written) {
        validatedEnd.remove(key);
      }
      return written ? Replayed.WRITTEN : Replayed.PRESENT;
    }
  }

  /** What {@link #replayFrame} found and did. */
  enum Replayed {
    /** The frame was there and covered by the acknowledged end. */
    PRESENT,
    /** The frame, the acknowledged end or both were written. */
    WRITTEN,
    /** Another whole frame is at its offset: the file was left alone. */
    SUPERSEDED
  }

  /** Whether a whole frame that passes its checksum starts at {@code offset} of a file of {@code size} bytes. */
  private static boolean isWholeFrameAt(FileChannel ch, long offset, long size) throws IOException {
    if (size - offset < FRAME_HEADER) {
      return false;
    }
    ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
    readFully(ch, header, offset);
    int length = header.getInt(4);
    if (header.getInt(0) != MAGIC || length < 4 || offset + FRAME_HEADER + length > size) {
      return false;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(ch, payload, offset + FRAME_HEADER);
    CRC32C c = new CRC32C();
    c.update(payload.array(), 0, length);
    return (int) c.getValue() == header.getInt(8);
  }

  /**
   * Where a series file's frames start and up to where they were acknowledged. {@code legacy} files have
   * no header (written before it existed); their acknowledged end is 0, so their last frame may be torn.
   */
  private record Layout(long start, long acknowledgedEnd, boolean legacy) {}

  /** Reads a file's header and tells its layout; an empty file is a new one. */
  private static Layout layout(String key, Path p, FileChannel ch) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
    while (h.hasRemaining() && ch.read(h, h.position()) >= 0) {
      // reads up to a whole header or the end of the file
    }
    int n = h.position();
    if (n == 0) {
      return new Layout(0, 0, false);
    }
    if (n >= 4 && h.getInt(0) == MAGIC) {
      return new Layout(0, 0, true);
    }
    if (n < HEADER_BYTES || allZero(h.array(), 0, 16)) {
      // a first append that never returned (its header is written last), or a file cut inside its header
      return new Layout(HEADER_BYTES, n < HEADER_BYTES && !allZero(h.array(), 0, n) ? ALL_FRAMES : 0, false);
    }
    long end = h.getLong(4);
    CRC32C c = new CRC32C();
    c.update(h.array(), 0, 12);
    if (h.getInt(0) != HEADER_MAGIC || (int) c.getValue() != h.getInt(12) || end < HEADER_BYTES) {
      LOG.warn("series '{}' at {}: its header fails its checksum; every frame must be whole", key, p);
      return new Layout(HEADER_BYTES, ALL_FRAMES, false);
    }
    return new Layout(HEADER_BYTES, end, false);
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The 16 meaningful bytes of a header naming an acknowledged end. */
  static ByteBuffer header(long acknowledgedEnd) {
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putInt(HEADER_MAGIC).putLong(acknowledgedEnd);
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 12);
    return b.putInt((int) c.getValue()).flip();
  }

  /**
   * With the lock held: checks the frames this process has not seen and cuts off a torn tail; returns
   * the end to append at (0 for a new file).
   */
  private long recoverTail(String key, Path p, FileChannel ch, Layout layout) throws IOException {
    long size = ch.size();
    if (size < layout.start()) { // a first append that never returned, cut inside the header
      if (layout.acknowledgedEnd() == ALL_FRAMES) {
        throw new CorruptedDataException("series '" + key + "' at " + p + " has " + size
            + " bytes that are not a series header; refusing to overwrite them");
      }
      ch.truncate(0);
      return 0;
    }
    if (size == 0) {
      return 0;
    }
    long from = Math.max(layout.start(), validatedEnd.getOrDefault(key, 0L));
    if (from > size) {
      from = layout.start(); // the file was replaced or truncated behind our back: check it all again
    }
    requireAcknowledgedEnd(key, p, layout, size);
    if (from == size) {
      return size;
    }
    long end = scan(key, p, new FrameReader(ch, size), from, layout.acknowledgedEnd(), Integer.MAX_VALUE, null);
    if (end < size) {
      LOG.warn("series '{}' at {}: cutting off a torn tail of {} bytes at offset {} (left by a crashed writer)",
          key, p, size - end, end);
      ch.truncate(end);
      ch.force(true);
    }
    return end;
  }

  private static void requireAcknowledgedEnd(String key, Path p, Layout layout, long size) {
    if (layout.acknowledgedEnd() != ALL_FRAMES && size < layout.acknowledgedEnd()) {
      throw new CorruptedDataException("series '" + key + "' at " + p + " has " + size + " bytes, but "
          + layout.acknowledgedEnd() + " were acknowledged: acknowledged frames were cut off");
    }
  }

  static ByteBuffer encodeFrame(String key, List<byte[]> entries) {
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
   * Walks frames from {@code from}, passing each whole, valid frame's entries to {@code out} (if given) until
   * at least {@code maxEntries} are passed. Returns the offset after the last whole, valid frame read; a torn
   * tail after {@code acknowledgedEnd} ends the walk; a bad frame before it, or with data after it, is
   * corruption. Each frame is read once, and checked before any of its entries is passed.
   */
  private static long scan(String key, Path p, FrameReader frames, long from, long acknowledgedEnd,
      int maxEntries, @Nullable Delivery out) throws IOException {
    long size = frames.size();
    long pos = from;
    int collected = 0;
    while (pos < size && collected < maxEntries) {
      if (size - pos < FRAME_HEADER) {
        return torn(key, p, pos, size, acknowledgedEnd, "a frame header cut short");
      }
      int at = frames.load(pos, FRAME_HEADER);
      byte[] b = frames.buffer();
      int magic = intAt(b, at);
      int length = intAt(b, at + 4);
      int crc = intAt(b, at + 8);
      if (magic != MAGIC || length < 4) {
        return torn(key, p, tornOrCorrupt(key, p, frames.channel(), pos, size), size, acknowledgedEnd,
            "a bad frame header");
      }
      if (pos + FRAME_HEADER + length > size) {
        return torn(key, p, pos, size, acknowledgedEnd, "a frame cut short");
      }
      if (length > Integer.MAX_VALUE - FRAME_HEADER) { // no append writes one; only in a file over 2 GiB
        return torn(key, p, tornOrCorrupt(key, p, frames.channel(), pos, size), size, acknowledgedEnd,
            "a bad frame header");
      }
      at = frames.load(pos, FRAME_HEADER + length) + FRAME_HEADER;
      b = frames.buffer();
      CRC32C c = new CRC32C();
      c.update(b, at, length);
      if ((int) c.getValue() != crc) {
        if (pos + FRAME_HEADER + length == size || allZero(frames.channel(), pos + FRAME_HEADER + length, size)) {
          // last frame, partly written before a crash (perhaps with zeros after it), unless acknowledged
          return torn(key, p, pos, size, acknowledgedEnd, "a frame that fails its CRC-32C checksum");
        }
        throw new CorruptedDataException("series '" + key + "' at " + p + ": the frame at offset " + pos
            + " fails its CRC-32C checksum and is followed by more data");
      }
      int count = entryCount(key, p, pos, b, at, length);
      long end = pos + FRAME_HEADER + length;
      if (out != null) {
        out.frame(b, at + 4, count, end);
      }
      collected += count;
      pos = end;
    }
    return pos;
  }

  /** Checks that a frame's entries lie within its payload, and returns how many it holds. */
  private static int entryCount(String key, Path p, long pos, byte[] b, int payload, int length) {
    int count = intAt(b, payload);
    int end = payload + length;
    int at = payload + 4;
    for (int i = 0; i < count && at >= 0; i++) {
      int n = at <= end - 4 ? intAt(b, at) : -1;
      at = n < 0 || n > end - at - 4 ? -1 : at + 4 + n;
    }
    if (count < 0 || at < 0) {
      throw new CorruptedDataException("series '" + key + "' at " + p + ": the frame at offset " + pos
          + " passes its checksum but its entries do not fit in it");
    }
    return count;
  }

  private static int intAt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }

  /**
   * Reads a series file front to back in chunks, never past the size a walk started with: each byte is read
   * from the file once, into one buffer that later chunks reuse (grown for a frame larger than it). The first
   * read asks for 64 KiB (a page of a few entries reads little more than it needs), each later one for twice
   * as much as the one before, up to 1 MiB (a walk over a whole series makes few, large reads).
   */
  private static final class FrameReader {
    private static final int FIRST_CHUNK = 64 << 10;
    private static final int LARGEST_CHUNK = 1 << 20;
    private final FileChannel ch;
    private final long size;
    private byte[] buffer = new byte[0];
    /** The file offset of {@code buffer[0]}. */
    private long start;
    /** How many bytes of {@code buffer} hold the file's, from {@link #start}. */
    private int filled;
    /** How much the next read asks for at least. */
    private int chunk = FIRST_CHUNK;

    FrameReader(FileChannel ch, long size) {
      this.ch = ch;
      this.size = size;
    }

    long size() {
      return size;
    }

    FileChannel channel() {
      return ch;
    }

    /** @return the buffer; valid until the next {@link #load} */
    byte[] buffer() {
      return buffer;
    }

    /**
     * Makes the file's bytes from {@code pos} to {@code pos + n} (within the size) readable in
     * {@link #buffer()}, keeping those already read, and returns where they start in it.
     */
    int load(long pos, int n) throws IOException {
      if (pos >= start && pos + n <= start + filled) {
        return (int) (pos - start);
      }
      int kept = pos >= start && pos < start + filled ? (int) (start + filled - pos) : 0;
      int want = (int) Math.min(Math.max(Math.max(n, chunk), buffer.length), size - pos);
      chunk = Math.min(LARGEST_CHUNK, chunk * 2);
      byte[] target = want > buffer.length ? new byte[want] : buffer;
      if (kept > 0) {
        System.arraycopy(buffer, (int) (pos - start), target, 0, kept);
      }
      buffer = target;
      start = pos;
      readFully(ch, ByteBuffer.wrap(target, kept, want - kept), pos);
      filled = want;
      return 0;
    }
  }

  /**
   * Where a walk's checked frames go: each entry to a sink, then the walk's position moves past the frame,
   * so a walk that stops on damage can go on from the last frame it passed whole.
   */
  private static final class Delivery {
    private final SeriesEntrySink sink;
    /** The offset after the last frame whose entries were all passed. */
    long position;
    /** Whether the sink threw, so that its failure is not mistaken for damage and read again. */
    boolean sinkFailed;
    /** Told the end of each frame after its entries, if set. */
    @Nullable LongConsumer frameEnds;

    Delivery(long position, SeriesEntrySink sink) {
      this.position = position;
      this.sink = sink;
    }

    void frame(byte[] b, int entries, int count, long end) {
      int at = entries;
      for (int i = 0; i < count; i++) {
        int n = intAt(b, at);
        try {
          sink.accept(b, at + 4, n);
        } catch (RuntimeException e) {
          sinkFailed = true;
          throw e;
        }
        at += 4 + n;
      }
      position = end;
      if (frameEnds != null) {
        frameEnds.accept(end);
      }
    }
  }

  /** A torn tail at {@code pos}, allowed only after the acknowledged end. */
  private static long torn(String key, Path p, long pos, long size, long acknowledgedEnd, String what) {
    if (pos < acknowledgedEnd) {
      throw new CorruptedDataException("series '" + key + "' at " + p + ": " + what + " at offset " + pos
          + " of " + size + " bytes, inside the acknowledged " + (acknowledgedEnd == ALL_FRAMES
          ? "frames (the header is damaged, so all of them)" : "end at offset " + acknowledgedEnd)
          + "; refusing to drop acknowledged entries");
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
    List<byte[]> out = new ArrayList<>();
    Delivery page = new Delivery(position,
        (b, offset, length) -> out.add(Arrays.copyOfRange(b, offset, offset + length)));
    boolean end = walk(key, Math.max(1, maxEntries), page, () -> {
      out.clear(); // a page read again under the lock starts over
      page.position = position;
    });
    return new SeriesPage(out, page.position, end);
  }

  /**
   * A whole frame as {@link #frames} reads it.
   *
   * @param end the offset just after the frame, which tells it apart from every other frame of its file
   * @param entries its entries
   */
  record Frame(long end, List<byte[]> entries) {}

  /**
   * Reads every whole frame of a series, in order, as {@link #forEachEntry} reads them (a torn tail ends them;
   * a file that looks damaged is read again with the key's lock held).
   *
   * @return the frames, none if the series does not exist
   * @throws CorruptedDataException if an acknowledged frame is damaged
   */
  List<Frame> frames(String key) {
    List<Frame> out = new ArrayList<>();
    List<byte[]> current = new ArrayList<>();
    Delivery all = new Delivery(0, (b, offset, length) -> current.add(Arrays.copyOfRange(b, offset, offset + length)));
    all.frameEnds = end -> {
      out.add(new Frame(end, List.copyOf(current)));
      current.clear();
    };
    walk(key, Integer.MAX_VALUE, all, () -> { // read again from the start under the lock
      out.clear();
      current.clear();
      all.position = 0;
    });
    return out;
  }

  /**
   * Reads every frame from the position to the end of the file once, in chunks of up to a megabyte (see
   * {@link FrameReader}), and passes each checked frame's entries on from the read buffer, without a copy.
   */
  @Override
  public long forEachEntry(String key, long position, SeriesEntrySink sink) {
    Delivery all = new Delivery(position, sink);
    walk(key, Integer.MAX_VALUE, all, () -> { });
    return all.position;
  }

  /**
   * Walks frames from the delivery's position until it has passed {@code maxEntries}, without the key's lock;
   * on damage, walks again with the lock held (an append in progress is never mistaken for damage), after
   * {@code restart}: from the last frame passed whole unless {@code restart} moves the position back.
   *
   * @return whether nothing readable follows the frames passed
   */
  @SuppressWarnings("try") // the resource is the held stripe lock: the body runs under it, never names it
  private boolean walk(String key, int maxEntries, Delivery delivery, Runnable restart) {
    Path p = paths.pathOf(key);
    if (delivery.position < 0) {
      throw new InvalidInputException("series position must be >= 0, got " + delivery.position);
    }
    try {
      return walkUnlocked(key, p, maxEntries, delivery);
    } catch (CorruptedDataException suspect) {
      if (delivery.sinkFailed) {
        throw suspect;
      }
      try (StripedFileLocks.Held held = locks.lock(key, lockTimeout, "re-read a series that looks damaged")) {
        restart.run();
        return walkUnlocked(key, p, maxEntries, delivery);
      }
    }
  }

  private static boolean walkUnlocked(String key, Path p, int maxEntries, Delivery delivery) {
    long position = delivery.position;
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      Layout layout = layout(key, p, ch); // before the size: an append moves the end only after its frame
      long size = ch.size();
      if (position > size) {
        throw new InvalidInputException("series position " + position + " is past the end of series '" + key
            + "' (" + size + " bytes); positions come from SeriesPage.nextPosition()");
      }
      requireAcknowledgedEnd(key, p, layout, size);
      if (size < layout.start()) {
        return true; // a first append still in progress, or torn
      }
      if (position != 0 && position < layout.start()) {
        throw new InvalidInputException("series position " + position + " of series '" + key
            + "' is inside its header; positions come from SeriesPage.nextPosition()");
      }
      FrameReader frames = new FrameReader(ch, size);
      long next = scan(key, p, frames, Math.max(position, layout.start()), layout.acknowledgedEnd(), maxEntries,
          delivery);
      delivery.position = next;
      if (next >= size) {
        return true;
      }
      if (!layout.legacy() && layout.acknowledgedEnd() != ALL_FRAMES && next < layout.acknowledgedEnd()) {
        return false; // acknowledged frames follow, and each must be whole: a later read reports any damage
      }
      return onlyTornTailAt(key, p, frames, next, layout.acknowledgedEnd());
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      throw DurableFiles.failure("reading series '" + key + "'", p, e);
    }
  }

  /**
   * Tells whether nothing readable follows a position. Damage after it is reported by the read that
   * reaches it, not by this page, so a reader gets every good entry before the damage.
   */
  private static boolean onlyTornTailAt(String key, Path p, FrameReader frames, long next, long acknowledgedEnd)
      throws IOException {
    try {
      return scan(key, p, frames, next, acknowledgedEnd, 1, null) == next;
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
