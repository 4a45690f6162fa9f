package dev.mlops.core.fingerprint;

import org.jspecify.annotations.Nullable;

/**
 * One difference between two fingerprints.
 *
 * @param component which part of the fingerprint it is in
 * @param path where, e.g. {@code config.lr}, {@code data.train}, {@code code.commit},
 *     {@code environment.strict.jvm.version}
 * @param oldValue the canonical JSON text of the old value, or null when the old side lacks it
 * @param newValue the canonical JSON text of the new value, or null when the new side lacks it
 * @param affectsId whether the difference changes {@link Fingerprint#id()} (false for the environment
 *     and for context such as the branch or a data label)
 */
public record FingerprintChange(Component component, String path, @Nullable String oldValue,
    @Nullable String newValue, boolean affectsId) {

  /** The parts of a fingerprint. */
  public enum Component {
    /** The code version. */
    CODE,
    /** The data inputs. */
    DATA,
    /** The configuration. */
    CONFIG,
    /** The seeds. */
    SEEDS,
    /** The environment (never part of the id). */
    ENVIRONMENT
  }
}
