package dev.mlops.core.fingerprint;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.fingerprint.FingerprintChange.Component;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.content.DirectoryHasher;
import dev.mlops.core.internal.fingerprint.JsonTreeDiff;
import dev.mlops.core.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a training setup: code, data, configuration and seeds, with the environment recorded
 * beside it.
 *
 * <pre>{@code
 * Fingerprint fp = Fingerprint.builder()
 *     .code("1.4.2")                       // or .code(Path.of(".")) for a git working tree
 *     .data("train", Path.of("data/train"))
 *     .config(Map.of("lr", 0.01, "epochs", 10))
 *     .seed(42)
 *     .environment(Environment.capture())
 *     .build();
 * String id = fp.id();                     // sha256:...
 * }</pre>
 *
 * <p><b>Identity.</b> {@link #id()} is {@code CanonicalJson.digest("mlops.fingerprint.v1", identity)}
 * where the identity is the canonical JSON object {@code {"code":..,"config":..,"data":{role:
 * digest},"seeds":{name: value}}}: the code's commit, dirty flag and changes digest (or its version
 * string), each data input's content digest, the configuration as canonical JSON (RFC 8785: map order
 * does not matter, NaN and infinities are refused, integers beyond 2<sup>53</sup> keep their exact value)
 * and the seeds. Nothing that depends on the machine enters it: no time stamp, host name, absolute path,
 * locale, time zone or JVM; so the same inputs give the same id everywhere. The environment, the git
 * branch, the working tree location, data labels and data source paths are recorded as context only.
 *
 * <p><b>JSON.</b> {@link #toJson()} writes everything, canonically; {@link #parse(String)} reads it back
 * exactly and recomputes the id and the environment digests, failing with a
 * {@link CorruptedDataException} when a recorded digest does not match.
 *
 * <p>Immutable and thread-safe. Two fingerprints are equal when their JSON forms are equal.
 */
public final class Fingerprint {
  /** The domain tag of {@link #id()}, also the format name of {@link #toJson()}. */
  public static final String DOMAIN_TAG = "mlops.fingerprint.v1";

  /** Data roles and seed names follow the naming rules of the rest of the library (MLflow's). */
  private static final Pattern NAME = Pattern.compile("[/\\w.\\- ]{1,250}");

  private final @Nullable CodeVersion code;
  private final SortedMap<String, DataInput> data;
  private final @Nullable Object config;
  private final SortedMap<String, Long> seeds;
  private final @Nullable Environment environment;
  private final Digest id;
  private final String json;

  private Fingerprint(Builder b) {
    this.code = b.code;
    this.data = Collections.unmodifiableSortedMap(new TreeMap<>(b.data));
    this.config = b.config;
    this.seeds = Collections.unmodifiableSortedMap(new TreeMap<>(b.seeds));
    this.environment = b.environment;
    this.id = CanonicalJson.digest(DOMAIN_TAG, identity());
    this.json = CanonicalJson.write(jsonValue());
  }

  /**
   * Starts a fingerprint.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding everything this fingerprint holds, to derive a variant (data inputs keep
   * their digests; nothing is hashed again).
   *
   * @return a builder initialised from this fingerprint
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.code = code;
    b.data.putAll(data);
    b.config = config;
    b.seeds.putAll(seeds);
    b.environment = environment;
    return b;
  }

  /**
   * Returns the identity digest of code, data, config and seeds.
   *
   * @return {@code sha256:<64 hex>}
   */
  public String id() {
    return id.toString();
  }

  /**
   * Returns the identity digest as a {@link Digest}.
   *
   * @return the id
   */
  public Digest idDigest() {
    return id;
  }

  /**
   * Returns the code version.
   *
   * @return the code, or empty when none was given
   */
  public Optional<CodeVersion> code() {
    return Optional.ofNullable(code);
  }

  /**
   * Returns the data inputs by role.
   *
   * @return an unmodifiable map sorted by role
   */
  public SortedMap<String, DataInput> data() {
    return data;
  }

  /**
   * Returns the configuration as canonical JSON text.
   *
   * @return the canonical JSON of the configuration, {@code null} when none was given
   */
  public String configJson() {
    return CanonicalJson.write(config);
  }

  /**
   * Returns the seeds by name ({@link Builder#seed(long)} is named {@code default}).
   *
   * @return an unmodifiable map sorted by name
   */
  public SortedMap<String, Long> seeds() {
    return seeds;
  }

  /**
   * Returns the recorded environment.
   *
   * @return the environment, or empty when none was recorded
   */
  public Optional<Environment> environment() {
    return Optional.ofNullable(environment);
  }

  /**
   * Writes the fingerprint as canonical JSON, with its id, context and environment.
   *
   * @return the JSON text {@link #parse(String)} reads back
   */
  public String toJson() {
    return json;
  }

  /**
   * Reads a fingerprint back from {@link #toJson()}.
   *
   * @param json the JSON text
   * @return the fingerprint, equal to the one that wrote it
   * @throws CorruptedDataException if the recomputed id or an environment digest differs from the one
   *     recorded
   * @throws InvalidInputException if the text is not a fingerprint
   */
  public static Fingerprint parse(String json) {
    Object root = CanonicalJson.parse(json);
    if (!(root instanceof Map) || !DOMAIN_TAG.equals(((Map<?, ?>) root).get("format"))) {
      throw new InvalidInputException("not a fingerprint: expected \"format\":\"" + DOMAIN_TAG + "\"");
    }
    Map<?, ?> m = (Map<?, ?>) root;
    Builder b = builder();
    Object code = m.get("code");
    if (code instanceof Map) {
      Object context = m.get("codeContext");
      b.code(CodeVersion.fromJson((Map<?, ?>) code, context instanceof Map ? (Map<?, ?>) context : Map.of()));
    } else if (code != null) {
      throw new InvalidInputException("fingerprint code must be an object or null");
    }
    for (Map.Entry<?, ?> e : object(m, "data").entrySet()) {
      if (!(e.getValue() instanceof Map) || !(((Map<?, ?>) e.getValue()).get("digest") instanceof String)
          || !(((Map<?, ?>) e.getValue()).get("kind") instanceof String)) {
        throw new InvalidInputException("fingerprint data." + e.getKey() + " must have a digest and a kind");
      }
      Map<?, ?> d = (Map<?, ?>) e.getValue();
      b.putData((String) e.getKey(), new DataInput(Digest.parse((String) d.get("digest")),
          (String) d.get("kind"), optionalString(d, "label"), optionalString(d, "source")));
    }
    if (m.containsKey("config") && m.get("config") != null) {
      b.config = m.get("config");
    }
    for (Map.Entry<?, ?> e : object(m, "seeds").entrySet()) {
      if (!(e.getValue() instanceof Long)) {
        throw new InvalidInputException("fingerprint seeds." + e.getKey() + " must be a 64-bit integer");
      }
      b.seed((String) e.getKey(), (Long) e.getValue());
    }
    Object env = m.get("environment");
    if (env instanceof Map) {
      b.environment(Environment.fromJson((Map<?, ?>) env));
    }
    Fingerprint fp = b.build();
    if (!fp.id().equals(m.get("id"))) {
      throw new CorruptedDataException("fingerprint id mismatch: recorded " + m.get("id")
          + ", but its code, data, config and seeds hash to " + fp.id());
    }
    return fp;
  }

  /**
   * Compares this fingerprint (the old side) with another (the new side).
   *
   * @param other the newer fingerprint
   * @return the differences, as data and as an explanation
   */
  public FingerprintDiff diff(Fingerprint other) {
    List<FingerprintChange> changes = new ArrayList<>();
    JsonTreeDiff.diff("code", code == null ? null : code.identity(),
        other.code == null ? null : other.code.identity(), collect(changes, Component.CODE, true));
    JsonTreeDiff.diff("code", code == null ? Map.of() : code.context(),
        other.code == null ? Map.of() : other.code.context(), collect(changes, Component.CODE, false));
    TreeSet<String> roles = new TreeSet<>(data.keySet());
    roles.addAll(other.data.keySet());
    for (String role : roles) {
      DataInput a = data.get(role);
      DataInput b = other.data.get(role);
      JsonTreeDiff.diff("data." + role, a == null ? null : a.digest().toString(),
          b == null ? null : b.digest().toString(), collect(changes, Component.DATA, true));
      if (a != null && b != null) {
        JsonTreeDiff.diff("data." + role, labelOf(a), labelOf(b), collect(changes, Component.DATA, false));
      }
    }
    JsonTreeDiff.diff("config", config, other.config, collect(changes, Component.CONFIG, true));
    JsonTreeDiff.diff("seeds", seeds, other.seeds, collect(changes, Component.SEEDS, true));
    Environment e1 = environment;
    Environment e2 = other.environment;
    if (e1 != null && e2 != null) {
      JsonTreeDiff.diff("environment.portable", e1.portable(), e2.portable(),
          collect(changes, Component.ENVIRONMENT, false));
      JsonTreeDiff.diff("environment.strict", e1.strict(), e2.strict(),
          collect(changes, Component.ENVIRONMENT, false));
    } else if (e1 != null || e2 != null) {
      changes.add(new FingerprintChange(Component.ENVIRONMENT, "environment",
          e1 == null ? null : CanonicalJson.write(e1.strictDigest()),
          e2 == null ? null : CanonicalJson.write(e2.strictDigest()), false));
    }
    return new FingerprintDiff(changes, id.equals(other.id));
  }

  /**
   * Recomputes this fingerprint from the current inputs and says what changed: the git working tree and
   * the data files and directories are read again from where they were recorded, the environment is
   * captured again if one was recorded; the configuration, seeds, version strings and data given as
   * digests are kept.
   *
   * @return the differences from this fingerprint to the current state; {@link FingerprintDiff#sameId()}
   *     tells whether the setup is still the same
   * @throws NotFoundException if a recorded data source or working tree no longer exists
   * @throws StorageException if reading the current inputs fails
   * @throws ConfigurationException if git cannot be run
   */
  public FingerprintDiff recheck() {
    Builder b = builder();
    if (code != null && code.isGit() && code.workTree().isPresent()) {
      Path tree = Path.of(code.workTree().get());
      if (!Files.isDirectory(tree)) {
        throw new NotFoundException("the recorded working tree " + tree + " no longer exists");
      }
      b.code(CodeVersion.fromGit(tree));
    } else if (code != null) {
      b.code(code);
    }
    data.forEach((role, input) -> {
      if (input.source() == null) {
        b.putData(role, input);
      } else {
        Path source = Path.of(input.source());
        if (!Files.exists(source)) {
          throw new NotFoundException("the recorded source of data." + role + ", " + source
              + ", no longer exists");
        }
        b.putData(role, hashPath(source, input.label()));
      }
    });
    b.config = config;
    b.seeds.putAll(seeds);
    if (environment != null) {
      b.environment(Environment.capture());
    }
    return diff(b.build());
  }

  private static JsonTreeDiff.Sink collect(List<FingerprintChange> out, Component component,
      boolean affectsId) {
    return (path, before, after) -> out.add(new FingerprintChange(component, path, before, after, affectsId));
  }

  private Map<String, @Nullable Object> identity() {
    Map<String, @Nullable Object> identity = new LinkedHashMap<>();
    identity.put("code", code == null ? null : code.identity());
    Map<String, String> digests = new TreeMap<>();
    data.forEach((role, input) -> digests.put(role, input.digest().toString()));
    identity.put("data", digests);
    identity.put("config", config);
    identity.put("seeds", seeds);
    return identity;
  }

  private Map<String, @Nullable Object> jsonValue() {
    Map<String, @Nullable Object> out = identity();
    out.put("format", DOMAIN_TAG);
    out.put("id", id.toString());
    if (code != null) {
      out.put("codeContext", code.context());
    }
    Map<String, Object> inputs = new TreeMap<>();
    data.forEach((role, input) -> {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("digest", input.digest().toString());
      d.put("kind", input.kind());
      if (input.label() != null) {
        d.put("label", input.label());
      }
      if (input.source() != null) {
        d.put("source", input.source());
      }
      inputs.put(role, d);
    });
    out.put("data", inputs);
    out.put("environment", environment == null ? null : environment.toJsonValue());
    return out;
  }

  private static Map<String, String> labelOf(DataInput input) {
    return input.label() == null ? Map.of() : Map.of("label", input.label());
  }

  private static Map<?, ?> object(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Map)) {
      throw new InvalidInputException("fingerprint " + key + " must be an object");
    }
    return (Map<?, ?>) v;
  }

  private static @Nullable String optionalString(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v instanceof String ? (String) v : null;
  }

  private static DataInput hashPath(Path path, @Nullable String label) {
    Path absolute = path.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return new DataInput(DirectoryHasher.shared().hashDirectory(absolute).digest(), "directory", label,
          absolute.toString());
    }
    if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotFoundException("data file or directory not found: " + path);
    }
    Path real;
    try {
      real = absolute.toRealPath();
    } catch (java.io.IOException e) {
      throw new StorageException("cannot resolve " + path + ": " + e, e);
    }
    return new DataInput(DirectoryHasher.shared().hashFile(real).digest(), "file", label,
        absolute.toString());
  }

  private static String checkName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException("invalid " + what + " '" + (name.length() > 80
          ? name.substring(0, 80) + "..." : name)
          + "': use 1 to 250 letters, digits, '_', '-', '.', '/' or spaces");
    }
    return name;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Fingerprint && ((Fingerprint) o).json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Returns the id. */
  @Override
  public String toString() {
    return "Fingerprint[" + id + "]";
  }

  /**
   * Collects the inputs of a fingerprint. A builder is not thread-safe; {@link #build()} gives an
   * immutable fingerprint and leaves the builder usable. Setting a component again replaces it.
   */
  public static final class Builder {
    private @Nullable CodeVersion code;
    private final Map<String, DataInput> data = new TreeMap<>();
    private @Nullable Object config;
    private final Map<String, Long> seeds = new TreeMap<>();
    private @Nullable Environment environment;

    private Builder() {}

    /**
     * Sets the code to the current state of a git working tree (runs {@code git}).
     *
     * @param workTree the working tree or a directory inside it
     * @return this builder
     * @throws InvalidInputException if it is not a git working tree with a commit
     * @throws ConfigurationException if git cannot be run
     * @throws StorageException if a changed file cannot be read
     */
    public Builder code(Path workTree) {
      this.code = CodeVersion.fromGit(workTree);
      return this;
    }

    /**
     * Sets the code to an explicit version.
     *
     * @param version a release, build id or commit
     * @return this builder
     * @throws InvalidInputException if the version is blank
     */
    public Builder code(String version) {
      this.code = CodeVersion.of(version);
      return this;
    }

    /**
     * Sets the code.
     *
     * @param code a code version
     * @return this builder
     */
    public Builder code(CodeVersion code) {
      this.code = Objects.requireNonNull(code, "code");
      return this;
    }

    /**
     * Adds a data input by digest text.
     *
     * @param role what the data is for ({@code train}, {@code eval}...)
     * @param digest {@code sha256:<64 hex>}
     * @return this builder
     * @throws InvalidInputException if the role or digest is malformed
     */
    public Builder data(String role, String digest) {
      return data(role, Digest.parse(digest), null);
    }

    /**
     * Adds a data input by digest.
     *
     * @param role what the data is for
     * @param digest the content digest
     * @return this builder
     * @throws InvalidInputException if the role is malformed
     */
    public Builder data(String role, Digest digest) {
      return data(role, digest, null);
    }

    /**
     * Adds a published artifact version as a data input: its digest is the identity, and its reference
     * ({@code name@7}) is recorded as context.
     *
     * @param role what the data is for, such as {@code train}
     * @param version the artifact version
     * @return this builder
     * @throws InvalidInputException if the role breaks the naming rules or is given twice
     */
    public Builder data(String role, ArtifactVersion version) {
      return data(role, version.digest(), version.id().toString());
    }

    /**
     * Adds a data input by digest with a label recorded as context, such as an artifact reference.
     *
     * @param role what the data is for
     * @param digest the content digest (the identity)
     * @param label a human name such as {@code penguins@3}, or null; not part of the id
     * @return this builder
     * @throws InvalidInputException if the role is malformed
     */
    public Builder data(String role, Digest digest, @Nullable String label) {
      return putData(checkName("data role", role),
          new DataInput(Objects.requireNonNull(digest, "digest"), "digest", label, null));
    }

    /**
     * Adds a data file or directory, hashing it now (through the process-wide stat cache; a directory's
     * files in parallel). A file's digest is the SHA-256 of its bytes; a directory's is its manifest
     * digest. Its absolute path is recorded as context for {@link Fingerprint#recheck()}, not in the id.
     *
     * @param role what the data is for
     * @param fileOrDirectory the data
     * @return this builder
     * @throws NotFoundException if it does not exist
     * @throws InvalidInputException if the role is malformed or a directory holds a symbolic link or
     *     an unportable name
     * @throws StorageException if reading fails; a partial hash is never recorded
     */
    public Builder data(String role, Path fileOrDirectory) {
      return putData(checkName("data role", role), hashPath(fileOrDirectory, null));
    }

    private Builder putData(String role, DataInput input) {
      data.put(checkName("data role", role), input);
      return this;
    }

    /**
     * Sets the configuration: a {@code Map}, a record, a bean or any value {@link CanonicalJson} writes.
     *
     * @param config the configuration
     * @return this builder
     * @throws InvalidInputException if it cannot be written as canonical JSON (NaN, infinities, non-String
     *     map keys...); the message names the path, e.g. {@code $.config.lr}
     */
    public Builder config(Object config) {
      Objects.requireNonNull(config, "config");
      Object wrapped = CanonicalJson.parse(CanonicalJson.write(Map.of("config", config)));
      this.config = ((Map<?, ?>) Objects.requireNonNull(wrapped)).get("config");
      return this;
    }

    /**
     * Sets the seed named {@code default}.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      return seed("default", seed);
    }

    /**
     * Sets a named seed.
     *
     * @param name what the seed drives ({@code shuffle}, {@code init}...)
     * @param seed the seed
     * @return this builder
     * @throws InvalidInputException if the name is malformed
     */
    public Builder seed(String name, long seed) {
      seeds.put(checkName("seed name", name), seed);
      return this;
    }

    /**
     * Records the environment beside the id (it never changes the id).
     *
     * @param environment usually {@link Environment#capture()}
     * @return this builder
     */
    public Builder environment(Environment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Builds the fingerprint.
     *
     * @return the immutable fingerprint
     */
    public Fingerprint build() {
      return new Fingerprint(this);
    }
  }
}
