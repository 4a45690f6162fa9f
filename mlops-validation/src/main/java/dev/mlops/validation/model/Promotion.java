package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.artifact.ArtifactNames;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.hash.Digest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Gated promotion: moves an artifact alias (such as {@code champion}) to a candidate version only if a
 * {@link GateResult} passed, and leaves a trail either way.
 *
 * <p>{@link #promote} first records the verdict: the gate result's JSON is published as a version of the
 * artifact {@code <name>.gate-results}, with the candidate as its parent (lineage) and the gate, status,
 * result digest, alias, previous alias target and reason as properties, so the digest always resolves to
 * the full verdict. If the gate passed, the alias is then moved in one atomic step of the store (recorded in
 * {@link Artifacts#aliasHistory}); if it failed, the alias is left untouched. The verdict record is the
 * promotion's log entry: for every move of the alias made through this class there is a record, published
 * just before the move, whose {@code candidate} property names the version the alias moved to.
 *
 * <p>Instances are immutable values describing what happened; the class is thread-safe.
 */
public final class Promotion {
  /** The suffix of the artifact that keeps gate results of an artifact. */
  public static final String RESULTS_SUFFIX = ".gate-results";

  private final boolean promoted;
  private final String candidate;
  private final String alias;
  private final OptionalInt previous;
  private final Digest gateDigest;
  private final String explanation;
  private final ArtifactVersion record;

  private Promotion(boolean promoted, String candidate, String alias, OptionalInt previous, Digest gateDigest,
      String explanation, ArtifactVersion record) {
    this.promoted = promoted;
    this.candidate = candidate;
    this.alias = alias;
    this.previous = previous;
    this.gateDigest = gateDigest;
    this.explanation = explanation;
    this.record = record;
  }

  /**
   * Records a gate's verdict on a candidate and moves the alias to it if the gate passed.
   *
   * @param artifacts the store's artifacts
   * @param candidate the candidate version
   * @param alias the alias to move, such as {@code champion}
   * @param result the gate's verdict on the candidate
   * @param reason why the candidate is proposed, kept in the alias history
   * @return what happened
   * @throws InvalidInputException if the alias or reason is malformed or blank
   * @throws dev.mlops.core.NotFoundException if the candidate is no longer a live version
   * @throws dev.mlops.core.StorageException if the store cannot be written
   */
  public static Promotion promote(Artifacts artifacts, ArtifactVersion candidate, String alias, GateResult result,
      String reason) {
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new InvalidInputException("a promotion needs a reason");
    }
    String name = candidate.name();
    int version = candidate.version();
    Digest digest = result.digest();
    Integer before = artifacts.aliases(name).get(alias);
    OptionalInt previous = before == null ? OptionalInt.empty() : OptionalInt.of(before);
    String trail = reason + " (gate " + result.gate() + " " + result.status() + ", result " + digest + ")";
    if (trail.length() > ArtifactNames.MAX_REASON) {
      throw new InvalidInputException("the promotion reason has " + reason.length() + " characters; with the gate"
          + " and result digest the alias history entry would exceed " + ArtifactNames.MAX_REASON + " characters");
    }
    ArtifactVersion record = artifacts.publish(name + RESULTS_SUFFIX,
        new ByteArrayInputStream(result.toJson().getBytes(StandardCharsets.UTF_8)),
        ArtifactSpec.builder()
            .description("verdict of gate " + result.gate() + " on " + candidate.id())
            .parent(candidate)
            .property("gate", result.gate())
            .property("status", result.status().name())
            .property("gateResultDigest", digest.toString())
            .property("candidate", candidate.id().toString())
            .property("alias", alias)
            .property("reason", reason)
            .property("previous", previous.isPresent() ? Integer.toString(previous.getAsInt()) : "none")
            .build());
    if (!result.passed()) {
      String failures = result.failures().stream().map(f -> f.requirement().describe()).collect(Collectors.joining("; "));
      return new Promotion(false, candidate.id().toString(), alias, previous, digest,
          "gate " + result.gate() + " failed: " + failures, record);
    }
    artifacts.alias(name, alias, version, trail);
    return new Promotion(true, candidate.id().toString(), alias, previous, digest, trail, record);
  }

  /** @return true if the alias was moved */
  public boolean promoted() {
    return promoted;
  }

  /** @return the candidate's reference, {@code name@version} */
  public String candidate() {
    return candidate;
  }

  /** @return the alias */
  public String alias() {
    return alias;
  }

  /** @return the version the alias pointed to before, if any */
  public OptionalInt previous() {
    return previous;
  }

  /** @return the digest of the gate result */
  public Digest gateDigest() {
    return gateDigest;
  }

  /** @return the text recorded with the move, or why there was none */
  public String explanation() {
    return explanation;
  }

  /** @return the version of {@code <name>.gate-results} that holds the verdict */
  public ArtifactVersion gateRecord() {
    return record;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Promotion p && p.promoted == promoted && p.candidate.equals(candidate) && p.alias.equals(alias)
        && p.previous.equals(previous) && p.gateDigest.equals(gateDigest) && p.explanation.equals(explanation)
        && p.record.equals(record);
  }

  @Override
  public int hashCode() {
    return Objects.hash(promoted, candidate, alias, previous, gateDigest, explanation, record);
  }

  @Override
  public String toString() {
    return "Promotion[" + (promoted ? "promoted " : "refused ") + candidate + " to " + alias + ", " + gateDigest + "]";
  }
}
