package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;

public class S3Stores {
  /** A team: records in PostgreSQL (mlops-storage-jdbc), blobs in a bucket. */
  static MlopsStore team() {
    return MlopsStore.builder()
        .storage("postgresql://db.internal:5432/mlops?user=ml")
        .blobs("s3://ml-artifacts/team-a?region=eu-west-1")
        .open();
  }

  /** One machine: records in a directory, blobs in a bucket (here a local S3-compatible server). */
  static MlopsStore laptop() {
    return MlopsStore.builder()
        .storage("file:.mlops")
        .blobs("s3://ml-artifacts/laptop?endpoint=http://127.0.0.1:9000&region=us-east-1&pathStyle=true")
        .open();
  }
}
