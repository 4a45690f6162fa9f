package dev.mlops.core.fingerprint;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.fingerprint.GitWorkTree;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The code a fingerprint was computed from: either the state of a git working tree or an explicit
 * version string.
 *
 * <p>For a git tree the identity is the commit, the dirty flag and the digest of the uncommitted
 * changes (changed tracked files and untracked files git does not ignore, by content); the branch and
 * the working tree's location are recorded as context only, since they do not change what the code is.
 * For a version string the identity is the string itself. Immutable and thread-safe.
 */
public final class CodeVersion {
  private final @Nullable String version;
  private final @Nullable String commit;
  private final @Nullable String branch;
  private final boolean dirty;
  private final @Nullable Digest changes;
  private final @Nullable String workTree;

  private CodeVersion(@Nullable String version, @Nullable String commit, @Nullable String branch,
      boolean dirty, @Nullable Digest changes, @Nullable String workTree) {
    this.version = version;
    this.commit = commit;
    this.branch = branch;
    this.dirty = dirty;
    this.changes = changes;
    this.workTree = workTree;
  }

  /**
   * Names the code by an explicit version.
   *
   * @param version a release number, build id or commit, not blank
   * @return the code version
   * @throws InvalidInputException if the version is blank
   */
  public static CodeVersion of(String version) {
    Objects.requireNonNull(version, "version");
    if (version.isBlank()) {
      throw new InvalidInputException("code version must not be blank");
    }
    return new CodeVersion(version, null, null, false, null, null);
  }

  /**
   * Reads the state of a git working tree by running {@code git}.
   *
   * @param workTree the working tree or a directory inside it
   * @return its commit, branch, dirty flag and changes digest
   * @throws InvalidInputException if the directory is not in a git working tree with a commit
   * @throws ConfigurationException if {@code git} cannot be run
   * @throws StorageException if a changed file cannot be read
   */
  public static CodeVersion fromGit(Path workTree) {
    GitWorkTree.State s = GitWorkTree.read(workTree);
    return git(s.commit(), s.branch(), s.dirty(), s.changes(), s.root().toString());
  }

  /**
   * Records a git state read elsewhere.
   *
   * @param commit the full commit id, 40 or 64 lowercase hex digits
   * @param branch the branch, or null when detached or unknown
   * @param dirty whether there are uncommitted changes
   * @param changes the digest of the uncommitted changes
   * @param workTree where the working tree was, or null; context only
   * @return the code version
   * @throws InvalidInputException if the commit id is malformed
   */
  static CodeVersion git(String commit, @Nullable String branch, boolean dirty, Digest changes,
      @Nullable String workTree) {
    if (!commit.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
      throw new InvalidInputException("not a git commit id: '" + commit + "'");
    }
    return new CodeVersion(null, commit, branch, dirty, Objects.requireNonNull(changes, "changes"),
        workTree);
  }

  /**
   * Tells whether this is a git state (rather than a version string).
   *
   * @return true for a git state
   */
  public boolean isGit() {
    return commit != null;
  }

  /**
   * Returns the explicit version.
   *
   * @return the version string, empty for a git state
   */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /**
   * Returns the commit.
   *
   * @return the commit id, empty for a version string
   */
  public Optional<String> commit() {
    return Optional.ofNullable(commit);
  }

  /**
   * Returns the branch (context, not identity).
   *
   * @return the branch, empty when detached or for a version string
   */
  public Optional<String> branch() {
    return Optional.ofNullable(branch);
  }

  /**
   * Tells whether the working tree had uncommitted changes.
   *
   * @return the dirty flag; false for a version string
   */
  public boolean dirty() {
    return dirty;
  }

  /**
   * Returns the digest of the uncommitted changes.
   *
   * @return the digest, empty for a version string
   */
  public Optional<Digest> changes() {
    return Optional.ofNullable(changes);
  }

  /**
   * Returns where the working tree was when it was read (context, not identity).
   *
   * @return the absolute path text, empty for a version string
   */
  public Optional<String> workTree() {
    return Optional.ofNullable(workTree);
  }

  Map<String, Object> identity() {
    Map<String, Object> id = new LinkedHashMap<>();
    if (commit != null) {
      id.put("commit", commit);
      id.put("dirty", dirty);
      id.put("changes", Objects.requireNonNull(changes).toString());
    } else {
      id.put("version", Objects.requireNonNull(version));
    }
    return id;
  }

  Map<String, Object> context() {
    Map<String, Object> context = new LinkedHashMap<>();
    if (branch != null) {
      context.put("branch", branch);
    }
    if (workTree != null) {
      context.put("workTree", workTree);
    }
    return context;
  }

  static CodeVersion fromJson(Map<?, ?> identity, Map<?, ?> context) {
    Object branch = context.get("branch");
    Object workTree = context.get("workTree");
    if (identity.get("version") instanceof String) {
      return of((String) identity.get("version"));
    }
    if (!(identity.get("commit") instanceof String) || !(identity.get("dirty") instanceof Boolean)
        || !(identity.get("changes") instanceof String)) {
      throw new InvalidInputException("code must have a version, or a commit, dirty flag and changes");
    }
    return git((String) identity.get("commit"), branch instanceof String ? (String) branch : null,
        (Boolean) identity.get("dirty"), Digest.parse((String) identity.get("changes")),
        workTree instanceof String ? (String) workTree : null);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CodeVersion && identity().equals(((CodeVersion) o).identity())
        && context().equals(((CodeVersion) o).context());
  }

  @Override
  public int hashCode() {
    return identity().hashCode();
  }

  /** Returns the version, or the commit with a dirty marker. */
  @Override
  public String toString() {
    return version != null ? version : commit + (dirty ? " (dirty " + changes + ")" : "");
  }
}
