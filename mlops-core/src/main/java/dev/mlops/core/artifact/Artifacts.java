package dev.mlops.core.artifact;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Versioned artifacts: files, directories and streams stored by content under a name, numbered 1, 2, 3,
 * ... per name, with aliases, lineage, integrity checks, soft delete and garbage collection.
 *
 * <pre>{@code
 * Artifacts artifacts = store.artifacts();
 * ArtifactVersion v = artifacts.publish("penguins", Path.of("penguins.json"),
 *     ArtifactSpec.builder().kind(ArtifactKind.DATASET).build());
 * artifacts.alias("penguins", "champion", v.version());
 * ArtifactVersion champion = artifacts.get("penguins@champion");
 * artifacts.materialize(champion, Path.of("work/penguins.json"));
 * }</pre>
 *
 * <p><b>Versions.</b> Publishing content identical to the latest live version creates no new version
 * and returns that version ({@link ArtifactVersion#isNewVersion()} is false); identical bytes are stored
 * once across all names and versions. Versions are allocated without gaps or duplicates even when
 * threads and processes publish to one name at once; a version number is never reused, not even after a
 * purge. References: {@code name} (the latest live version), {@code name@7}, {@code name@v7},
 * {@code name@latest} and {@code name@alias}.
 *
 * <p><b>Integrity.</b> Every read hashes the bytes it returns and throws
 * {@link dev.mlops.core.CorruptedDataException} instead of delivering bytes that do not match the digest.
 * Relative paths inside directories are checked against traversal when publishing and again when
 * materializing a stored manifest.
 *
 * <p><b>Caching and staleness.</b> Metadata reads are cached. A process sees its own writes at once; a
 * change made by another process (a new version, an alias move, a delete) becomes visible here at the
 * latest after the metadata cache time-to-live, {@link #DEFAULT_CACHE_TTL} for the instance
 * {@link dev.mlops.core.MlopsStore#artifacts()} returns. Writes never rely on the cache: allocation, alias moves
 * and deletes use compare-and-set on the stored records.
 *
 * <p><b>Garbage collection and concurrent publishes.</b> A publish stores every blob before it writes
 * the version record that references it, and re-stores (which refreshes the blob's write time) any
 * existing blob it reuses whose write time is older than half of {@link #MIN_GRACE_PERIOD}.
 * {@link #collectGarbage(Duration, boolean)} sweeps only unreferenced blobs written longer than the grace
 * period before its mark phase began, and checks each write time again just before deleting. So a blob
 * that a publish (taking less than half the minimum grace period) is writing is never swept. One race
 * remains: a publish that re-stores an old, unreferenced blob between that last check and the delete
 * loses it; reading that version then fails with {@link dev.mlops.core.NotFoundException}, never with
 * wrong bytes, and publishing the same bytes again from a stream stores the blob again.
 *
 * <p>Times (publish, alias moves, deletes, the garbage-collection cutoff) come from a {@link java.time.Clock}
 * that the implementation takes at construction, so tests can inject one.
 *
 * <p>Implementations are thread-safe and may be shared by all threads of a process.
 */
public interface Artifacts {
  /** How long another process's writes may stay invisible to this one by default. */
  Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(2);

  /** The shortest grace period garbage collection accepts. */
  Duration MIN_GRACE_PERIOD = Duration.ofHours(1);

  /**
   * Publishes a file or a directory as the next version of an artifact, with default metadata.
   *
   * @param name the artifact name (see {@link ArtifactNames})
   * @param source a regular file or a directory
   * @return the new version, or the latest one if its content is identical
   * @throws dev.mlops.core.InvalidInputException if the name is malformed, the source is missing, is itself
   *     a symbolic link, holds a symbolic link or holds a path that cannot be stored
   * @throws dev.mlops.core.StorageException if reading the source or writing the store fails
   */
  ArtifactVersion publish(String name, Path source);

  /**
   * Publishes a file or a directory as the next version of an artifact.
   *
   * <p>Files of a directory are hashed in parallel while they are copied into the store; a file whose
   * file key, size and modification time are unchanged since this process last stored it is not read
   * again. Symbolic links are never followed: a source that is itself a link is refused (publish its
   * target's own path, for example {@code source.toRealPath()}), and so is a directory holding one, before
   * anything is stored.
   *
   * @param name the artifact name
   * @param source a regular file or a directory, not a symbolic link
   * @param spec the kind, description, properties, parents, run and fingerprint to record
   * @return the new version, or the latest one if its content is identical
   * @throws dev.mlops.core.InvalidInputException if the name or source is malformed, or the source is or holds
   *     a symbolic link
   * @throws dev.mlops.core.NotFoundException if a parent does not exist
   * @throws dev.mlops.core.StorageException if reading the source or writing the store fails
   */
  ArtifactVersion publish(String name, Path source, ArtifactSpec spec);

  /**
   * Publishes the bytes of a stream as the next version of a file artifact. The stream is read to its
   * end, hashed while it is copied, and not closed.
   *
   * @param name the artifact name
   * @param content the bytes
   * @param spec the metadata to record
   * @return the new version, or the latest one if its content is identical
   * @throws dev.mlops.core.InvalidInputException if the name is malformed
   * @throws dev.mlops.core.NotFoundException if a parent does not exist
   * @throws dev.mlops.core.StorageException if reading the stream or writing the store fails
   */
  ArtifactVersion publish(String name, InputStream content, ArtifactSpec spec);

  /**
   * Resolves a reference: {@code name} (latest live version), {@code name@7}, {@code name@v7},
   * {@code name@latest} or {@code name@alias}.
   *
   * @param ref the reference
   * @return the version
   * @throws dev.mlops.core.InvalidInputException if the reference is malformed
   * @throws dev.mlops.core.NotFoundException if the artifact, version or alias does not exist, or the
   *     version is soft-deleted
   */
  ArtifactVersion get(String ref);

  /**
   * Lists the live versions of an artifact, oldest first.
   *
   * @param name the artifact name
   * @return the versions; empty if the artifact has none
   * @throws dev.mlops.core.InvalidInputException if the name is malformed
   */
  List<ArtifactVersion> versions(String name);

  /**
   * Lists the soft-deleted (restorable) versions of an artifact, oldest first.
   *
   * @param name the artifact name
   * @return the deleted versions
   */
  List<ArtifactVersion> deletedVersions(String name);

  /**
   * Lists the names of all artifacts that were ever published, sorted.
   *
   * @return the names
   */
  List<String> names();

  /**
   * Moves (or creates) an alias atomically so that {@code name@alias} resolves to a version; the move
   * is recorded in the alias history.
   *
   * @param name the artifact name
   * @param alias the alias, {@code [A-Za-z0-9_-]{1,128}}, not {@code latest} nor {@code v<digits>}
   * @param version a live version of the artifact
   * @throws dev.mlops.core.InvalidInputException if the alias is malformed or reserved
   * @throws dev.mlops.core.NotFoundException if the version does not exist or is deleted
   */
  void alias(String name, String alias, int version);

  /**
   * Moves (or creates) an alias as {@link #alias(String, String, int)} does, recording why in the alias
   * history ({@link AliasMove#reason()}), for example {@code "beat champion on the March holdout"}.
   *
   * @param name the artifact name
   * @param alias the alias
   * @param version a live version of the artifact
   * @param reason why, not blank, at most {@value ArtifactNames#MAX_REASON} characters
   * @throws dev.mlops.core.InvalidInputException if the alias is malformed or reserved, or the reason is
   *     blank or too long
   * @throws dev.mlops.core.NotFoundException if the version does not exist or is deleted
   */
  void alias(String name, String alias, int version, String reason);

  /**
   * Removes an alias; the removal is recorded in its history.
   *
   * @param name the artifact name
   * @param alias the alias
   * @return true if the alias existed
   */
  boolean removeAlias(String name, String alias);

  /**
   * Removes an alias, recording why in its history.
   *
   * @param name the artifact name
   * @param alias the alias
   * @param reason why, not blank, at most {@value ArtifactNames#MAX_REASON} characters
   * @return true if the alias existed
   * @throws dev.mlops.core.InvalidInputException if the reason is blank or too long
   */
  boolean removeAlias(String name, String alias, String reason);

  /**
   * Lists the user aliases of an artifact and the versions they point to.
   *
   * @param name the artifact name
   * @return alias to version, sorted by alias
   */
  Map<String, Integer> aliases(String name);

  /**
   * Lists every recorded move of an alias, oldest first. Moves are kept in an append-only history, so
   * moving an alias costs the same however long its history is.
   *
   * @param name the artifact name
   * @param alias the alias
   * @return the moves; empty if the alias was never set
   */
  List<AliasMove> aliasHistory(String name, String alias);

  /**
   * Opens the bytes of a file artifact, verified as they are read: a stream that reaches its end has
   * delivered exactly the published bytes, otherwise it throws
   * {@link dev.mlops.core.CorruptedDataException}.
   *
   * @param version a file version
   * @return the stream; the caller closes it
   * @throws dev.mlops.core.InvalidInputException if the version is a directory
   * @throws dev.mlops.core.NotFoundException if the version or its content is gone
   */
  InputStream open(ArtifactVersion version);

  /**
   * Opens one file of a directory artifact, verified as it is read.
   *
   * @param version a directory version
   * @param path the file's relative path with {@code /} separators
   * @return the stream; the caller closes it
   * @throws dev.mlops.core.NotFoundException if the directory holds no such file
   */
  InputStream open(ArtifactVersion version, String path);

  /**
   * Lists the files of a version: its manifest for a directory, one entry for a file, named by the file
   * name recorded when it was published ({@link ArtifactSpec#fileName()}), or, for a version stored without
   * one (a stream published without a name, or any version stored before names were recorded), by the last
   * segment of the artifact name.
   *
   * @param version the version
   * @return the files, sorted by path
   * @throws dev.mlops.core.CorruptedDataException if the stored manifest does not match the digest
   */
  List<ArtifactFile> files(ArtifactVersion version);

  /**
   * Writes a version's file or directory tree to {@code target}, verified and atomically: everything is
   * written to a temporary sibling of {@code target} and renamed into place only when every byte has
   * been checked; on failure nothing is left at {@code target}.
   *
   * @param version the version
   * @param target where the file or directory should appear; it must not exist, its parent may not
   * @return {@code target}
   * @throws dev.mlops.core.InvalidInputException if {@code target} exists
   * @throws dev.mlops.core.CorruptedDataException if stored bytes or the manifest fail verification, or
   *     the manifest holds a path escaping the target
   * @throws dev.mlops.core.StorageException if writing fails
   */
  Path materialize(ArtifactVersion version, Path target);

  /**
   * Writes a version's file or directory tree to {@code target} as {@link #materialize(ArtifactVersion, Path)}
   * does, with options. Without {@link MaterializeOption#REPLACE_EXISTING} it never replaces anything, even
   * a file that appears at {@code target} during the call (the final step is a hard link or a rename that
   * the file system refuses over an existing file or non-empty directory).
   *
   * @param version the version
   * @param target where the file or directory should appear
   * @param options {@link MaterializeOption#REPLACE_EXISTING} to replace what is there
   * @return {@code target}
   * @throws dev.mlops.core.InvalidInputException if {@code target} exists and replacing was not asked for
   * @throws dev.mlops.core.CorruptedDataException if stored bytes or the manifest fail verification
   * @throws dev.mlops.core.StorageException if writing fails
   */
  Path materialize(ArtifactVersion version, Path target, MaterializeOption... options);

  /**
   * Writes a version into a directory under the name it was published with: {@code penguins.csv}
   * published as {@code penguins-clean} comes back as {@code directory/penguins.csv}. The name is
   * {@link ArtifactSpec#fileName()}; a version stored without one (a stream published without a name, or
   * any version stored before names were recorded) gets the last segment of the artifact name, as
   * {@link #files(ArtifactVersion)} lists it. Otherwise it behaves as
   * {@link #materialize(ArtifactVersion, Path, MaterializeOption...)} at that path.
   *
   * @param version the version
   * @param directory the directory to write into; it and its parents are created if missing
   * @param options {@link MaterializeOption#REPLACE_EXISTING} to replace what is there
   * @return the path written, {@code directory} resolved against the name
   * @throws dev.mlops.core.InvalidInputException if that path exists and replacing was not asked for
   * @throws dev.mlops.core.CorruptedDataException if stored bytes or the manifest fail verification
   * @throws dev.mlops.core.StorageException if writing fails
   */
  Path materializeInto(ArtifactVersion version, Path directory, MaterializeOption... options);

  /**
   * Returns the direct parents of a version (the versions it was made from), skipping purged ones.
   *
   * @param version the version
   * @return the parents, in recorded order
   */
  List<ArtifactVersion> parents(ArtifactVersion version);

  /**
   * Walks lineage upwards: every version this one was made from, directly or indirectly.
   *
   * @param version the version
   * @return the ancestors in breadth-first order, each once
   */
  List<ArtifactVersion> ancestors(ArtifactVersion version);

  /**
   * Returns the versions that list this one as a parent.
   *
   * @param version the version
   * @return the children, sorted by id
   */
  List<ArtifactVersion> children(ArtifactVersion version);

  /**
   * Walks lineage downwards: every version made from this one, directly or indirectly.
   *
   * @param version the version
   * @return the descendants in breadth-first order, each once
   */
  List<ArtifactVersion> descendants(ArtifactVersion version);

  /**
   * Soft-deletes a version: it disappears from {@link #versions}, {@code latest} and references, but
   * keeps its content until {@link #purge} and garbage collection.
   *
   * @param name the artifact name
   * @param version the version number
   * @return the deleted version
   * @throws dev.mlops.core.NotFoundException if the version does not exist
   * @throws dev.mlops.core.ConflictException if a user alias points to it (move or remove it first)
   */
  ArtifactVersion delete(String name, int version);

  /**
   * Restores a soft-deleted version.
   *
   * @param name the artifact name
   * @param version the version number
   * @return the restored version
   * @throws dev.mlops.core.NotFoundException if the version does not exist or was purged
   */
  ArtifactVersion restore(String name, int version);

  /**
   * Purges a soft-deleted version for good: its metadata is replaced by a tombstone (the number is never
   * reused) and its content becomes garbage unless another version shares it.
   *
   * @param name the artifact name
   * @param version the version number
   * @throws dev.mlops.core.NotFoundException if the version does not exist
   * @throws dev.mlops.core.ConflictException if the version is not soft-deleted first
   */
  void purge(String name, int version);

  /**
   * Deletes blobs that no version (live or soft-deleted) references and that were written more than
   * {@code gracePeriod} before this call; a dry run only counts them.
   *
   * @param gracePeriod at least {@link #MIN_GRACE_PERIOD}
   * @param dryRun true to count without deleting
   * @return what was found and swept
   * @throws dev.mlops.core.InvalidInputException if the grace period is shorter than the minimum
   * @throws dev.mlops.core.CorruptedDataException if a manifest needed for marking is corrupted (nothing
   *     is then deleted)
   */
  GarbageCollectionReport collectGarbage(Duration gracePeriod, boolean dryRun);
}
