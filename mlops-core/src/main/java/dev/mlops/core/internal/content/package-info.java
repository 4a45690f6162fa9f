/**
 * Content hashing of files and directories: streaming SHA-256, directory manifests with a canonical
 * digest, relative-path checking, parallel hashing and a stat cache. Internal (no compatibility
 * promise), but its classes are public so that other core packages (artifacts, fingerprints) share them.
 */
@NullMarked
package dev.mlops.core.internal.content;

import org.jspecify.annotations.NullMarked;
