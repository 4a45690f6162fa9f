package dev.mlops.core.artifact;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.core.internal.content.RelativePaths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a publish records beside the content: kind, description, properties, parents (lineage), the
 * producing run, the fingerprint of what produced it, and the file name the content had.
 *
 * <pre>{@code
 * ArtifactSpec spec = ArtifactSpec.builder()
 *     .kind(ArtifactKind.MODEL)
 *     .description("gradient boosting, 200 trees")
 *     .property("framework", "xgboost")
 *     .parent(trainingData)
 *     .runId("run-42")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #toBuilder()} derives a variant. Builders are not thread-safe.
 */
public final class ArtifactSpec {
  /** The longest description, in characters. */
  public static final int MAX_DESCRIPTION = 5000;

  /** The longest property value, in characters. */
  public static final int MAX_PROPERTY_VALUE = 5000;

  /** The most parents one version may list. */
  public static final int MAX_PARENTS = 1000;

  private static final ArtifactSpec DEFAULT = builder().build();

  private final ArtifactKind kind;
  private final String description;
  private final Map<String, String> properties;
  private final List<ArtifactVersionId> parents;
  private final @Nullable String runId;
  private final @Nullable String producedBy;
  private final @Nullable String fileName;

  private ArtifactSpec(Builder b) {
    this.kind = b.kind;
    this.description = b.description;
    this.properties = Collections.unmodifiableMap(new TreeMap<>(b.properties));
    this.parents = List.copyOf(b.parents);
    this.runId = b.runId;
    this.producedBy = b.producedBy;
    this.fileName = b.fileName;
  }

  /**
   * Returns the spec used when none is given: kind {@link ArtifactKind#OTHER}, no description, no
   * properties, no parents.
   *
   * @return the default spec
   */
  public static ArtifactSpec defaults() {
    return DEFAULT;
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this spec's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.description = description;
    b.properties.putAll(properties);
    b.parents.addAll(parents);
    b.runId = runId;
    b.producedBy = producedBy;
    b.fileName = fileName;
    return b;
  }

  /** @return what the artifact holds */
  public ArtifactKind kind() {
    return kind;
  }

  /** @return the description, empty if none */
  public String description() {
    return description;
  }

  /** @return the properties, sorted by key, unmodifiable */
  public Map<String, String> properties() {
    return properties;
  }

  /** @return the versions this one was made from, in the order given, without duplicates */
  public List<ArtifactVersionId> parents() {
    return parents;
  }

  /** @return the id of the run that produced the content, if recorded */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  /** @return the fingerprint (a digest or id) of what produced the content, if recorded */
  public Optional<String> producedBy() {
    return Optional.ofNullable(producedBy);
  }

  /**
   * The name of the file (or directory) the content was published from, which
   * {@link Artifacts#materializeInto(ArtifactVersion, java.nio.file.Path, MaterializeOption...)} restores and
   * {@link Artifacts#files(ArtifactVersion)} lists for a file. {@link Artifacts#publish(String,
   * java.nio.file.Path, ArtifactSpec)} records the source's own name unless the spec names one; a stream
   * publish records it only if the spec names one. Empty for versions published without a name and for
   * versions stored before names were recorded. The name is metadata, not content: publishing identical
   * content under another file name returns the latest version unchanged, with the name it already has.
   *
   * @return the file name, a single path segment
   */
  public Optional<String> fileName() {
    return Optional.ofNullable(fileName);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ArtifactSpec)) {
      return false;
    }
    ArtifactSpec s = (ArtifactSpec) o;
    return kind == s.kind && description.equals(s.description) && properties.equals(s.properties)
        && parents.equals(s.parents) && Objects.equals(runId, s.runId) && Objects.equals(producedBy, s.producedBy)
        && Objects.equals(fileName, s.fileName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, description, properties, parents, runId, producedBy, fileName);
  }

  @Override
  public String toString() {
    return "ArtifactSpec{" + kind + ", parents=" + parents + ", properties=" + properties.keySet() + "}";
  }

  /** Collects the values of an {@link ArtifactSpec}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private ArtifactKind kind = ArtifactKind.OTHER;
    private String description = "";
    private final Map<String, String> properties = new TreeMap<>();
    private final LinkedHashSet<ArtifactVersionId> parents = new LinkedHashSet<>();
    private @Nullable String runId;
    private @Nullable String producedBy;
    private @Nullable String fileName;

    private Builder() {}

    /**
     * Sets what the artifact holds.
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder kind(ArtifactKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Sets a free-text description.
     *
     * @param description at most {@value #MAX_DESCRIPTION} characters
     * @return this builder
     * @throws InvalidInputException if it is longer or holds a NUL character
     */
    public Builder description(String description) {
      Objects.requireNonNull(description, "description");
      this.description = checkText(description, MAX_DESCRIPTION, "description");
      return this;
    }

    /**
     * Adds or replaces a property.
     *
     * @param key a key following the artifact naming rules
     * @param value at most {@value #MAX_PROPERTY_VALUE} characters
     * @return this builder
     * @throws InvalidInputException if the key or value is malformed
     */
    public Builder property(String key, String value) {
      ArtifactNames.requireValidPropertyKey(Objects.requireNonNull(key, "key"));
      properties.put(key, checkText(Objects.requireNonNull(value, "value"), MAX_PROPERTY_VALUE,
          "value of property '" + key + "'"));
      return this;
    }

    /**
     * Adds every entry of a map as a property.
     *
     * @param properties the properties
     * @return this builder
     * @throws InvalidInputException if a key or value is malformed
     */
    public Builder properties(Map<String, String> properties) {
      properties.forEach(this::property);
      return this;
    }

    /**
     * Adds a parent: a version this one was made from. Publishing checks that it exists.
     *
     * @param parent the parent version
     * @return this builder
     * @throws InvalidInputException if more than {@value #MAX_PARENTS} parents are given
     */
    public Builder parent(ArtifactVersionId parent) {
      Objects.requireNonNull(parent, "parent");
      if (!parents.contains(parent) && parents.size() >= MAX_PARENTS) {
        throw new InvalidInputException("a version may list at most " + MAX_PARENTS + " parents");
      }
      parents.add(parent);
      return this;
    }

    /**
     * Adds a parent by the version object a publish or get returned.
     *
     * @param parent the parent version
     * @return this builder
     */
    public Builder parent(ArtifactVersion parent) {
      return parent(Objects.requireNonNull(parent, "parent").id());
    }

    /**
     * Adds parents.
     *
     * @param parents the parent versions
     * @return this builder
     */
    public Builder parents(List<ArtifactVersionId> parents) {
      new ArrayList<>(parents).forEach(this::parent);
      return this;
    }

    /**
     * Records the run that produced the content.
     *
     * @param runId the run id, 1 to 250 characters without NUL
     * @return this builder
     * @throws InvalidInputException if it is empty, too long or holds NUL
     */
    public Builder runId(String runId) {
      this.runId = checkId(runId, "run id");
      return this;
    }

    /**
     * Records the fingerprint of what produced the content (its digest or id), for reproducibility.
     *
     * @param fingerprint the fingerprint digest or id, 1 to 250 characters without NUL
     * @return this builder
     * @throws InvalidInputException if it is empty, too long or holds NUL
     */
    public Builder producedBy(String fingerprint) {
      this.producedBy = checkId(fingerprint, "fingerprint");
      return this;
    }

    /**
     * Records the fingerprint of the setup that produced the content: its {@link Fingerprint#id()}, which
     * {@link Fingerprint#parse(String)} of the fingerprint's stored JSON reproduces and
     * {@link Fingerprint#recheck()} compares with the current inputs.
     *
     * @param fingerprint the producing setup's fingerprint
     * @return this builder
     */
    public Builder producedBy(Fingerprint fingerprint) {
      return producedBy(fingerprint.id());
    }

    /**
     * Names the file the content is, for a stream publish (a path publish records the source's name
     * itself); see {@link ArtifactSpec#fileName()}.
     *
     * @param fileName one path segment: not empty, {@code .} or {@code ..}, without {@code /}, backslash or
     *     control characters, at most 255 UTF-8 bytes
     * @return this builder
     * @throws InvalidInputException if the name is not a single portable path segment
     */
    public Builder fileName(String fileName) {
      Objects.requireNonNull(fileName, "fileName");
      if (fileName.indexOf('/') >= 0) {
        throw new InvalidInputException("file name '" + fileName + "' must be one path segment, without '/'");
      }
      this.fileName = RelativePaths.check(fileName);
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the immutable spec
     */
    public ArtifactSpec build() {
      return new ArtifactSpec(this);
    }

    private static String checkId(String id, String what) {
      Objects.requireNonNull(id, what);
      if (id.isEmpty()) {
        throw new InvalidInputException(what + " must not be empty");
      }
      return checkText(id, ArtifactNames.MAX_NAME, what);
    }

    private static String checkText(String text, int max, String what) {
      if (text.length() > max) {
        throw new InvalidInputException(what + " has " + text.length() + " characters, more than " + max);
      }
      if (text.indexOf('\0') >= 0) {
        throw new InvalidInputException(what + " must not hold a NUL character");
      }
      return text;
    }
  }
}
