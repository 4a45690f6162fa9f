package dev.mlops.storage.s3.internal;

import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The bytes of one object, read with {@code GetObject}; if the connection drops or ends early, the read
 * goes on from the same position with a ranged request that must match the object's ETag (so it cannot
 * splice two versions), up to the store's attempt limit. Callers verify the digest on top. Not thread-safe.
 */
final class ResumingObjectStream extends BulkInputStream {
  private final S3Client client;
  private final S3Settings settings;
  private final String key;
  private final String eTag;
  private final long length;
  private ResponseInputStream<GetObjectResponse> in;
  private long position;
  private int resumesLeft;

  private ResumingObjectStream(S3Client client, S3Settings settings, String key,
      ResponseInputStream<GetObjectResponse> in) {
    this.client = client;
    this.settings = settings;
    this.key = key;
    this.in = in;
    this.eTag = in.response().eTag();
    this.length = in.response().contentLength();
    this.resumesLeft = settings.maxAttempts() - 1;
  }

  /**
   * Starts reading an object.
   *
   * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException if it does not exist
   * @throws SdkException if the request fails for good
   */
  static ResumingObjectStream open(S3Client client, S3Settings settings, String key) {
    return new ResumingObjectStream(client, settings, key,
        client.getObject(r -> r.bucket(settings.bucket()).key(key)));
  }

  /** @return the object's length in bytes */
  long length() {
    return length;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      IOException failure;
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          position += n;
          return n;
        }
        if (n < 0 && position >= length) {
          return -1;
        }
        failure = new IOException("the object ended after " + position + " of " + length + " bytes");
      } catch (IOException e) {
        failure = e;
      }
      resume(failure);
    }
  }

  private void resume(IOException cause) throws IOException {
    if (resumesLeft <= 0) {
      throw new IOException("reading " + key + " in " + settings.where() + " failed at byte " + position + " of "
          + length + " after " + settings.maxAttempts() + " attempts: " + cause, cause);
    }
    resumesLeft--;
    in.abort();
    try {
      in = client.getObject(r -> r.bucket(settings.bucket()).key(key).range("bytes=" + position + "-")
          .ifMatch(eTag));
    } catch (SdkException e) {
      IOException failed = new IOException("resuming the read of " + key + " in " + settings.where()
          + " at byte " + position + " failed: " + e.getMessage(), e);
      failed.addSuppressed(cause);
      throw failed;
    }
  }

  @Override
  public void close() throws IOException {
    if (position < length) {
      in.abort();
    }
    in.close();
  }
}
