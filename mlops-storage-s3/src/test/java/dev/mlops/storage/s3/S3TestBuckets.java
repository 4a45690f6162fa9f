package dev.mlops.storage.s3;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.storage.s3.internal.S3Settings;
import dev.mlops.testservers.S3ProxyServer;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;

/** Fresh prefixes in one S3Proxy bucket, so each test starts from an empty store. */
final class S3TestBuckets {
  static final String BUCKET = "mlops-test";
  private static final AtomicInteger NEXT = new AtomicInteger();

  private S3TestBuckets() {}

  /** @return a new, empty prefix's URI on the server */
  static String freshUri(S3ProxyServer server) {
    return server.uri(BUCKET + "/run-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet());
  }

  /** Opens a store through the provider, as the builder does. */
  static S3BlobStore open(String uri) {
    return (S3BlobStore) new S3BlobStoreProvider().open(StorageLocation.parse(uri));
  }

  /** Opens a store with settings changed by the caller. */
  static S3BlobStore open(S3Settings settings) {
    return S3BlobStore.open(settings);
  }

  /** Overwrites a blob's object behind the store's back. */
  static boolean corrupt(BlobStore blobs, Digest digest, byte[] bytes) {
    S3BlobStore s3 = (S3BlobStore) blobs;
    s3.client().putObject(r -> r.bucket(s3.settings().bucket()).key(s3.keyOf(digest)),
        RequestBody.fromBytes(bytes));
    return true;
  }
}
