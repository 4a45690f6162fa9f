package dev.mlops.core.hash;

import dev.mlops.core.CorruptedDataException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes bytes as they are read and, at the end of input, throws {@link CorruptedDataException} instead
 * of reporting end of input when they do not match the expected digest.
 *
 * <p>Every blob backend returns its reads through one of these, so a caller that reads to the end never
 * accepts wrong bytes (the contract of {@link dev.mlops.core.spi.BlobStore#open}). Not thread-safe
 * (streams never are).
 */
public final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final String what;
  private final MessageDigest sha = Digest.newSha256();
  private boolean verified;

  /**
   * Wraps a stream.
   *
   * @param in the raw bytes
   * @param expected the digest they must have
   * @param what a description for the error message (which blob, which file)
   */
  public VerifyingInputStream(InputStream in, Digest expected, String what) {
    super(in);
    this.expected = expected;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      verify();
    } else {
      sha.update((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n < 0) {
      verify();
    } else if (n > 0) {
      sha.update(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long left = n;
    while (left > 0) {
      int r = read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // marking would let a caller re-read bytes the digest already consumed
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset is not supported by a verifying stream");
  }

  private void verify() {
    if (verified) {
      return;
    }
    byte[] actual = sha.digest();
    if (!expected.matches(actual)) {
      throw new CorruptedDataException(what + " is corrupted: its bytes hash to "
          + Digest.ofBytes(actual) + ", not " + expected);
    }
    verified = true;
  }
}
