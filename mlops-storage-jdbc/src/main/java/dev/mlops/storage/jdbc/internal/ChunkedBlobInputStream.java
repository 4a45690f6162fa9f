package dev.mlops.storage.jdbc.internal;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.hash.Digest;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a blob's chunk rows one query at a time, hashing every byte it hands out. At the end it checks
 * the byte count and the digest and throws {@link CorruptedDataException} naming the blob instead of
 * reporting end of input when either is wrong, so a caller that reads to the end never accepts damaged
 * bytes. Not thread-safe (streams never are).
 */
final class ChunkedBlobInputStream extends InputStream {
  private final Database db;
  private final Digest digest;
  private final long contentId;
  private final long size;
  private final MessageDigest sha = Digest.newSha256();
  private byte[] chunk = new byte[0];
  private int offset;
  private int nextIndex;
  private long delivered;
  private boolean verified;
  private @Nullable String damage;

  ChunkedBlobInputStream(Database db, Digest digest, long contentId, long size) {
    this.db = db;
    this.digest = digest;
    this.contentId = contentId;
    this.size = size;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (offset == chunk.length && !fetch()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - offset);
    System.arraycopy(chunk, offset, b, off, n);
    sha.update(chunk, offset, n);
    offset += n;
    delivered += n;
    return n;
  }

  @Override
  public int available() {
    return chunk.length - offset;
  }

  /** Loads the next non-empty chunk; false at a verified end. */
  private boolean fetch() {
    if (delivered >= size) {
      verify();
      return false;
    }
    int index = nextIndex++;
    byte[] next = db.read("reading chunk " + index + " of blob " + digest, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT data FROM mlops_blob_chunks WHERE content_id = ? AND chunk_index = ?")) {
        ps.setLong(1, contentId);
        ps.setInt(2, index);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getBytes(1) : null;
        }
      }
    });
    if (next == null || next.length == 0 || delivered + next.length > size) {
      throw new CorruptedDataException("blob " + digest + " in " + db.description() + " is corrupted: chunk "
          + index + (next == null ? " is missing" : " holds " + next.length + " bytes") + " after " + delivered
          + " of its " + size + " bytes");
    }
    chunk = next;
    offset = 0;
    return true;
  }

  private void verify() {
    if (verified) {
      return;
    }
    if (damage == null) {
      byte[] actual = sha.digest();
      if (digest.matches(actual)) {
        verified = true;
        return;
      }
      damage = "blob " + digest + " in " + db.description() + " is corrupted: its bytes hash to " + Digest.ofBytes(actual);
    }
    throw new CorruptedDataException(damage);
  }
}
