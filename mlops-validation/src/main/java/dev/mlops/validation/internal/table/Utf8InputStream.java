package dev.mlops.validation.internal.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of a character stream, so that text in any charset can go through the byte-level CSV
 * tokenizer. Decoding errors of the underlying reader surface as its {@link IOException}s; an unpaired
 * surrogate becomes {@code '?'}. Not thread-safe.
 */
public final class Utf8InputStream extends InputStream {
  private final Reader reader;
  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final CharBuffer chars = CharBuffer.allocate(1 << 13).flip();
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 15).flip();
  private boolean endOfChars;
  private boolean flushed;

  private Utf8InputStream(Reader reader) {
    this.reader = reader;
  }

  /**
   * Wraps a reader.
   *
   * @param reader the characters, closed when this stream is closed
   * @return the stream of their UTF-8 bytes
   */
  public static Utf8InputStream of(Reader reader) {
    return new Utf8InputStream(reader);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!bytes.hasRemaining()) {
      if (flushed) {
        return -1;
      }
      bytes.clear();
      if (!endOfChars) {
        chars.compact();
        endOfChars = reader.read(chars) < 0;
        chars.flip();
      }
      encoder.encode(chars, bytes, endOfChars);
      if (endOfChars && !chars.hasRemaining()) {
        encoder.flush(bytes);
        flushed = true;
      }
      bytes.flip();
    }
    int n = Math.min(len, bytes.remaining());
    bytes.get(b, off, n);
    return n;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
