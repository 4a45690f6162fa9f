package dev.mlops.core.internal.artifact;

import dev.mlops.core.ConflictException;
import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.artifact.AliasMove;
import dev.mlops.core.artifact.ArtifactFile;
import dev.mlops.core.artifact.ArtifactNames;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.ArtifactVersionId;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.artifact.GarbageCollectionReport;
import dev.mlops.core.artifact.MaterializeOption;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.integrity.DamagedItem;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.work.WorkerPool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifacts facade on the storage SPI. Thread-safe: all shared state is in the storage (which is
 * thread-safe and linearizes compare-and-set), the metadata cache and the stat cache (both concurrent).
 */
public final class DefaultArtifacts implements Artifacts {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultArtifacts.class);
  private final Storage storage;
  private final Clock clock;
  private final CachedRecords records;
  private final ContentWriter content;

  /**
   * Creates the facade.
   *
   * @param storage the storage
   * @param clock the clock for publish, alias and delete times and the GC grace period
   * @param cacheTtl how long cached metadata may be served
   * @param ioWorkers the threads that publish directories (see {@link dev.mlops.core.MlopsStore#ioWorkers()})
   * @throws InvalidInputException if {@code cacheTtl} is negative
   */
  public DefaultArtifacts(Storage storage, Clock clock, Duration cacheTtl, WorkerPool ioWorkers) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (cacheTtl.isNegative()) {
      throw new InvalidInputException("the metadata cache time-to-live must not be negative, got " + cacheTtl);
    }
    this.records = new CachedRecords(storage.records(), cacheTtl);
    this.content = new ContentWriter(storage.blobs(), clock, Objects.requireNonNull(ioWorkers, "ioWorkers"));
  }

  // ---------------------------------------------------------------- publish

  @Override
  public ArtifactVersion publish(String name, Path source) {
    return publish(name, source, ArtifactSpec.defaults());
  }

  @Override
  public ArtifactVersion publish(String name, Path source, ArtifactSpec givenSpec) {
    checkPublish(name, givenSpec);
    Objects.requireNonNull(source, "source");
    if (Files.isSymbolicLink(source)) {
      throw new InvalidInputException("cannot publish '" + source + "' as artifact '" + name + "': it is a symbolic"
          + " link (to '" + linkTarget(source) + "'), and links are never followed; publish what it points to by"
          + " its own path (for example source.toRealPath())");
    }
    ArtifactSpec spec = withSourceName(givenSpec, source);
    if (Files.isDirectory(source)) {
      ContentWriter.PreparedDirectory prepared = content.prepareDirectory(source);
      ArtifactVersion unchanged = unchangedLatest(name, prepared.manifest().digest(), true);
      return unchanged != null ? unchanged : commit(name, content.storeDirectory(prepared), spec);
    }
    if (Files.isRegularFile(source)) {
      Optional<Digest> known = content.knownDigest(source);
      ArtifactVersion unchanged = known.isEmpty() ? null : unchangedLatest(name, known.get(), false);
      return unchanged != null ? unchanged : commit(name, content.storeFile(source), spec);
    }
    throw new InvalidInputException("cannot publish '" + source + "' as artifact '" + name
        + "': it is neither a regular file nor a directory");
  }

  /**
   * The spec with the source's own file name, unless the caller named one. A name that is not a portable
   * path segment (a backslash or control character in it) is not recorded, and {@link #files} falls back as
   * for versions stored before names were recorded.
   */
  private static ArtifactSpec withSourceName(ArtifactSpec spec, Path source) {
    Path last = source.toAbsolutePath().normalize().getFileName();
    if (spec.fileName().isPresent() || last == null) {
      return spec;
    }
    try {
      return spec.toBuilder().fileName(last.toString()).build();
    } catch (InvalidInputException notPortable) {
      LOG.warn("not recording the file name of {}: {}", source, notPortable.getMessage());
      return spec;
    }
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "an unreadable target: " + e.getMessage();
    }
  }

  @Override
  public ArtifactVersion publish(String name, InputStream in, ArtifactSpec spec) {
    checkPublish(name, spec);
    Objects.requireNonNull(in, "content");
    return commit(name, StoredContent.file(storage.blobs().put(in)), spec);
  }

  private void checkPublish(String name, ArtifactSpec spec) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(spec, "spec");
    requireParentsExist(spec);
  }

  /** The latest live version if its content has this digest and layout, else null. */
  private @Nullable ArtifactVersion unchangedLatest(String name, Digest digest, boolean directory) {
    ArtifactVersion latest = latestLive(name, true);
    return latest != null && latest.digest().equals(digest) && latest.isDirectory() == directory ? latest : null;
  }

  private void requireParentsExist(ArtifactSpec spec) {
    for (ArtifactVersionId parent : spec.parents()) {
      VersionRecord r = readRecord(parent.name(), parent.version(), false);
      if (r == null || r.isPurged()) {
        throw new NotFoundException("parent " + parent + " does not exist" + (r == null ? "" : " (it was purged)"));
      }
    }
  }

  /**
   * Writes the version record of content whose blobs are all stored, or returns the identical latest.
   *
   * <p>The check for identical content and the number of the new version come from one look at the
   * records: the new version takes the number right after the highest record seen, whose creation is
   * atomic. If another publisher took that number meanwhile, the create fails and the look is repeated,
   * so a publisher never creates a version above one it has not compared against. Identical bytes
   * published at once by many threads or processes therefore make one version: the first create wins and
   * every other publisher finds that version as the latest on its next look.
   */
  private ArtifactVersion commit(String name, StoredContent stored, ArtifactSpec spec) {
    while (true) {
      Newest newest = newest(name, true);
      ArtifactVersion latest = newest.live();
      if (latest != null && latest.digest().equals(stored.digest()) && latest.isDirectory() == stored.directory()) {
        return latest;
      }
      int candidate = newest.top() + 1;
      ArtifactVersion v = ArtifactVersion.builder().id(new ArtifactVersionId(name, candidate))
          .digest(stored.digest()).size(stored.size()).layout(stored.directory(), stored.fileCount())
          .createdAt(clock.instant()).spec(spec).build();
      for (ArtifactVersionId parent : spec.parents()) {
        records.create(ArtifactKeys.child(parent, v.id()), ArtifactJson.write(Map.of("child", v.id().toString())));
      }
      if (records.create(ArtifactKeys.version(name, candidate), ArtifactJson.write(
          VersionRecord.of(v, stored.manifestBlob())))) {
        raiseHead(name, candidate);
        return v.toBuilder().newVersion(true).build();
      }
    }
  }

  /**
   * The highest version number the head records. The head is only a hint, derivable from the version
   * records: a damaged head is read as the highest version record's number (and rebuilt by the next
   * publish or {@link #repairHeads()}), so it never blocks the name.
   */
  private int headHint(String name, boolean fresh) {
    String key = ArtifactKeys.head(name);
    try {
      Optional<StoredRecord> head = fresh ? records.getFresh(key) : records.get(key);
      return head.map(r -> ArtifactJson.read(r.value(), HeadRecord.class, r.key()).latest()).orElse(0);
    } catch (CorruptedDataException damaged) {
      LOG.warn("the head record of artifact '{}' is damaged; using the highest version record instead: {}", name,
          damaged.getMessage());
      return highestVersionRecord(name);
    }
  }

  private int highestVersionRecord(String name) {
    List<String> keys = records.listKeys(ArtifactKeys.versionsOf(name));
    return keys.isEmpty() ? 0 : Integer.parseInt(keys.get(keys.size() - 1).substring(
        ArtifactKeys.versionsOf(name).length()));
  }

  /**
   * Rebuilds every damaged head record from the version records.
   *
   * @return the names whose head was rebuilt
   */
  public List<String> repairHeads() {
    List<String> repaired = new ArrayList<>();
    for (String name : names()) {
      byte[] head = ArtifactJson.write(new HeadRecord(name, highestVersionRecord(name)));
      String key = ArtifactKeys.head(name);
      if (records.replaceDamaged(key, head) || records.create(key, head)) {
        repaired.add(name);
      }
    }
    return repaired;
  }

  /**
   * Checks that the content of every intact, unpurged version is stored: its blob, or for a directory its
   * manifest and every file the manifest lists. Damaged records and blobs are reported by the storage
   * check; this finds what is missing.
   *
   * @return one item per missing blob, naming the version that needs it
   */
  public List<DamagedItem> missingContent() {
    List<DamagedItem> out = new ArrayList<>();
    for (String history : storage.series().list(ArtifactKeys.ALIAS_HISTORY)) {
      String segment = ArtifactKeys.historySegment(history);
      String alias = history.substring(history.lastIndexOf('/') + 1);
      String name = nameOfSegment(segment, ArtifactKeys.aliasOfSegment(segment, alias));
      if (name == null) {
        out.add(new DamagedItem(DamagedItem.Kind.RECORD, ArtifactKeys.aliasOfSegment(segment, alias), "the alias"
            + " history series '" + history + "' has no alias record, and no record names its artifact"));
        continue;
      }
      try {
        readAlias(name, alias);
      } catch (CorruptedDataException damaged) {
        out.add(new DamagedItem(DamagedItem.Kind.RECORD, ArtifactKeys.alias(name, alias), damaged.getMessage()));
      }
    }
    for (String name : names()) {
      int head = headHint(name, true);
      java.util.Set<String> present = new HashSet<>(records.listKeys(ArtifactKeys.versionsOf(name)));
      for (int v = 1; v <= head; v++) {
        if (!present.contains(ArtifactKeys.version(name, v))) {
          out.add(new DamagedItem(DamagedItem.Kind.RECORD, ArtifactKeys.version(name, v), "the record of " + name
              + "@" + v + " is missing although the head of '" + name + "' counts " + head + " versions"));
        }
      }
    }
    for (String key : records.listKeys(ArtifactKeys.VERSIONS)) {
      VersionRecord r;
      try {
        r = records.getFresh(key).map(rec -> ArtifactJson.read(rec.value(), VersionRecord.class, key)).orElse(null);
      } catch (CorruptedDataException damaged) {
        continue; // reported by the record check
      }
      if (r == null || r.isPurged() || r.digest() == null) {
        continue;
      }
      ArtifactVersion v = toVersion(r);
      List<Digest> needed = new ArrayList<>();
      if (r.directory()) {
        Digest manifest = Objects.requireNonNull(r.manifestDigest());
        if (!storage.blobs().contains(manifest)) {
          needed.add(manifest);
        } else {
          try {
            content.readManifest(v.id(), v.digest(), manifest).forEach(f -> needed.add(f.digest()));
          } catch (CorruptedDataException damaged) {
            continue; // reported by the blob check
          }
        }
      } else {
        needed.add(v.digest());
      }
      for (Digest d : needed) {
        if (!storage.blobs().contains(d)) {
          out.add(new DamagedItem(DamagedItem.Kind.BLOB, d.toString(), "blob " + d + " of " + v.id()
              + " (record '" + key + "') is missing"));
        }
      }
    }
    return out;
  }

  private void raiseHead(String name, int version) {
    String key = ArtifactKeys.head(name);
    byte[] value = ArtifactJson.write(new HeadRecord(name, version));
    while (true) {
      Optional<StoredRecord> current;
      try {
        current = records.getFresh(key);
      } catch (CorruptedDataException damaged) {
        records.replaceDamaged(key, ArtifactJson.write(new HeadRecord(name,
            Math.max(version, highestVersionRecord(name)))));
        LOG.warn("rebuilt the damaged head record of artifact '{}' from its version records", name);
        continue;
      }
      if (current.isEmpty()) {
        if (records.create(key, value)) {
          return;
        }
        continue;
      }
      HeadRecord head = ArtifactJson.read(current.get().value(), HeadRecord.class, key);
      if (head.latest() >= version || records.compareAndSet(key, current.get().version(), value)) {
        return;
      }
    }
  }

  // ---------------------------------------------------------------- reading

  private @Nullable VersionRecord readRecord(String name, int version, boolean fresh) {
    String key = ArtifactKeys.version(name, version);
    Optional<StoredRecord> r = fresh ? records.getFresh(key) : records.get(key);
    return r.map(rec -> ArtifactJson.read(rec.value(), VersionRecord.class, key)).orElse(null);
  }

  private ArtifactVersion toVersion(VersionRecord r) {
    return r.toVersion(ArtifactKeys.version(r.name(), r.version()));
  }

  /**
   * The newest live version, probing past a head hint that may lag. A version the head counts must have
   * a record (version records are never deleted; a purge leaves a tombstone), so a missing one below the
   * head is damage, reported rather than skipped to an older version.
   */
  private @Nullable ArtifactVersion latestLive(String name, boolean fresh) {
    return newest(name, fresh).live();
  }

  /**
   * The highest version number with a record, and the newest live version.
   *
   * @param top the highest version number that has a record (live, deleted or purged), 0 if none
   * @param live the newest live version, null if none
   */
  private record Newest(int top, @Nullable ArtifactVersion live) {}

  private Newest newest(String name, boolean fresh) {
    int recorded = headHint(name, fresh);
    int top = recorded;
    while (readRecord(name, top + 1, fresh) != null) {
      top++;
    }
    for (int v = top; v >= 1; v--) {
      VersionRecord r = readRecord(name, v, fresh);
      if (r == null && v <= recorded && !fresh) {
        r = readRecord(name, v, true); // the cache may still hold its absence from before it was published
      }
      if (r == null && v <= recorded) {
        throw new CorruptedDataException("artifact '" + name + "': the record of version " + v + " is missing"
            + " although its head counts " + recorded + " versions; refusing to serve an older version as the"
            + " latest");
      }
      if (r != null && r.isLive()) {
        return new Newest(top, toVersion(r));
      }
    }
    return new Newest(top, null);
  }

  @Override
  public ArtifactVersion get(String ref) {
    Objects.requireNonNull(ref, "ref");
    int at = ref.indexOf('@');
    String name = ArtifactNames.requireValidName(at < 0 ? ref : ref.substring(0, at));
    String selector = at < 0 ? ArtifactNames.LATEST : ref.substring(at + 1);
    if (selector.equals(ArtifactNames.LATEST)) {
      ArtifactVersion latest = latestLive(name, false);
      if (latest == null) {
        requireExists(name);
        throw new NotFoundException("artifact '" + name + "' has no live version");
      }
      return latest;
    }
    if (!selector.isEmpty() && selector.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return live(name, ArtifactVersionId.parse(name + "@" + selector).version(), ref);
    }
    if (selector.matches("v[0-9]+")) {
      return live(name, ArtifactVersionId.parse(name + "@" + selector.substring(1)).version(), ref);
    }
    ArtifactNames.requireAssignableAlias(selector);
    AliasRecord alias = readAlias(name, selector);
    if (alias == null || alias.version() == null) {
      requireExists(name);
      Map<String, Integer> existing = aliases(name);
      throw new NotFoundException("artifact '" + name + "' has no alias '" + selector + "'" + (existing.isEmpty()
          ? "; it has no aliases" : "; its aliases are " + String.join(", ", existing.keySet())));
    }
    return live(name, alias.version(), ref);
  }

  /** Throws if no version of the name was ever published, saying so rather than naming a version. */
  private void requireExists(String name) {
    if (records.listKeys(ArtifactKeys.versionsOf(name)).isEmpty()) {
      throw new NotFoundException("there is no artifact '" + name + "' (nothing was ever published under that"
          + " name)");
    }
  }

  private ArtifactVersion live(String name, int version, String ref) {
    VersionRecord r = readRecord(name, version, false);
    if (r == null) {
      // A cached absence is not proof: a fresh read by another thread that started before this version's
      // create may have put the absence back into the cache after the create invalidated it (seen as
      // "has no version 29" right after this process published version 29). Ask the store.
      r = readRecord(name, version, true);
    }
    if (r == null) {
      requireExists(name);
      throw new NotFoundException("'" + ref + "': artifact '" + name + "' has no version " + version);
    }
    if (r.isPurged()) {
      throw new NotFoundException("'" + ref + "': version " + version + " of '" + name + "' was purged");
    }
    if (!r.isLive()) {
      throw new NotFoundException("'" + ref + "': version " + version + " of '" + name
          + "' is deleted (restore it to use it)");
    }
    return toVersion(r);
  }

  /**
   * Every intact version record of a name. A damaged one is left out and logged with its key, so one
   * damaged version keeps the others listable; reading it directly raises, and {@code MlopsStore.verify()}
   * reports it.
   */
  private List<VersionRecord> allRecords(String name) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    List<VersionRecord> out = new ArrayList<>();
    for (String key : records.listKeys(ArtifactKeys.versionsOf(name))) {
      try {
        records.get(key).ifPresent(r -> out.add(ArtifactJson.read(r.value(), VersionRecord.class, key)));
      } catch (CorruptedDataException damaged) {
        LOG.warn("listing versions of '{}': skipping damaged record {}: {}", name, key, damaged.getMessage());
      }
    }
    return out;
  }

  @Override
  public List<ArtifactVersion> versions(String name) {
    List<ArtifactVersion> out = new ArrayList<>();
    for (VersionRecord r : allRecords(name)) {
      if (r.isLive()) {
        out.add(toVersion(r));
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<ArtifactVersion> deletedVersions(String name) {
    List<ArtifactVersion> out = new ArrayList<>();
    for (VersionRecord r : allRecords(name)) {
      if (VersionRecord.DELETED.equals(r.state())) {
        out.add(toVersion(r));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Lists names from the head records and, since a head is only a hint that damage or a deletion may have
   * taken, from the version records too. A name is read from its key, or for a long name's digest segment
   * from the first intact record under it, so one damaged record hides no name.
   */
  @Override
  public List<String> names() {
    Set<String> out = new java.util.TreeSet<>();
    Set<String> segments = new HashSet<>();
    for (String key : records.listKeys(ArtifactKeys.HEADS)) {
      String segment = ArtifactKeys.headSegment(key);
      addName(out, segments, segment, key);
    }
    for (String key : records.listKeys(ArtifactKeys.VERSIONS)) {
      addName(out, segments, ArtifactKeys.versionSegment(key), null);
    }
    return List.copyOf(out);
  }

  private void addName(Set<String> out, Set<String> segments, String segment, @Nullable String recordKey) {
    if (segments.add(segment)) {
      String name = nameOfSegment(segment, recordKey);
      if (name != null) {
        out.add(name);
      } else {
        segments.remove(segment); // a later key of the segment may find its name
      }
    }
  }

  /**
   * The artifact name a key segment stands for: the segment unescaped, or for a digest segment the name in
   * the given record, else in the first intact version record under the segment; null if none holds it.
   */
  private @Nullable String nameOfSegment(String segment, @Nullable String recordKey) {
    String plain = ArtifactKeys.nameIn(segment);
    if (plain != null) {
      return plain;
    }
    List<String> candidates = new ArrayList<>();
    if (recordKey != null) {
      candidates.add(recordKey);
    }
    candidates.addAll(records.listKeys(ArtifactKeys.versionsOfSegment(segment)));
    for (String key : candidates) {
      try {
        Optional<StoredRecord> r = records.getFresh(key);
        String name = r.isEmpty() ? null : ArtifactJson.read(r.get().value(), NamedRecord.class, key).name();
        if (name != null && ArtifactKeys.head(name).equals(ArtifactKeys.HEADS + segment)) {
          return name;
        }
      } catch (CorruptedDataException damaged) {
        LOG.warn("the record {} is damaged; looking for the name of segment {} elsewhere", key, segment);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- aliases

  private @Nullable AliasRecord readAlias(String name, String alias) {
    String key = ArtifactKeys.alias(name, alias);
    AliasRecord a = records.get(key).map(r -> ArtifactJson.read(r.value(), AliasRecord.class, key)).orElse(null);
    if (a == null && !storage.series().read(ArtifactKeys.aliasHistory(name, alias), 0, 1).entries().isEmpty()) {
      throw new CorruptedDataException("alias '" + alias + "' of artifact '" + name + "': its record '" + key
          + "' is missing although its history series holds moves; refusing to read it as never set");
    }
    return a;
  }

  @Override
  public void alias(String name, String alias, int version) {
    moveTo(name, alias, version, null);
  }

  @Override
  public void alias(String name, String alias, int version, String reason) {
    moveTo(name, alias, version, ArtifactNames.requireValidReason(Objects.requireNonNull(reason, "reason")));
  }

  private void moveTo(String name, String alias, int version, @Nullable String reason) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    ArtifactNames.requireAssignableAlias(Objects.requireNonNull(alias, "alias"));
    live(name, version, name + "@" + version);
    moveAlias(name, alias, version, reason);
  }

  @Override
  public boolean removeAlias(String name, String alias) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    ArtifactNames.requireAssignableAlias(Objects.requireNonNull(alias, "alias"));
    return moveAlias(name, alias, null, null);
  }

  @Override
  public boolean removeAlias(String name, String alias, String reason) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    ArtifactNames.requireAssignableAlias(Objects.requireNonNull(alias, "alias"));
    return moveAlias(name, alias, null, ArtifactNames.requireValidReason(Objects.requireNonNull(reason, "reason")));
  }

  /**
   * Moves an alias with compare-and-set; false if nothing changed. The record keeps only the latest move;
   * after the compare-and-set the move is appended to the history series together with the move before it,
   * so a move whose append a crash lost is written by the next one (readers drop duplicates by sequence
   * number). A move therefore costs the same at any history length.
   */
  private boolean moveAlias(String name, String alias, @Nullable Integer to, @Nullable String reason) {
    String key = ArtifactKeys.alias(name, alias);
    String history = ArtifactKeys.aliasHistory(name, alias);
    while (true) {
      Optional<StoredRecord> current = records.getFresh(key);
      AliasRecord before = current.map(r -> ArtifactJson.read(r.value(), AliasRecord.class, key))
          .orElse(AliasRecord.unset(name, alias));
      if (Objects.equals(before.version(), to)) {
        return false;
      }
      if (!before.moves().isEmpty()) { // an old record: its moves go to the series before it drops them
        appendMoves(history, before.numberedLegacyMoves());
      }
      AliasRecord.Move move = new AliasRecord.Move(before.version(), to, clock.instant().toString(), reason,
          before.moveCount() + 1);
      byte[] after = ArtifactJson.write(new AliasRecord(name, alias, to, List.of(), move.seq(), move));
      if (records.compareAndSet(key, current.map(StoredRecord::version).orElse(0L), after)) {
        appendMoves(history, before.last() == null ? List.of(move) : List.of(before.last(), move));
        return true;
      }
    }
  }

  private void appendMoves(String history, List<AliasRecord.Move> moves) {
    List<byte[]> entries = new ArrayList<>(moves.size());
    for (AliasRecord.Move m : moves) {
      entries.add(ArtifactJson.write(m));
    }
    storage.series().append(history, entries);
  }

  @Override
  public Map<String, Integer> aliases(String name) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    Map<String, Integer> out = new TreeMap<>();
    for (StoredRecord r : records.list(ArtifactKeys.aliasesOf(name))) {
      AliasRecord a = ArtifactJson.read(r.value(), AliasRecord.class, r.key());
      if (a.version() != null) {
        out.put(a.alias(), a.version());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The moves of an alias: those of an old record, the history series' entries and the record's latest
   * move, merged by sequence number. Moves the record has not counted yet (appended by a mover whose
   * record this reader has not seen) are left out. A history series that lost every acknowledged move
   * but the latest is damage.
   */
  @Override
  public List<AliasMove> aliasHistory(String name, String alias) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    ArtifactNames.requireAssignableAlias(Objects.requireNonNull(alias, "alias"));
    AliasRecord a = readAlias(name, alias);
    if (a == null) {
      return List.of();
    }
    String history = ArtifactKeys.aliasHistory(name, alias);
    TreeMap<Long, AliasRecord.Move> bySeq = new TreeMap<>();
    for (AliasRecord.Move m : a.numberedLegacyMoves()) {
      bySeq.put(m.seq(), m);
    }
    int fromSeries = 0;
    for (byte[] e : storage.series().readAll(history)) {
      AliasRecord.Move m = ArtifactJson.read(e, AliasRecord.Move.class, "an entry of series '" + history + "'");
      if (m.seq() >= 1 && m.seq() <= a.moveCount()) {
        bySeq.putIfAbsent(m.seq(), m);
        fromSeries++;
      }
    }
    if (a.last() != null) {
      bySeq.putIfAbsent(a.last().seq(), a.last());
      if (a.seq() >= 2 && fromSeries == 0) {
        throw new CorruptedDataException("alias '" + alias + "' of artifact '" + name + "' has had " + a.seq()
            + " moves but its history series '" + history + "' holds none of them");
      }
    }
    if (bySeq.size() != a.moveCount()) {
      LOG.warn("alias '{}' of '{}' has had {} moves but its history holds {} (a crash lost the append of one)",
          alias, name, a.moveCount(), bySeq.size());
    }
    List<AliasMove> out = new ArrayList<>(bySeq.size());
    for (AliasRecord.Move m : bySeq.values()) {
      out.add(new AliasMove(name, alias, optional(m.from()), optional(m.to()), Instant.parse(m.at()),
          Optional.ofNullable(m.reason())));
    }
    return Collections.unmodifiableList(out);
  }

  private static OptionalInt optional(@Nullable Integer v) {
    return v == null ? OptionalInt.empty() : OptionalInt.of(v);
  }

  // ---------------------------------------------------------------- content

  /** Re-reads the stored record so a caller's version object cannot point at content it does not own. */
  private VersionRecord stored(ArtifactVersion version) {
    VersionRecord r = readRecord(version.name(), version.version(), false);
    if (r == null || r.isPurged() || !version.digest().toString().equals(r.digest())) {
      throw new NotFoundException("version " + version.id() + " with digest " + version.digest()
          + " is not stored" + (r != null && r.isPurged() ? " (it was purged)" : ""));
    }
    return r;
  }

  @Override
  public InputStream open(ArtifactVersion version) {
    VersionRecord r = stored(Objects.requireNonNull(version, "version"));
    if (r.directory()) {
      throw new InvalidInputException(version.id() + " is a directory; open one of its files with"
          + " open(version, path) or materialize it");
    }
    return content.openStored(version.digest(), version.id().toString());
  }

  @Override
  public InputStream open(ArtifactVersion version, String path) {
    Objects.requireNonNull(path, "path");
    for (ArtifactFile f : files(version)) {
      if (f.path().equals(path)) {
        return content.openStored(f.digest(), version.id() + " file " + path);
      }
    }
    throw new NotFoundException(version.id() + " holds no file '" + path + "'");
  }

  @Override
  public List<ArtifactFile> files(ArtifactVersion version) {
    VersionRecord r = stored(Objects.requireNonNull(version, "version"));
    if (!r.directory()) {
      return List.of(new ArtifactFile(fileName(r), version.digest(), version.size(), false));
    }
    return content.readManifest(version.id(), version.digest(), Objects.requireNonNull(r.manifestDigest()));
  }

  /**
   * The recorded file name, or for a version stored without one (published from a stream without a name,
   * or before names were recorded) the last segment of the artifact name.
   */
  private String fileName(VersionRecord r) {
    // through the public value, which checks a stored name (a tampered "../x" is damage, not a path)
    return toVersion(r).spec().fileName().orElseGet(() -> lastSegment(r.name()));
  }

  private static String lastSegment(String name) {
    String s = name.substring(name.lastIndexOf('/') + 1).trim();
    return s.isEmpty() || s.equals(".") || s.equals("..") ? "content" : s;
  }

  @Override
  public Path materialize(ArtifactVersion version, Path target) {
    return materialize(version, target, new MaterializeOption[0]);
  }

  @Override
  public Path materialize(ArtifactVersion version, Path target, MaterializeOption... options) {
    Objects.requireNonNull(target, "target");
    boolean replace = java.util.Arrays.asList(Objects.requireNonNull(options, "options"))
        .contains(MaterializeOption.REPLACE_EXISTING);
    VersionRecord r = stored(Objects.requireNonNull(version, "version"));
    if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException("cannot materialize " + version.id() + " at " + target
          + ": it already exists (pass MaterializeOption.REPLACE_EXISTING to replace it)");
    }
    List<ArtifactFile> files = r.directory() ? files(version) : null;
    try {
      return content.materialize(version, files, target, replace);
    } catch (IOException e) {
      throw new StorageException("materializing " + version.id() + " at " + target + " failed: " + e, e);
    }
  }

  @Override
  public Path materializeInto(ArtifactVersion version, Path directory, MaterializeOption... options) {
    Objects.requireNonNull(directory, "directory");
    return materialize(version, directory.resolve(fileName(stored(Objects.requireNonNull(version, "version")))),
        options);
  }

  // ---------------------------------------------------------------- lineage

  @Override
  public List<ArtifactVersion> parents(ArtifactVersion version) {
    List<ArtifactVersion> out = new ArrayList<>();
    for (ArtifactVersionId p : Objects.requireNonNull(version, "version").parents()) {
      VersionRecord r = readRecord(p.name(), p.version(), false);
      if (r != null && !r.isPurged()) {
        out.add(toVersion(r));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Lists the versions made from {@code version}. Child links are written before the version record they
   * point to (so a crash between the two never loses the link of a published version), which means a link
   * may point to a version that was never published, or whose number another publisher took: only links
   * whose version exists and names {@code version} among its parents count.
   */
  @Override
  public List<ArtifactVersion> children(ArtifactVersion version) {
    ArtifactVersionId id = Objects.requireNonNull(version, "version").id();
    List<ArtifactVersion> out = new ArrayList<>();
    for (StoredRecord link : records.list(ArtifactKeys.childrenOf(id))) {
      ArtifactVersionId child = childOf(link);
      if (child == null) {
        continue;
      }
      VersionRecord r = readRecord(child.name(), child.version(), false);
      if (r != null && !r.isPurged()) {
        ArtifactVersion v = toVersion(r);
        if (v.parents().contains(id)) {
          out.add(v);
        }
      }
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return Collections.unmodifiableList(out);
  }

  /**
   * The version a child link points to: from its key, or for a long child name's digest segment from the
   * link's value; null for a link whose value is damaged (the link only hints, the version record decides).
   */
  private @Nullable ArtifactVersionId childOf(StoredRecord link) {
    String segment = ArtifactKeys.childSegment(link.key());
    String name = ArtifactKeys.nameIn(segment);
    if (name != null) {
      return new ArtifactVersionId(name, ArtifactKeys.versionAtEnd(link.key()));
    }
    try {
      Object child = ArtifactJson.read(link.value(), Map.class, link.key()).get("child");
      return child instanceof String s ? ArtifactVersionId.parse(s) : null;
    } catch (RuntimeException damaged) {
      LOG.warn("skipping the damaged child link {}: {}", link.key(), damaged.getMessage());
      return null;
    }
  }

  @Override
  public List<ArtifactVersion> ancestors(ArtifactVersion version) {
    return walk(version, true);
  }

  @Override
  public List<ArtifactVersion> descendants(ArtifactVersion version) {
    return walk(version, false);
  }

  private List<ArtifactVersion> walk(ArtifactVersion start, boolean up) {
    Objects.requireNonNull(start, "version");
    Set<ArtifactVersionId> seen = new HashSet<>();
    seen.add(start.id());
    Map<ArtifactVersionId, ArtifactVersion> out = new LinkedHashMap<>();
    Deque<ArtifactVersion> queue = new ArrayDeque<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      ArtifactVersion v = queue.removeFirst();
      for (ArtifactVersion next : up ? parents(v) : children(v)) {
        if (seen.add(next.id())) {
          out.put(next.id(), next);
          queue.addLast(next);
        }
      }
    }
    return List.copyOf(out.values());
  }

  // ---------------------------------------------------------------- delete, restore, purge

  @Override
  public ArtifactVersion delete(String name, int version) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    List<String> pointing = new ArrayList<>();
    for (StoredRecord r : records.listFresh(ArtifactKeys.aliasesOf(name))) {
      AliasRecord a = ArtifactJson.read(r.value(), AliasRecord.class, r.key());
      if (a.version() != null && a.version() == version) {
        pointing.add(a.alias());
      }
    }
    if (!pointing.isEmpty()) {
      throw new ConflictException("cannot delete " + name + "@" + version + ": aliases " + pointing
          + " point to it; move or remove them first");
    }
    return changeState(name, version, VersionRecord.LIVE, VersionRecord.DELETED);
  }

  @Override
  public ArtifactVersion restore(String name, int version) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    return changeState(name, version, VersionRecord.DELETED, VersionRecord.LIVE);
  }

  @Override
  public void purge(String name, int version) {
    ArtifactNames.requireValidName(Objects.requireNonNull(name, "name"));
    changeState(name, version, VersionRecord.DELETED, VersionRecord.PURGED);
  }

  /** Moves a version record from one state to another with compare-and-set; a no-op if already there. */
  private ArtifactVersion changeState(String name, int version, String from, String to) {
    String key = ArtifactKeys.version(name, version);
    while (true) {
      StoredRecord current = records.getFresh(key).orElseThrow(() ->
          new NotFoundException("artifact '" + name + "' has no version " + version));
      VersionRecord r = ArtifactJson.read(current.value(), VersionRecord.class, key);
      if (r.isPurged()) {
        throw new NotFoundException(name + "@" + version + " was purged");
      }
      if (r.state().equals(to)) {
        return toVersion(r);
      }
      if (!r.state().equals(from)) {
        throw new ConflictException("cannot change " + name + "@" + version + " from " + r.state() + " to " + to
            + "; it must be " + from + " first");
      }
      VersionRecord next = to.equals(VersionRecord.PURGED) ? r.tombstone()
          : r.withState(to, to.equals(VersionRecord.DELETED) ? clock.instant() : null);
      if (records.compareAndSet(key, current.version(), ArtifactJson.write(next))) {
        return toVersion(to.equals(VersionRecord.PURGED) ? r : next);
      }
    }
  }

  // ---------------------------------------------------------------- garbage collection

  @Override
  public GarbageCollectionReport collectGarbage(Duration gracePeriod, boolean dryRun) {
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.compareTo(MIN_GRACE_PERIOD) < 0) {
      throw new InvalidInputException("the garbage-collection grace period must be at least " + MIN_GRACE_PERIOD
          + " (publishes refresh reused blobs older than half of it), got " + gracePeriod);
    }
    Instant markStart = clock.instant();
    Set<Digest> live = new HashSet<>();
    for (StoredRecord rec : records.listFresh(ArtifactKeys.VERSIONS)) {
      VersionRecord r = ArtifactJson.read(rec.value(), VersionRecord.class, rec.key());
      if (r.isPurged() || r.digest() == null) {
        continue;
      }
      if (r.directory()) {
        Digest manifestBlob = Objects.requireNonNull(r.manifestDigest());
        live.add(manifestBlob);
        ArtifactVersion v = toVersion(r);
        for (ArtifactFile f : content.readManifest(v.id(), v.digest(), manifestBlob)) {
          live.add(f.digest());
        }
      } else {
        live.add(Digest.parse(r.digest()));
      }
    }
    return new GarbageSweep(storage.blobs(), live, markStart.minus(gracePeriod), gracePeriod, dryRun).run();
  }
}
