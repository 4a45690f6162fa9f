package dev.mlops.storage.s3;

import dev.mlops.core.spi.BlobStore;
import dev.mlops.core.spi.BlobStoreProvider;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.storage.s3.internal.S3Settings;
import java.util.Objects;

/**
 * Serves the {@code s3} scheme: blobs in a bucket of Amazon S3 or of any S3-compatible server, under a
 * key prefix, paired with another backend that keeps records and series:
 *
 * <pre>{@code
 * MlopsStore team = MlopsStore.builder()
 *     .storage("postgresql://db.internal:5432/mlops?user=ml")
 *     .blobs("s3://models/team-a?region=eu-west-1")
 *     .open();
 * MlopsStore local = MlopsStore.builder()
 *     .storage("file:.mlops")
 *     .blobs("s3://models/laptop?endpoint=http://127.0.0.1:9000&region=us-east-1&pathStyle=true")
 *     .open();
 * }</pre>
 *
 * <p>The URI is {@code s3://bucket[/prefix][?options]}. Options: {@code endpoint} (an {@code http} or
 * {@code https} URL of an S3-compatible server; AWS when omitted), {@code region} (the SDK's default region
 * chain when omitted, {@code us-east-1} with an endpoint), {@code pathStyle} ({@code true} for servers without
 * virtual-host buckets), {@code sse} ({@code AES256} for SSE-S3, {@code aws:kms} for SSE-KMS),
 * {@code kmsKeyId} (the KMS key of SSE-KMS; implies {@code sse=aws:kms}), {@code maxAttempts} (tries per
 * request, 1 to 20, default {@value S3Settings#DEFAULT_MAX_ATTEMPTS}), {@code partSize} (bytes per multipart
 * part, such as {@code 16MiB}; 5 MiB to 5 GiB, default 8 MiB), {@code uploadThreads} (parts of one blob in
 * flight at once, 1 to 64, default {@value S3Settings#DEFAULT_UPLOAD_THREADS}) and {@code maxConnections}
 * (the HTTP connection pool, default {@value S3Settings#DEFAULT_MAX_CONNECTIONS}). Any other option is refused.
 *
 * <p>Credentials come only from the AWS SDK's default provider chain (system properties, environment,
 * web identity, profile, container and instance roles), never from the URI; the URI, {@link #describe}, error
 * messages and logs never carry them. See {@code docs/storage-s3.md} for the key layout, the upload and
 * retry behaviour and the bucket settings to choose.
 *
 * <p>Stateless and thread-safe; each {@link #open} makes a store with its own HTTP client and upload threads,
 * closed by the {@code MlopsStore} that uses it.
 */
public final class S3BlobStoreProvider implements BlobStoreProvider {
  /** The scheme this provider serves. */
  public static final String SCHEME = "s3";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public S3BlobStoreProvider() {
    // no state
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public String description() {
    return "S3 blob store (mlops-storage-s3)";
  }

  /**
   * Opens the bucket a location names, checking first that it exists and can be reached.
   *
   * @param location an {@code s3://bucket/prefix?...} location
   * @return the blob store, {@link AutoCloseable}
   * @throws dev.mlops.core.ConfigurationException if the URI or an option is wrong, or the bucket does not exist
   * @throws dev.mlops.core.StorageException if the server cannot be reached or refuses access
   */
  @Override
  public BlobStore open(StorageLocation location) {
    Objects.requireNonNull(location, "location");
    return S3BlobStore.open(S3Settings.parse(location));
  }

  /**
   * Describes a location by its bucket and prefix alone, without options: never credentials, and not even
   * a mistyped option's value. Never throws, so it can describe a URI that does not parse.
   *
   * @param location an {@code s3://} location
   * @return such as {@code s3://models/team-a}
   */
  @Override
  public String describe(StorageLocation location) {
    return S3Settings.describe(location);
  }
}
