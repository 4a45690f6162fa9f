package dev.mlops.core.artifact;

import dev.mlops.core.InvalidInputException;
import java.util.Objects;

/**
 * Names one version of one artifact, written {@code name@7}: the form lineage records use.
 *
 * <p>Immutable and thread-safe. The name is checked against the artifact naming rules.
 *
 * @param name the artifact name
 * @param version the version number, at least 1
 */
public record ArtifactVersionId(String name, int version) implements Comparable<ArtifactVersionId> {
  /**
   * Checks the components.
   *
   * @throws InvalidInputException if the name breaks the naming rules or the version is below 1
   * @param name the artifact name
   * @param version the version number, at least 1
   */
  public ArtifactVersionId {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    if (version < 1) {
      throw new InvalidInputException("artifact version numbers start at 1, got " + version + " for '"
          + name + "'");
    }
  }

  /**
   * Parses {@code name@7}.
   *
   * @param text the text form
   * @return the id
   * @throws InvalidInputException if the text is not a name, {@code @} and a positive number
   */
  public static ArtifactVersionId parse(String text) {
    int at = text.lastIndexOf('@');
    if (at <= 0 || at == text.length() - 1) {
      throw new InvalidInputException("expected 'name@version' such as 'penguins@3', got '"
          + ArtifactNames.shorten(text) + "'");
    }
    return new ArtifactVersionId(text.substring(0, at), ArtifactNames.parseVersion(text.substring(at + 1), text));
  }

  @Override
  public int compareTo(ArtifactVersionId o) {
    int c = name.compareTo(o.name);
    return c != 0 ? c : Integer.compare(version, o.version);
  }

  /** Returns {@code name@version}. */
  @Override
  public String toString() {
    return name + "@" + version;
  }
}
