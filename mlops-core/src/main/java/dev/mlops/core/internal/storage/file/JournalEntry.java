package dev.mlops.core.internal.storage.file;

import dev.mlops.core.CorruptedDataException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of one journaled batch as the journal holds them: what each write left in its file, so that
 * replaying it needs nothing else.
 *
 * <p>Format: format byte 1, the op count (4 bytes), then each op: its kind (1 byte: 1 a record put, 2 a
 * record delete, 3 a series frame), the key's length (2 bytes) and UTF-8 bytes, then for a put the version
 * (8 bytes), the value's length (4 bytes) and the value; for a series frame the offset it starts at in the
 * series file (8 bytes), its length (4 bytes) and the whole frame as the series file holds it. The journal's
 * own frames carry the checksum. Immutable.
 */
final class JournalEntry {
  private static final byte FORMAT = 1;

  /** What an op does. */
  enum Kind {
    PUT, DELETE, FRAME
  }

  /**
   * One write: a record put (key, version, bytes = value), a record delete (key), or a series frame (key,
   * offset, bytes = frame).
   */
  record Op(Kind kind, String key, long versionOrOffset, byte[] bytes) {}

  private JournalEntry() {}

  static byte[] encode(List<Op> ops) {
    int size = 1 + 4;
    List<byte[]> keys = new ArrayList<>(ops.size());
    for (Op op : ops) {
      byte[] k = op.key().getBytes(StandardCharsets.UTF_8);
      keys.add(k);
      size += 1 + 2 + k.length + (op.kind() == Kind.DELETE ? 0 : 8 + 4 + op.bytes().length);
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(FORMAT).putInt(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      b.put((byte) (op.kind().ordinal() + 1)).putShort((short) keys.get(i).length).put(keys.get(i));
      if (op.kind() != Kind.DELETE) {
        b.putLong(op.versionOrOffset()).putInt(op.bytes().length).put(op.bytes());
      }
    }
    return b.array();
  }

  /**
   * Decodes an entry.
   *
   * @param where the journal segment and the entry's place in it, for the error
   * @throws CorruptedDataException if the entry is not one this class wrote
   */
  static List<Op> decode(byte[] entry, String where) {
    try {
      ByteBuffer b = ByteBuffer.wrap(entry);
      if (b.get() != FORMAT) {
        throw new CorruptedDataException("journal entry " + where + " has format " + entry[0] + ", not " + FORMAT);
      }
      int count = b.getInt();
      if (count < 0 || count > entry.length) {
        throw new CorruptedDataException("journal entry " + where + " claims " + count + " writes");
      }
      List<Op> ops = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int kind = b.get();
        if (kind < 1 || kind > Kind.values().length) {
          throw new CorruptedDataException("journal entry " + where + ": write " + i + " has kind " + kind);
        }
        byte[] key = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(key);
        Kind k = Kind.values()[kind - 1];
        long n = 0;
        byte[] bytes = new byte[0];
        if (k != Kind.DELETE) {
          n = b.getLong();
          bytes = new byte[b.getInt()];
          b.get(bytes);
        }
        ops.add(new Op(k, new String(key, StandardCharsets.UTF_8), n, bytes));
      }
      if (b.hasRemaining()) {
        throw new CorruptedDataException("journal entry " + where + " has " + b.remaining() + " bytes after its "
            + count + " writes");
      }
      return ops;
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new CorruptedDataException("journal entry " + where + " ends inside a write: it is not a journal entry", e);
    }
  }
}
