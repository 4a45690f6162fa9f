package dev.mlops.core.artifact;

import dev.mlops.core.hash.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One immutable version of a named artifact: its number, content digest, size and the metadata recorded
 * when it was published.
 *
 * <p>The digest is {@code sha256:<hex>} of the bytes for a file, and the canonical digest of the manifest
 * (relative path, digest, size, executable bit of every file, sorted by path) for a directory.
 * {@link #isNewVersion()} says whether the publish call that returned this object created it; it is the
 * one field that is not part of the stored version and is ignored by {@link #equals(Object)}.
 *
 * <p>Instances are immutable and thread-safe. They are built by {@link Artifacts}; the public
 * {@link #builder()} exists for implementations of that interface and for tests.
 */
public final class ArtifactVersion {
  private final ArtifactVersionId id;
  private final Digest digest;
  private final long size;
  private final boolean directory;
  private final int fileCount;
  private final Instant createdAt;
  private final ArtifactSpec spec;
  private final @Nullable Instant deletedAt;
  private final boolean newVersion;

  private ArtifactVersion(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.digest = Objects.requireNonNull(b.digest, "digest");
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
    this.spec = b.spec;
    if (b.size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + b.size);
    }
    if (b.fileCount < 0 || (!b.directory && b.fileCount != 1)) {
      throw new IllegalArgumentException("a file artifact holds one file, a directory >= 0, got " + b.fileCount);
    }
    this.size = b.size;
    this.directory = b.directory;
    this.fileCount = b.fileCount;
    this.deletedAt = b.deletedAt;
    this.newVersion = b.newVersion;
  }

  /**
   * Starts a builder. Meant for implementations of {@link Artifacts} and for tests.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this version's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.digest = digest;
    b.size = size;
    b.directory = directory;
    b.fileCount = fileCount;
    b.createdAt = createdAt;
    b.spec = spec;
    b.deletedAt = deletedAt;
    b.newVersion = newVersion;
    return b;
  }

  /** @return the artifact name */
  public String name() {
    return id.name();
  }

  /** @return the version number, 1, 2, 3, ... per name */
  public int version() {
    return id.version();
  }

  /** @return the name and version, {@code name@7} */
  public ArtifactVersionId id() {
    return id;
  }

  /** @return the content digest (of the bytes, or of the canonical manifest for a directory) */
  public Digest digest() {
    return digest;
  }

  /** @return the content size in bytes (the sum over all files for a directory) */
  public long size() {
    return size;
  }

  /** @return true if the version holds a directory tree, false for a single file or stream */
  public boolean isDirectory() {
    return directory;
  }

  /** @return the number of files: 1 for a file artifact */
  public int fileCount() {
    return fileCount;
  }

  /** @return what the artifact holds */
  public ArtifactKind kind() {
    return spec.kind();
  }

  /** @return when the version was published */
  public Instant createdAt() {
    return createdAt;
  }

  /** @return the description given at publish time, empty if none */
  public String description() {
    return spec.description();
  }

  /** @return the properties given at publish time, sorted by key */
  public Map<String, String> properties() {
    return spec.properties();
  }

  /** @return the versions this one was made from */
  public List<ArtifactVersionId> parents() {
    return spec.parents();
  }

  /** @return the id of the run that produced it, if recorded */
  public Optional<String> runId() {
    return spec.runId();
  }

  /** @return the fingerprint of what produced it, if recorded */
  public Optional<String> producedBy() {
    return spec.producedBy();
  }

  /** @return everything recorded at publish time beside the content */
  public ArtifactSpec spec() {
    return spec;
  }

  /** @return when the version was soft-deleted, empty while it is live */
  public Optional<Instant> deletedAt() {
    return Optional.ofNullable(deletedAt);
  }

  /** @return true if the version is soft-deleted (restorable until purged) */
  public boolean isDeleted() {
    return deletedAt != null;
  }

  /**
   * Tells whether the publish call that returned this object created the version. False when the
   * content equalled the latest version's and that version was returned unchanged, and for every version
   * obtained by reading.
   *
   * @return true only for a freshly created version
   */
  public boolean isNewVersion() {
    return newVersion;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ArtifactVersion)) {
      return false;
    }
    ArtifactVersion v = (ArtifactVersion) o;
    return id.equals(v.id) && digest.equals(v.digest) && size == v.size && directory == v.directory
        && fileCount == v.fileCount && createdAt.equals(v.createdAt) && spec.equals(v.spec)
        && Objects.equals(deletedAt, v.deletedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, digest, size, createdAt);
  }

  @Override
  public String toString() {
    return id + " " + digest + " (" + size + " bytes" + (directory ? ", " + fileCount + " files" : "")
        + (deletedAt != null ? ", deleted" : "") + ")";
  }

  /** Collects the values of an {@link ArtifactVersion}. Not thread-safe. */
  public static final class Builder {
    private @Nullable ArtifactVersionId id;
    private @Nullable Digest digest;
    private long size;
    private boolean directory;
    private int fileCount = 1;
    private @Nullable Instant createdAt;
    private ArtifactSpec spec = ArtifactSpec.defaults();
    private @Nullable Instant deletedAt;
    private boolean newVersion;

    private Builder() {}

    /**
     * Sets the name and version.
     *
     * @param id the id
     * @return this builder
     */
    public Builder id(ArtifactVersionId id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the content digest.
     *
     * @param digest the digest
     * @return this builder
     */
    public Builder digest(Digest digest) {
      this.digest = Objects.requireNonNull(digest, "digest");
      return this;
    }

    /**
     * Sets the content size.
     *
     * @param size bytes, at least 0
     * @return this builder
     */
    public Builder size(long size) {
      this.size = size;
      return this;
    }

    /**
     * Marks the version as a directory of a number of files, or a single file when {@code directory}
     * is false (then {@code fileCount} must be 1).
     *
     * @param directory true for a directory tree
     * @param fileCount the number of files
     * @return this builder
     */
    public Builder layout(boolean directory, int fileCount) {
      this.directory = directory;
      this.fileCount = fileCount;
      return this;
    }

    /**
     * Sets the publish time.
     *
     * @param createdAt the time
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /**
     * Sets the metadata recorded at publish time.
     *
     * @param spec the spec
     * @return this builder
     */
    public Builder spec(ArtifactSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /**
     * Sets the soft-delete time, or null for a live version.
     *
     * @param deletedAt the time or null
     * @return this builder
     */
    public Builder deletedAt(@Nullable Instant deletedAt) {
      this.deletedAt = deletedAt;
      return this;
    }

    /**
     * Says whether a publish just created this version.
     *
     * @param newVersion true for a freshly created version
     * @return this builder
     */
    public Builder newVersion(boolean newVersion) {
      this.newVersion = newVersion;
      return this;
    }

    /**
     * Builds the version.
     *
     * @return the immutable version
     * @throws NullPointerException if the id, digest or creation time is missing
     * @throws IllegalArgumentException if the size is negative or the file count does not fit the layout
     */
    public ArtifactVersion build() {
      return new ArtifactVersion(this);
    }
  }
}
