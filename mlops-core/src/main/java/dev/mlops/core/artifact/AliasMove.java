package dev.mlops.core.artifact;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One recorded move of an alias: from which version to which, when, and why if the mover said so.
 *
 * @param name the artifact name
 * @param alias the alias
 * @param from the version it pointed to before, or empty if it was new
 * @param to the version it points to after, or empty if the move removed it
 * @param at when the move happened
 * @param reason why it was moved, as given to {@link Artifacts#alias(String, String, int, String)} or
 *     {@link Artifacts#removeAlias(String, String, String)}; empty if none was given
 */
public record AliasMove(String name, String alias, OptionalInt from, OptionalInt to, Instant at,
    Optional<String> reason) {
  /**
   * Checks the components.
   *
   * @param name the artifact name
   * @param alias the alias
   * @param from the version it pointed to before, or empty if it was new
   * @param to the version it points to after, or empty if the move removed it
   * @param at when the move happened
   * @param reason why it was moved, as given to {@link Artifacts#alias(String, String, int, String)} or
   *     {@link Artifacts#removeAlias(String, String, String)}; empty if none was given
   */
  public AliasMove {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates a move without a reason.
   *
   * @param name the artifact name
   * @param alias the alias
   * @param from the version before, or empty
   * @param to the version after, or empty
   * @param at when it happened
   */
  public AliasMove(String name, String alias, OptionalInt from, OptionalInt to, Instant at) {
    this(name, alias, from, to, at, Optional.empty());
  }
}
