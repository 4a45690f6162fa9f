package dev.mlops.core.internal.artifact;

import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.spi.StorageKeys;

/**
 * The record keys of artifacts. Every user name goes through {@link StorageKeys#escapeSegment(String)}
 * and version numbers are zero-padded to ten digits so that listing returns them in numeric order.
 *
 * <pre>
 * artifacts/heads/&lt;name&gt;                                  highest version number allocated (a hint)
 * artifacts/versions/&lt;name&gt;/&lt;0000000007&gt;                  one version (or its tombstone once purged)
 * artifacts/aliases/&lt;name&gt;/&lt;alias&gt;                       where an alias points and its history of moves
 * artifacts/children/&lt;parent&gt;/&lt;ver&gt;/&lt;child&gt;/&lt;ver&gt;         a lineage link, parent to child
 * </pre>
 * and one series per alias, {@code artifacts/alias-history/<name>/<alias>}, holding its moves.
 * Stateless and thread-safe.
 */
final class ArtifactKeys {
  static final String ROOT = "artifacts/";
  static final String HEADS = ROOT + "heads/";
  static final String VERSIONS = ROOT + "versions/";
  static final String ALIASES = ROOT + "aliases/";
  static final String CHILDREN = ROOT + "children/";
  static final String ALIAS_HISTORY = ROOT + "alias-history/";

  private ArtifactKeys() {}

  static String head(String name) {
    return HEADS + StorageKeys.escapeSegment(name);
  }

  static String versionsOf(String name) {
    return VERSIONS + StorageKeys.escapeSegment(name) + "/";
  }

  static String version(String name, int version) {
    return versionsOf(name) + pad(version);
  }

  static String aliasesOf(String name) {
    return ALIASES + StorageKeys.escapeSegment(name) + "/";
  }

  static String alias(String name, String alias) {
    return aliasesOf(name) + alias;
  }

  static String aliasHistory(String name, String alias) {
    return ALIAS_HISTORY + StorageKeys.escapeSegment(name) + "/" + alias;
  }

  static String childrenOf(ArtifactVersionId parent) {
    return CHILDREN + StorageKeys.escapeSegment(parent.name()) + "/" + pad(parent.version()) + "/";
  }

  static String child(ArtifactVersionId parent, ArtifactVersionId child) {
    return childrenOf(parent) + StorageKeys.escapeSegment(child.name()) + "/" + pad(child.version());
  }

  /** Reads the child id back from a key made by {@link #child}. */
  static ArtifactVersionId childOf(String key) {
    String[] s = key.split("/");
    return new ArtifactVersionId(StorageKeys.unescapeSegment(s[s.length - 2]), Integer.parseInt(s[s.length - 1]));
  }

  /** Reads the artifact name back from a key under {@link #HEADS}. */
  static String nameOfHead(String key) {
    return StorageKeys.unescapeSegment(key.substring(HEADS.length()));
  }

  /** Reads the artifact name back from a key made by {@link #version}. */
  static String nameOfVersion(String key) {
    return StorageKeys.unescapeSegment(key.substring(VERSIONS.length(), key.lastIndexOf('/')));
  }

  private static String pad(int version) {
    return String.format("%010d", version);
  }
}
