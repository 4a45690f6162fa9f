package dev.mlops.storage.s3.internal;

import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The first {@code length} bytes of a file whose SHA-256 was computed before, read again (with positional
 * reads, so several streams may share the channel) and hashed as they are read; the read that would hand out
 * the last bytes first checks the hash, and throws instead if the file changed. Sent as the body of a
 * request with that length, the last bytes therefore never reach the server unless the whole body matches the
 * digest the request names, and a request cut short stores nothing. Not thread-safe.
 */
final class HashCheckedFileStream extends BulkInputStream {
  private final FileChannel channel;
  private final long length;
  private final byte[] expected;
  private final AtomicReference<@Nullable String> changed;
  private final MessageDigest sha = Digest.newSha256();
  private long position;

  /**
   * @param channel the open file
   * @param length how many bytes to send, from the start
   * @param expected their SHA-256
   * @param changed set to what changed when the file is found changed, so the caller can tell why it failed
   */
  HashCheckedFileStream(FileChannel channel, long length, byte[] expected,
      AtomicReference<@Nullable String> changed) {
    this.channel = channel;
    this.length = length;
    this.expected = expected.clone();
    this.changed = changed;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position == length) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int want = (int) Math.min(len, length - position);
    ByteBuffer into = ByteBuffer.wrap(b, off, want);
    while (into.hasRemaining()) {
      int r = channel.read(into, position + into.position() - off);
      if (r < 0) {
        throw changed("it ended after " + (position + into.position() - off) + " of " + length + " bytes");
      }
    }
    sha.update(b, off, want);
    position += want;
    if (position == length && !MessageDigest.isEqual(sha.digest(), expected)) {
      throw changed("its bytes no longer hash to " + Digest.ofBytes(expected));
    }
    return want;
  }

  private IOException changed(String what) {
    changed.compareAndSet(null, what);
    return new IOException("the file changed while it was sent: " + what);
  }

  /** Not closed here: the channel belongs to the caller. */
  @Override
  public void close() {
    position = length;
  }

  /** Thrown, unchecked, to stop the SDK from retrying a request whose file changed under an earlier attempt. */
  static final class FileChangedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FileChangedException(String what) {
      super("the file changed while it was sent: " + what);
    }
  }
}
