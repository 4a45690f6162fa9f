package dev.mlops.core.fingerprint;

import dev.mlops.core.hash.Digest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One data input of a fingerprint: its content digest (the identity) and context that does not enter
 * the identity.
 *
 * <p>The digest of a file is the SHA-256 of its bytes; the digest of a directory is its manifest digest
 * (files sorted by path, each with digest, size and executable bit, behind the tag
 * {@code mlops.manifest.v1}). Two inputs with the same digest are the same data whatever their labels
 * or locations. Immutable and thread-safe.
 *
 * @param digest the content digest
 * @param kind how the digest was obtained: {@code file}, {@code directory} or {@code digest}
 * @param label a human name such as {@code penguins@3}, or null
 * @param source the absolute path that was hashed, or null when a digest was given
 */
public record DataInput(Digest digest, String kind, @Nullable String label, @Nullable String source) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if digest or kind is null
   * @param digest the content digest
   * @param kind how the digest was obtained: {@code file}, {@code directory} or {@code digest}
   * @param label a human name such as {@code penguins@3}, or null
   * @param source the absolute path that was hashed, or null when a digest was given
   */
  public DataInput {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(kind, "kind");
  }
}
