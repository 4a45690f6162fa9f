package dev.mlops.core.artifact;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One recorded move of an alias: from which version to which, and when.
 *
 * @param name the artifact name
 * @param alias the alias
 * @param from the version it pointed to before, or empty if it was new
 * @param to the version it points to after, or empty if the move removed it
 * @param at when the move happened
 */
public record AliasMove(String name, String alias, OptionalInt from, OptionalInt to, Instant at) {
  /** Checks the components. */
  public AliasMove {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
  }
}
