package dev.mlops.core.artifact;

/**
 * What an artifact holds, recorded with each version so tools can list datasets apart from models.
 */
public enum ArtifactKind {
  /** Data used to train, validate or test a model. */
  DATASET,
  /** A trained model or its weights. */
  MODEL,
  /** Anything else: reports, configuration, code archives. */
  OTHER
}
