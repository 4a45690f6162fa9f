package dev.mlops.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.storage.s3.internal.S3Settings;
import dev.mlops.testservers.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code s3} URI: its options, its errors, and that no secret ever shows. */
class S3BlobStoreProviderTest {
  private static final String SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.shared();
  }


  private static S3Settings parse(String uri) {
    return S3Settings.parse(StorageLocation.parse(uri));
  }

  @Test
  void aFullUriParses() {
    S3Settings s = parse("s3://models/team-a/v2/?endpoint=http://127.0.0.1:9000/&region=eu-west-1&pathStyle=true"
        + "&sse=aws:kms&kmsKeyId=alias/mlops&maxAttempts=4&partSize=16MiB&uploadThreads=8&maxConnections=32");
    assertThat(s.bucket()).isEqualTo("models");
    assertThat(s.prefix()).isEqualTo("team-a/v2");
    assertThat(s.root()).isEqualTo("team-a/v2/");
    assertThat(s.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(s.region()).isEqualTo("eu-west-1");
    assertThat(s.pathStyle()).isTrue();
    assertThat(s.sse()).isEqualTo("aws:kms");
    assertThat(s.kmsKeyId()).isEqualTo("alias/mlops");
    assertThat(s.maxAttempts()).isEqualTo(4);
    assertThat(s.partSize()).isEqualTo(16L << 20);
    assertThat(s.uploadThreads()).isEqualTo(8);
    assertThat(s.maxConnections()).isEqualTo(32);
    assertThat(s.describe()).isEqualTo("s3://models/team-a/v2");
  }

  @Test
  void defaultsFollowTheSdkAndAKmsKeyImpliesSseKms() {
    S3Settings aws = parse("s3://models");
    assertThat(aws.prefix()).isEmpty();
    assertThat(aws.root()).isEmpty();
    assertThat(aws.endpoint()).isNull();
    assertThat(aws.region()).as("the SDK's default region chain").isNull();
    assertThat(aws.pathStyle()).isFalse();
    assertThat(aws.sse()).isNull();
    assertThat(aws.maxAttempts()).isEqualTo(S3Settings.DEFAULT_MAX_ATTEMPTS);
    assertThat(aws.partSize()).isEqualTo(S3Settings.DEFAULT_PART_SIZE);
    assertThat(parse("s3://models?endpoint=http://minio:9000").region()).isEqualTo("us-east-1");
    assertThat(parse("s3://models?kmsKeyId=k1").sse()).isEqualTo("aws:kms");
    assertThat(parse("s3://models?sse=aes256").sse()).isEqualTo("AES256");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3:models/x", "s3://Models", "s3://a", "s3://models/../up", "s3://models/a//b",
      "s3://models/a/./b", "s3://models/a%20b", "s3://models?endpoint=ftp://host", "s3://models?endpoint=nohost",
      "s3://models?region=EU WEST", "s3://models?pathStyle=maybe", "s3://models?sse=rot13",
      "s3://models?sse=AES256&kmsKeyId=k", "s3://models?maxAttempts=0", "s3://models?maxAttempts=21",
      "s3://models?partSize=1MiB", "s3://models?partSize=6GiB", "s3://models?uploadThreads=x",
      "s3://models?kmsKeyId="})
  void badUrisAreConfigurationErrorsNamingTheUri(String uri) {
    assertThatThrownBy(() -> parse(uri)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(S3Settings.describe(StorageLocation.parse(uri)));
  }

  @Test
  void noMessageOrDescriptionRepeatsASecretTypedIntoTheUri() {
    String[] uris = {
        "s3://models/a?secretAccessKey=" + SECRET,
        "s3://models/a?endpoint=http://AKIA:" + SECRET + "@127.0.0.1:9000",
        "s3://models/a?endpoint=http://127.0.0.1:9000?token=" + SECRET,
        "s3://models/a?region=" + SECRET,
        "s3://models/a?maxAttempts=" + SECRET,
        "s3://models/a?sse=" + SECRET,
    };
    S3BlobStoreProvider provider = new S3BlobStoreProvider();
    for (String uri : uris) {
      StorageLocation location = StorageLocation.parse(uri);
      assertThat(provider.describe(location)).isEqualTo("s3://models/a");
      assertThatThrownBy(() -> provider.open(location)).isInstanceOf(ConfigurationException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }
    assertThatThrownBy(() -> provider.open(StorageLocation.parse(uris[0])))
        .hasMessageContaining("unknown option 'secretAccessKey'").hasMessageContaining("default provider chain");
  }

  @Test
  void openingS3AsAWholeStoreShowsTheBuilderForm() {
    assertThatThrownBy(() -> MlopsStore.open("s3://models/team-a?region=eu-west-1&x=" + SECRET))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stores only blobs")
        .hasMessageContaining("MlopsStore.builder().storage(\"file:.mlops\").blobs(\"s3://models/team-a?...\").open()")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void theBuilderFindsTheProviderByItsSchemeAndDescribesTheStoreWithoutOptions() {
    String uri = S3TestBuckets.freshUri(server);
    try (MlopsStore store = MlopsStore.builder().storage("mem:").blobs(uri).open()) {
      assertThat(store.describe()).contains("blobs " + S3Settings.describe(StorageLocation.parse(uri)))
          .doesNotContain("endpoint");
      BlobInfo info = store.storage().blobs().put(new ByteArrayInputStream(new byte[] {1, 2}));
      assertThat(store.storage().blobs()).isInstanceOf(S3BlobStore.class);
      assertThat(((S3BlobStore) store.storage().blobs()).stat(info.digest())).isPresent();
    }
  }

  @Test
  void aMissingBucketIsAConfigurationErrorSayingToCreateIt() {
    assertThatThrownBy(() -> S3TestBuckets.open(server.uri("no-such-bucket/x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'no-such-bucket'")
        .hasMessageContaining("does not exist");
  }

  @Test
  void anUnreachableServerIsAStorageErrorAfterTheRetries() {
    assertThatThrownBy(() -> S3TestBuckets.open("s3://models/x?endpoint=http://127.0.0.1:1&maxAttempts=2"))
        .isInstanceOf(dev.mlops.core.StorageException.class).hasMessageContaining("s3://models/x at http://127.0.0.1:1")
        .hasMessageContaining("2 attempts");
  }

  /**
   * S3Proxy has no server-side encryption and refuses any request that asks for it with 501, so its
   * refusal proves that the single put and the multipart upload both pass the options through; the error
   * is clear and nothing is stored.
   */
  @Test
  void serverSideEncryptionOptionsAreSentWithEveryWrite() {
    for (String options : new String[] {"&sse=AES256", "&kmsKeyId=alias/mlops"}) {
      try (S3BlobStore store = S3TestBuckets.open(S3TestBuckets.freshUri(server) + options + "&partSize=5MiB")) {
        for (int size : new int[] {100, 6 << 20}) {
          byte[] content = S3BlobStoreTest.random(size, 8);
          assertThatThrownBy(() -> store.put(new ByteArrayInputStream(content)))
              .isInstanceOf(dev.mlops.core.StorageException.class)
              .hasMessageContaining("HTTP 501").hasMessageContaining("encryption")
              .hasMessageContaining("nothing was stored");
        }
        assertThat(S3BlobStoreTest.keys(store, "")).isEmpty();
      }
    }
  }
}
