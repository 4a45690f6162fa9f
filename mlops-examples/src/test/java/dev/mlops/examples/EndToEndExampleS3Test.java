package dev.mlops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.testservers.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job runs end to end with records in a directory and blobs in a bucket of S3Proxy. */
class EndToEndExampleS3Test {
  @TempDir Path dir;

  private String runOnce(String blobs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MlopsStore store = EndToEndExample.open("file:" + dir.resolve("store"), blobs);
         PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      EndToEndExample.run(store, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsWithItsBlobsInABucket() throws IOException {
    String blobs = S3ProxyServer.shared().uri("mlops-test/end-to-end-" + ProcessHandle.current().pid());
    String first = runOnce(blobs);
    assertThat(first).contains("blobs s3://mlops-test/end-to-end-", "== 6. Metric drift", "(new version)")
        .doesNotContain("endpoint");
    assertThat(runOnce(blobs)).contains("(unchanged)");

    try (MlopsStore store = EndToEndExample.open("file:" + dir.resolve("store"), blobs)) {
      assertThat(store.artifacts().get("penguins@champion").version()).isEqualTo(1);
      List<BlobInfo> inBucket = new ArrayList<>();
      store.storage().blobs().forEach(inBucket::add);
      assertThat(inBucket).isNotEmpty().extracting(BlobInfo::digest)
          .contains(store.artifacts().get("penguins@champion").digest());
    }
    try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
          .as("no blob in the file store").noneMatch(p -> p.contains("blobs/sha256"));
    }
  }
}
