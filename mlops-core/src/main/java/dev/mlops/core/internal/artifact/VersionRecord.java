package dev.mlops.core.internal.artifact;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.artifact.ArtifactKind;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.hash.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of one artifact version, written as JSON. A purged version keeps only its name,
 * number and state so its number is never reused.
 *
 * @param format the layout version of this record, {@value #FORMAT}
 * @param name the artifact name
 * @param version the version number
 * @param state {@code live}, {@code deleted} or {@code purged}
 * @param digest the content digest (null once purged)
 * @param size the content size
 * @param directory whether the content is a directory tree
 * @param fileCount the number of files
 * @param manifestBlob for a directory, the blob holding its canonical manifest
 * @param createdAt the publish time, ISO-8601
 * @param kind the artifact kind
 * @param description the description
 * @param properties the properties
 * @param parents the parents, as {@code name@version}
 * @param runId the producing run, if any
 * @param producedBy the producing fingerprint, if any
 * @param deletedAt the soft-delete time, if deleted
 * @param fileName the name of the file or directory published, if recorded (records written before names
 *     were recorded have none)
 */
record VersionRecord(int format, String name, int version, String state, @Nullable String digest, long size,
    boolean directory, int fileCount, @Nullable String manifestBlob, @Nullable String createdAt,
    @Nullable String kind, @Nullable String description, @Nullable Map<String, String> properties,
    @Nullable List<String> parents, @Nullable String runId, @Nullable String producedBy,
    @Nullable String deletedAt, @Nullable String fileName) {
  static final int FORMAT = 1;
  static final String LIVE = "live";
  static final String DELETED = "deleted";
  static final String PURGED = "purged";

  static VersionRecord of(ArtifactVersion v, @Nullable Digest manifestBlob) {
    List<String> parents = new ArrayList<>();
    v.parents().forEach(p -> parents.add(p.toString()));
    return new VersionRecord(FORMAT, v.name(), v.version(), v.isDeleted() ? DELETED : LIVE, v.digest().toString(),
        v.size(), v.isDirectory(), v.fileCount(), manifestBlob == null ? null : manifestBlob.toString(),
        v.createdAt().toString(), v.kind().name(), v.description(), v.properties(), parents,
        v.runId().orElse(null), v.producedBy().orElse(null),
        v.deletedAt().map(Instant::toString).orElse(null), v.spec().fileName().orElse(null));
  }

  boolean isPurged() {
    return PURGED.equals(state);
  }

  boolean isLive() {
    return LIVE.equals(state);
  }

  VersionRecord withState(String newState, @Nullable Instant deletedTime) {
    return new VersionRecord(format, name, version, newState, digest, size, directory, fileCount, manifestBlob,
        createdAt, kind, description, properties, parents, runId, producedBy,
        deletedTime == null ? null : deletedTime.toString(), fileName);
  }

  VersionRecord tombstone() {
    return new VersionRecord(format, name, version, PURGED, null, 0, false, 0, null, null, null, null, null,
        null, null, null, null, null);
  }

  @Nullable Digest manifestDigest() {
    return manifestBlob == null ? null : Digest.parse(manifestBlob);
  }

  /** Rebuilds the public value; fails if the record is a tombstone or malformed. */
  ArtifactVersion toVersion(String key) {
    if (isPurged() || digest == null || createdAt == null || kind == null) {
      throw new CorruptedDataException("record " + key + " holds no version data (state " + state + ")");
    }
    try {
      ArtifactSpec.Builder spec = ArtifactSpec.builder().kind(ArtifactKind.valueOf(kind))
          .description(description == null ? "" : description);
      if (properties != null) {
        spec.properties(properties);
      }
      if (parents != null) {
        parents.forEach(p -> spec.parent(ArtifactVersionId.parse(p)));
      }
      if (runId != null) {
        spec.runId(runId);
      }
      if (producedBy != null) {
        spec.producedBy(producedBy);
      }
      if (fileName != null) {
        spec.fileName(fileName);
      }
      return ArtifactVersion.builder().id(new ArtifactVersionId(name, version)).digest(Digest.parse(digest))
          .size(size).layout(directory, fileCount).createdAt(Instant.parse(createdAt)).spec(spec.build())
          .deletedAt(deletedAt == null ? null : Instant.parse(deletedAt)).build();
    } catch (RuntimeException e) {
      throw new CorruptedDataException("record " + key + " is malformed: " + e.getMessage(), e);
    }
  }
}
