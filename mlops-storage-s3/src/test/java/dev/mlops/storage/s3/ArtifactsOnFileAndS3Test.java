package dev.mlops.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.artifact.GarbageCollectionReport;
import dev.mlops.core.hash.Digest;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.testservers.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * One machine's setup, records in a directory and blobs in a bucket: artifacts publish, alias, materialize,
 * survive reopening, and garbage collection sweeps unreferenced blobs and abandoned uploads.
 */
class ArtifactsOnFileAndS3Test {
  private static S3ProxyServer server;
  @TempDir Path dir;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.shared();
  }


  /** Opens the store with a clock two hours ahead, so blobs written now are past a one-hour grace period. */
  private static MlopsStore open(Path records, String blobs) {
    return MlopsStore.builder().storage("file:" + records).blobs(blobs)
        .clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(2))).open();
  }

  @Test
  void artifactsPublishAliasMaterializeAndCollectGarbage() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    byte[] weights = S3BlobStoreTest.random(7 << 20, 1);
    Files.write(model.resolve("weights.bin"), weights);
    Files.writeString(Files.createDirectories(model.resolve("conf")).resolve("config.json"), "{\"layers\": 3}");
    Path data = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
    Path records = dir.resolve("records");
    String blobs = S3TestBuckets.freshUri(server) + "&partSize=5MiB";

    ArtifactVersion modelV1;
    ArtifactVersion dataV1;
    try (MlopsStore store = open(records, blobs)) {
      Artifacts artifacts = store.artifacts();
      modelV1 = artifacts.publish("model", model);
      dataV1 = artifacts.publish("data", data);
      artifacts.alias("model", "champion", modelV1.version());

      Path out = artifacts.materialize(artifacts.get("model@champion"), dir.resolve("out"));
      assertThat(Files.readAllBytes(out.resolve("weights.bin"))).isEqualTo(weights);
      assertThat(Files.readString(out.resolve("conf/config.json"))).isEqualTo("{\"layers\": 3}");
      S3BlobStore s3 = (S3BlobStore) store.storage().blobs();
      assertThat(s3.stat(Digest.sha256(weights))).isPresent();
      assertThat(s3.stat(dataV1.digest())).isPresent();
    }

    try (MlopsStore store = open(records, blobs)) {
      Artifacts artifacts = store.artifacts();
      assertThat(artifacts.get("model@champion").digest()).isEqualTo(modelV1.digest());
      S3BlobStore s3 = (S3BlobStore) store.storage().blobs();
      String bucket = s3.settings().bucket();
      String staging = s3.settings().root() + "staging/";
      s3.client().putObject(r -> r.bucket(bucket).key(staging + "left-by-a-crash"), RequestBody.fromString("x"));
      s3.client().createMultipartUpload(r -> r.bucket(bucket).key(staging + "never-completed")
          .checksumAlgorithm(ChecksumAlgorithm.SHA256));

      artifacts.delete("data", dataV1.version());
      artifacts.purge("data", dataV1.version());
      GarbageCollectionReport report = artifacts.collectGarbage(Artifacts.MIN_GRACE_PERIOD, false);

      assertThat(report.blobsSwept()).isEqualTo(1);
      assertThat(s3.stat(dataV1.digest())).isEmpty();
      assertThat(s3.stat(Digest.sha256(weights))).isPresent();
      assertThat(S3BlobStoreTest.keys(s3, "staging/")).isEmpty();
      assertThat(S3BlobStoreTest.pendingUploads(s3)).isZero();
      Path again = artifacts.materialize(artifacts.get("model@champion"), dir.resolve("again"));
      assertThat(Files.readAllBytes(again.resolve("weights.bin"))).isEqualTo(weights);
    }
  }
}
