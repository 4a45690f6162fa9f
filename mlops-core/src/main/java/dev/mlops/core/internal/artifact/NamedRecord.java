package dev.mlops.core.internal.artifact;

import org.jspecify.annotations.Nullable;

/**
 * Any artifact record (head, version, alias) read only for the artifact name it holds, which is how the name
 * behind a digest key segment (see {@link ArtifactKeys}) is found.
 *
 * @param name the artifact name, null if the record holds none
 */
record NamedRecord(@Nullable String name) {}
