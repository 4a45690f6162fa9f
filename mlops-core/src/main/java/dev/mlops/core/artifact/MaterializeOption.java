package dev.mlops.core.artifact;

/** Options of {@link Artifacts#materialize(ArtifactVersion, java.nio.file.Path, MaterializeOption...)}. */
public enum MaterializeOption {
  /**
   * Replace whatever is at the target. A file over a file is replaced by one atomic rename; otherwise the
   * old target is renamed aside, the new content renamed in and the old one deleted, so a reader sees the
   * old content, briefly nothing, or the new content, never a mix.
   */
  REPLACE_EXISTING
}
