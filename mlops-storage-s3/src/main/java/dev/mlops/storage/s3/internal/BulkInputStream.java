package dev.mlops.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;

/** A stream that does all its reading in {@link #read(byte[], int, int)}; a single byte is a read of one. */
abstract class BulkInputStream extends InputStream {
  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
