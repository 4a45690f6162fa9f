package dev.mlops.core.internal.artifact;

import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.spi.StorageKeys;
import org.jspecify.annotations.Nullable;

/**
 * The record keys of artifacts. Every user name goes through {@link StorageKeys#segmentOf(String)}, so a
 * name of up to {@link dev.mlops.core.artifact.ArtifactNames#MAX_NAME} characters of any kind fits: one whose
 * escape would be too long becomes a digest segment, and its name is read back from the record (every head,
 * version, alias and child-link record holds the name). Version numbers are zero-padded to ten digits so
 * that listing returns them in numeric order.
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
    return HEADS + StorageKeys.segmentOf(name);
  }

  static String versionsOf(String name) {
    return VERSIONS + StorageKeys.segmentOf(name) + "/";
  }

  static String version(String name, int version) {
    return versionsOf(name) + pad(version);
  }

  static String aliasesOf(String name) {
    return ALIASES + StorageKeys.segmentOf(name) + "/";
  }

  static String alias(String name, String alias) {
    return aliasesOf(name) + alias;
  }

  static String aliasHistory(String name, String alias) {
    return ALIAS_HISTORY + StorageKeys.segmentOf(name) + "/" + alias;
  }

  static String childrenOf(ArtifactVersionId parent) {
    return CHILDREN + StorageKeys.segmentOf(parent.name()) + "/" + pad(parent.version()) + "/";
  }

  static String child(ArtifactVersionId parent, ArtifactVersionId child) {
    return childrenOf(parent) + StorageKeys.segmentOf(child.name()) + "/" + pad(child.version());
  }

  /** The name segment of a key made by {@link #child}. */
  static String childSegment(String key) {
    String[] s = key.split("/");
    return s[s.length - 2];
  }

  /** The version number at the end of a key made by {@link #child} or {@link #version}. */
  static int versionAtEnd(String key) {
    return Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
  }

  /** The name segment of a key under {@link #HEADS}. */
  static String headSegment(String key) {
    return key.substring(HEADS.length());
  }

  /** The name segment of a key made by {@link #version}. */
  static String versionSegment(String key) {
    return key.substring(VERSIONS.length(), key.lastIndexOf('/'));
  }

  /** The name segment of a series key made by {@link #aliasHistory}. */
  static String historySegment(String key) {
    return key.substring(ALIAS_HISTORY.length(), key.lastIndexOf('/'));
  }

  /** The versions prefix of a name segment, as {@link #versionsOf} makes it from the name. */
  static String versionsOfSegment(String segment) {
    return VERSIONS + segment + "/";
  }

  /** The alias key of a name segment, as {@link #alias} makes it from the name. */
  static String aliasOfSegment(String segment, String alias) {
    return ALIASES + segment + "/" + alias;
  }

  /** The name a segment spells, or null for a digest segment, whose name only a record holds. */
  static @Nullable String nameIn(String segment) {
    return StorageKeys.isDigestSegment(segment) ? null : StorageKeys.unescapeSegment(segment);
  }

  private static String pad(int version) {
    return String.format("%010d", version);
  }
}
