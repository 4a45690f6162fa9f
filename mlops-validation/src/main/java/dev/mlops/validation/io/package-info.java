/**
 * Reading tables from files and text: {@link dev.mlops.validation.io.TableReader} turns CSV (RFC 4180) and
 * JSON (an array of objects, or JSON Lines) into {@link dev.mlops.validation.Table}s, whole or in chunks.
 * Writing is {@link dev.mlops.validation.Table#writeCsv(java.nio.file.Path)} and
 * {@link dev.mlops.validation.Table#writeJson(java.nio.file.Path)}.
 */
@NullMarked
package dev.mlops.validation.io;

import org.jspecify.annotations.NullMarked;
