package dev.mlops.core.internal.artifact;

/**
 * The stored hint of the highest version number allocated for a name. It may lag behind by the
 * versions whose publishers crashed before updating it; readers probe past it.
 *
 * @param name the artifact name
 * @param latest the highest version number known to be allocated
 */
record HeadRecord(String name, int latest) {}
