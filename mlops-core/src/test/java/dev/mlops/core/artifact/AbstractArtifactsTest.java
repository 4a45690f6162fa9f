package dev.mlops.core.artifact;

import dev.mlops.core.testing.SharedStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConflictException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.content.DirectoryHasher;
import dev.mlops.core.internal.content.StatCache;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every artifact semantic, run once per backend by a subclass. */
abstract class AbstractArtifactsTest {
  @TempDir
  Path tempDir;

  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  Storage storage;
  Artifacts artifacts;

  abstract Storage newStorage(Path dir, Clock clock);

  @BeforeEach
  void open() {
    storage = newStorage(tempDir, clock);
    artifacts = SharedStorage.artifacts(storage, clock, Duration.ofMinutes(5));
  }

  @AfterEach
  void close() {
    storage.close();
  }

  Path file(String name, String content) throws Exception {
    Path p = tempDir.resolve("src").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  String read(ArtifactVersion v) throws Exception {
    try (InputStream in = artifacts.open(v)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  long blobCount() {
    List<BlobInfo> all = new ArrayList<>();
    storage.blobs().forEach(all::add);
    return all.size();
  }

  @Test
  void publishingAFileCreatesVersionOneWithItsDigestAndSize() throws Exception {
    ArtifactVersion v = artifacts.publish("penguins", file("p.json", "[1,2,3]"));

    assertThat(v.name()).isEqualTo("penguins");
    assertThat(v.version()).isEqualTo(1);
    assertThat(v.digest()).isEqualTo(Digest.sha256("[1,2,3]"));
    assertThat(v.size()).isEqualTo(7);
    assertThat(v.isDirectory()).isFalse();
    assertThat(v.kind()).isEqualTo(ArtifactKind.OTHER);
    assertThat(v.createdAt()).isEqualTo(clock.instant());
    assertThat(v.isNewVersion()).isTrue();
    assertThat(read(v)).isEqualTo("[1,2,3]");
  }

  @Test
  void referencesResolveLatestNumbersAndReservedAliases() throws Exception {
    ArtifactVersion v1 = artifacts.publish("m", file("a", "one"));
    ArtifactVersion v2 = artifacts.publish("m", file("b", "two"));

    assertThat(artifacts.get("m")).isEqualTo(v2);
    assertThat(artifacts.get("m@latest")).isEqualTo(v2);
    assertThat(artifacts.get("m@1")).isEqualTo(v1);
    assertThat(artifacts.get("m@v1")).isEqualTo(v1);
    assertThat(artifacts.get("m@2").isNewVersion()).isFalse();
    assertThatThrownBy(() -> artifacts.get("m@3")).isInstanceOf(NotFoundException.class).hasMessageContaining("m@3");
    assertThatThrownBy(() -> artifacts.get("nothing")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> artifacts.get("m@nope")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> artifacts.get("m@0")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> artifacts.get("m@")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> artifacts.get("m@a b")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void identicalContentReturnsTheLatestUnchangedAndIsStoredOnce() throws Exception {
    ArtifactVersion v1 = artifacts.publish("data", file("a", "same bytes"));
    ArtifactVersion again = artifacts.publish("data", file("b", "same bytes"));
    ArtifactVersion other = artifacts.publish("other-name", bytes("same bytes"), ArtifactSpec.defaults());

    assertThat(again.version()).isEqualTo(1);
    assertThat(again.isNewVersion()).isFalse();
    assertThat(again).isEqualTo(v1);
    assertThat(other.isNewVersion()).isTrue();
    assertThat(other.digest()).isEqualTo(v1.digest());
    assertThat(blobCount()).isEqualTo(1);
    assertThat(artifacts.versions("data")).containsExactly(v1);
  }

  @Test
  void contentEqualToAnOlderVersionOnlyIsANewVersion() throws Exception {
    artifacts.publish("flip", bytes("A"), ArtifactSpec.defaults());
    artifacts.publish("flip", bytes("B"), ArtifactSpec.defaults());
    ArtifactVersion v3 = artifacts.publish("flip", bytes("A"), ArtifactSpec.defaults());

    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.isNewVersion()).isTrue();
    assertThat(blobCount()).isEqualTo(2);
  }

  @Test
  void aSpecRoundTripsThroughTheStore() throws Exception {
    ArtifactVersion data = artifacts.publish("train", bytes("rows"), ArtifactSpec.builder()
        .kind(ArtifactKind.DATASET).build());
    ArtifactSpec spec = ArtifactSpec.builder().kind(ArtifactKind.MODEL).description("gbm, 200 trees")
        .property("framework", "xgboost").property("auc", "0.91").parent(data).runId("run-42")
        .producedBy("sha256:" + "ab".repeat(32)).build();

    ArtifactVersion model = artifacts.publish("model", bytes("weights"), spec);
    ArtifactVersion reread = SharedStorage.artifacts(storage, clock, Duration.ZERO).get("model@1");

    assertThat(reread).isEqualTo(model);
    assertThat(reread.spec()).isEqualTo(spec);
    assertThat(reread.kind()).isEqualTo(ArtifactKind.MODEL);
    assertThat(reread.parents()).containsExactly(new ArtifactVersionId("train", 1));
    assertThat(reread.properties()).containsEntry("auc", "0.91").containsEntry("framework", "xgboost");
    assertThat(reread.runId()).contains("run-42");
    assertThat(reread.producedBy()).contains("sha256:" + "ab".repeat(32));
    assertThat(reread.description()).isEqualTo("gbm, 200 trees");
  }

  @Test
  void aMissingParentIsRefusedAndNothingIsPublished() throws Exception {
    ArtifactSpec spec = ArtifactSpec.builder().parent(new ArtifactVersionId("ghost", 3)).build();

    assertThatThrownBy(() -> artifacts.publish("child", bytes("x"), spec))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("ghost@3");
    assertThat(artifacts.names()).isEmpty();
    assertThat(artifacts.versions("child")).isEmpty();
  }

  @Test
  void hostileNamesAreRefusedWithoutWriting() throws Exception {
    Path f = file("x", "x");
    for (String bad : List.of("", "../etc", "a/../b", "/abs", "a@b", "nul\0byte", "tab\tname", "x".repeat(251),
        "a\\b", "c:drive")) {
      assertThatThrownBy(() -> artifacts.publish(bad, f)).as(bad).isInstanceOf(InvalidInputException.class);
    }
    assertThat(artifacts.names()).isEmpty();
    assertThat(storage.blobs().contains(Digest.sha256("x"))).isFalse();
  }

  @Test
  void namesWithSpacesSlashesAndUnicodeAreStoredEscapedAndListed() throws Exception {
    List<String> names = List.of("Penguins raw/v1", "données", "a.b-c_d", "x".repeat(250));
    for (String n : names) {
      artifacts.publish(n, bytes(n), ArtifactSpec.defaults());
    }
    assertThat(artifacts.names()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(read(artifacts.get("Penguins raw/v1@1"))).isEqualTo("Penguins raw/v1");
  }

  @Test
  void publishingAMissingSourceFailsClearly() {
    assertThatThrownBy(() -> artifacts.publish("m", tempDir.resolve("absent")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("absent");
  }

  @Test
  void aliasesMoveAtomicallyAndRecordEveryMove() throws Exception {
    artifacts.publish("model", bytes("1"), ArtifactSpec.defaults());
    artifacts.publish("model", bytes("2"), ArtifactSpec.defaults());
    Instant t0 = clock.instant();
    artifacts.alias("model", "champion", 1);
    clock.advance(Duration.ofMinutes(1));
    artifacts.alias("model", "champion", 2);
    clock.advance(Duration.ofMinutes(1));
    artifacts.alias("model", "champion", 2);
    artifacts.alias("model", "staging", 1);

    assertThat(artifacts.get("model@champion").version()).isEqualTo(2);
    assertThat(artifacts.aliases("model")).containsExactly(
        java.util.Map.entry("champion", 2), java.util.Map.entry("staging", 1));
    assertThat(artifacts.aliasHistory("model", "champion")).containsExactly(
        new AliasMove("model", "champion", OptionalInt.empty(), OptionalInt.of(1), t0),
        new AliasMove("model", "champion", OptionalInt.of(1), OptionalInt.of(2), t0.plusSeconds(60)));

    assertThat(artifacts.removeAlias("model", "champion")).isTrue();
    assertThat(artifacts.removeAlias("model", "champion")).isFalse();
    assertThat(artifacts.aliasHistory("model", "champion")).hasSize(3).last()
        .isEqualTo(new AliasMove("model", "champion", OptionalInt.of(2), OptionalInt.empty(), t0.plusSeconds(120)));
    assertThatThrownBy(() -> artifacts.get("model@champion")).isInstanceOf(NotFoundException.class);
    assertThat(artifacts.aliasHistory("model", "never")).isEmpty();
  }

  @Test
  void aliasMovesRecordTheirReasons() throws Exception {
    artifacts.publish("model", bytes("1"), ArtifactSpec.defaults());
    artifacts.publish("model", bytes("2"), ArtifactSpec.defaults());
    artifacts.alias("model", "champion", 1);
    artifacts.alias("model", "champion", 2, "beat v1 on the March holdout");
    assertThat(artifacts.removeAlias("model", "champion", "rolled back: drift alarm")).isTrue();
    assertThat(artifacts.aliasHistory("model", "champion")).extracting(AliasMove::reason).containsExactly(
        java.util.Optional.empty(), java.util.Optional.of("beat v1 on the March holdout"),
        java.util.Optional.of("rolled back: drift alarm"));
    assertThatThrownBy(() -> artifacts.alias("model", "champion", 1, " ")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> artifacts.alias("model", "champion", 1, "x".repeat(1001)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("1000");
    assertThat(artifacts.aliasHistory("model", "champion")).hasSize(3);
  }

  @Test
  void aMoveRewritesARecordOfConstantSizeAndTheHistoryKeepsEveryMoveInOrder() throws Exception {
    artifacts.publish("model", bytes("1"), ArtifactSpec.defaults());
    artifacts.publish("model", bytes("2"), ArtifactSpec.defaults());
    String key = "artifacts/aliases/model/champion";
    artifacts.alias("model", "champion", 1);
    artifacts.alias("model", "champion", 2);
    int early = storage.records().get(key).orElseThrow().size();
    for (int i = 0; i < 300; i++) {
      artifacts.alias("model", "champion", 1 + i % 2);
    }
    assertThat(storage.records().get(key).orElseThrow().size()).as("the record does not grow")
        .isLessThanOrEqualTo(early + 4);
    List<AliasMove> history = artifacts.aliasHistory("model", "champion");
    assertThat(history).hasSize(302);
    for (int i = 1; i < history.size(); i++) {
      assertThat(history.get(i).from()).as("move %d starts where %d ended", i, i - 1).isEqualTo(history.get(i - 1).to());
    }
    assertThat(history.get(301).to()).hasValue(2);
  }

  @Test
  void anAliasRecordedBeforeTheHistorySeriesReadsAndMovesOn() throws Exception {
    artifacts.publish("model", bytes("1"), ArtifactSpec.defaults());
    artifacts.publish("model", bytes("2"), ArtifactSpec.defaults());
    String old = "{\"name\":\"model\",\"alias\":\"prod\",\"version\":2,\"moves\":["
        + "{\"from\":null,\"to\":1,\"at\":\"2025-06-01T00:00:00Z\"},"
        + "{\"from\":1,\"to\":2,\"at\":\"2025-06-02T00:00:00Z\"}]}";
    assertThat(storage.records().create("artifacts/aliases/model/prod", old.getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(artifacts.get("model@prod").version()).isEqualTo(2);
    assertThat(artifacts.aliasHistory("model", "prod")).extracting(AliasMove::to)
        .containsExactly(OptionalInt.of(1), OptionalInt.of(2));
    artifacts.alias("model", "prod", 1, "upgrade");
    assertThat(artifacts.aliasHistory("model", "prod")).extracting(AliasMove::to)
        .containsExactly(OptionalInt.of(1), OptionalInt.of(2), OptionalInt.of(1));
    assertThat(new String(storage.records().get("artifacts/aliases/model/prod").orElseThrow().value(),
        StandardCharsets.UTF_8)).doesNotContain("2025-06-01");
  }

  @Test
  void notFoundErrorsNameWhatExists() throws Exception {
    artifacts.publish("penguins", bytes("1"), ArtifactSpec.defaults());
    artifacts.alias("penguins", "champion", 1);
    artifacts.alias("penguins", "staging", 1);
    assertThatThrownBy(() -> artifacts.get("penguins@prod")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no alias 'prod'").hasMessageContaining("its aliases are champion, staging");
    artifacts.publish("plain", bytes("2"), ArtifactSpec.defaults());
    assertThatThrownBy(() -> artifacts.get("plain@prod")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("it has no aliases");
    assertThatThrownBy(() -> artifacts.alias("penguin", "prod", 1)).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("there is no artifact 'penguin'").hasMessageNotContaining("version 1");
    assertThatThrownBy(() -> artifacts.get("penguin")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("there is no artifact 'penguin'");
    assertThatThrownBy(() -> artifacts.get("penguins:champion")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'penguins@champion'");
  }

  @Test
  void reservedMalformedAndDanglingAliasesAreRefused() throws Exception {
    artifacts.publish("model", bytes("1"), ArtifactSpec.defaults());
    for (String bad : List.of("latest", "v1", "v007", "", "with space", "a/b", "x".repeat(129), "é")) {
      assertThatThrownBy(() -> artifacts.alias("model", bad, 1)).as(bad).isInstanceOf(InvalidInputException.class);
    }
    assertThatThrownBy(() -> artifacts.alias("model", "prod", 2)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> artifacts.alias("ghost", "prod", 1)).isInstanceOf(NotFoundException.class);
    assertThat(artifacts.aliases("model")).isEmpty();
    artifacts.alias("model", "x".repeat(128), 1);
    assertThat(artifacts.aliases("model")).containsKey("x".repeat(128));
  }

  @Test
  void lineageIsWalkedBothWays() throws Exception {
    ArtifactVersion raw = artifacts.publish("raw", bytes("raw"), ArtifactSpec.defaults());
    ArtifactVersion labels = artifacts.publish("labels", bytes("labels"), ArtifactSpec.defaults());
    ArtifactVersion clean = artifacts.publish("clean", bytes("clean"), ArtifactSpec.builder().parent(raw).build());
    ArtifactVersion model = artifacts.publish("model", bytes("model"),
        ArtifactSpec.builder().parent(clean).parent(labels).build());
    ArtifactVersion report = artifacts.publish("report", bytes("report"),
        ArtifactSpec.builder().parent(model).parent(raw).build());

    assertThat(artifacts.parents(model)).containsExactly(clean, labels);
    assertThat(artifacts.ancestors(report)).containsExactly(model, raw, clean, labels);
    assertThat(artifacts.children(raw)).containsExactly(clean, report);
    assertThat(artifacts.descendants(raw)).containsExactly(clean, report, model);
    assertThat(artifacts.descendants(report)).isEmpty();
    assertThat(artifacts.ancestors(raw)).isEmpty();
  }

  @Test
  void softDeleteHidesAVersionUntilRestored() throws Exception {
    ArtifactVersion v1 = artifacts.publish("d", bytes("one"), ArtifactSpec.defaults());
    ArtifactVersion v2 = artifacts.publish("d", bytes("two"), ArtifactSpec.defaults());
    clock.advance(Duration.ofSeconds(5));

    ArtifactVersion deleted = artifacts.delete("d", 2);

    assertThat(deleted.deletedAt()).contains(clock.instant());
    assertThat(artifacts.versions("d")).containsExactly(v1);
    assertThat(artifacts.deletedVersions("d")).containsExactly(deleted);
    assertThat(artifacts.get("d")).isEqualTo(v1);
    assertThatThrownBy(() -> artifacts.get("d@2")).isInstanceOf(NotFoundException.class).hasMessageContaining("deleted");
    assertThat(read(deleted)).as("content stays readable until purged").isEqualTo("two");

    ArtifactVersion restored = artifacts.restore("d", 2);
    assertThat(restored).isEqualTo(v2);
    assertThat(artifacts.get("d")).isEqualTo(v2);
    assertThat(artifacts.deletedVersions("d")).isEmpty();
  }

  @Test
  void deletingTheOnlyVersionLeavesNoLatestAndRepublishingMakesANewNumber() throws Exception {
    artifacts.publish("d", bytes("one"), ArtifactSpec.defaults());
    artifacts.delete("d", 1);
    assertThatThrownBy(() -> artifacts.get("d")).isInstanceOf(NotFoundException.class);

    ArtifactVersion again = artifacts.publish("d", bytes("one"), ArtifactSpec.defaults());
    assertThat(again.version()).isEqualTo(2);
    assertThat(again.isNewVersion()).isTrue();
  }

  @Test
  void aVersionAnAliasPointsToCannotBeDeleted() throws Exception {
    artifacts.publish("d", bytes("one"), ArtifactSpec.defaults());
    artifacts.alias("d", "prod", 1);
    assertThatThrownBy(() -> artifacts.delete("d", 1)).isInstanceOf(ConflictException.class).hasMessageContaining("prod");
    artifacts.removeAlias("d", "prod");
    assertThat(artifacts.delete("d", 1).isDeleted()).isTrue();
    assertThatThrownBy(() -> artifacts.alias("d", "prod", 1)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void purgeNeedsASoftDeleteAndNeverFreesTheNumber() throws Exception {
    artifacts.publish("p", bytes("one"), ArtifactSpec.defaults());
    artifacts.publish("p", bytes("two"), ArtifactSpec.defaults());
    assertThatThrownBy(() -> artifacts.purge("p", 2)).isInstanceOf(ConflictException.class);
    artifacts.delete("p", 2);
    artifacts.purge("p", 2);

    assertThatThrownBy(() -> artifacts.get("p@2")).isInstanceOf(NotFoundException.class).hasMessageContaining("purged");
    assertThatThrownBy(() -> artifacts.restore("p", 2)).isInstanceOf(NotFoundException.class);
    assertThat(artifacts.deletedVersions("p")).isEmpty();
    assertThat(artifacts.publish("p", bytes("three"), ArtifactSpec.defaults()).version()).isEqualTo(3);
    assertThatThrownBy(() -> artifacts.delete("p", 9)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void garbageCollectionSweepsOnlyOldUnreferencedBlobsAndADryRunOnlyCounts() throws Exception {
    ArtifactVersion kept = artifacts.publish("g", bytes("kept"), ArtifactSpec.defaults());
    artifacts.publish("g", bytes("purged!"), ArtifactSpec.defaults());
    ArtifactVersion softDeleted = artifacts.publish("h", bytes("soft"), ArtifactSpec.defaults());
    artifacts.delete("g", 2);
    artifacts.purge("g", 2);
    artifacts.delete("h", 1);
    clock.advance(Duration.ofHours(2));
    storage.blobs().put(bytes("young orphan"));

    GarbageCollectionReport dry = artifacts.collectGarbage(Duration.ofHours(1), true);
    assertThat(dry).isEqualTo(new GarbageCollectionReport(true, Duration.ofHours(1), 4, 2, 1, 1, 7));
    assertThat(blobCount()).isEqualTo(4);

    GarbageCollectionReport real = artifacts.collectGarbage(Duration.ofHours(1), false);
    assertThat(real).isEqualTo(new GarbageCollectionReport(false, Duration.ofHours(1), 4, 2, 1, 1, 7));
    assertThat(blobCount()).isEqualTo(3);
    assertThat(read(kept)).isEqualTo("kept");
    assertThat(read(artifacts.restore("h", 1))).isEqualTo("soft");
    assertThat(softDeleted.digest()).isEqualTo(Digest.sha256("soft"));
  }

  @Test
  void aBlobBeingWrittenByAPublishIsNeverSwept() throws Exception {
    clock.advance(Duration.ofDays(3));
    BlobInfo inFlight = storage.blobs().put(bytes("a publish is writing me"));

    GarbageCollectionReport report = artifacts.collectGarbage(Duration.ofHours(1), false);

    assertThat(report.blobsInGrace()).isEqualTo(1);
    assertThat(storage.blobs().contains(inFlight.digest())).isTrue();
    ArtifactVersion v = artifacts.publish("late", bytes("a publish is writing me"), ArtifactSpec.defaults());
    assertThat(read(v)).isEqualTo("a publish is writing me");
  }

  @Test
  void republishingContentWhoseOldBlobIsGarbageRefreshesItBeforeReferencingIt() throws Exception {
    artifacts.publish("r", bytes("recycled"), ArtifactSpec.defaults());
    artifacts.publish("r", bytes("other"), ArtifactSpec.defaults());
    artifacts.delete("r", 1);
    artifacts.purge("r", 1);
    clock.advance(Duration.ofDays(2));

    ArtifactVersion again = artifacts.publish("r", bytes("recycled"), ArtifactSpec.defaults());
    artifacts.collectGarbage(Duration.ofHours(1), false);

    assertThat(read(again)).isEqualTo("recycled");
  }

  @Test
  void garbageCollectionOfAnEmptyStoreFindsNothing() {
    assertThat(artifacts.collectGarbage(Duration.ofHours(1), false))
        .isEqualTo(new GarbageCollectionReport(false, Duration.ofHours(1), 0, 0, 0, 0, 0));
  }

  @Test
  void aGracePeriodBelowTheMinimumIsRefused() {
    assertThatThrownBy(() -> artifacts.collectGarbage(Duration.ofMinutes(59), true))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("PT1H");
  }

  @Test
  void materializingAFileWritesVerifiedBytesAndRefusesAnExistingTarget() throws Exception {
    ArtifactVersion v = artifacts.publish("f", file("f.txt", "file body"));
    Path target = tempDir.resolve("out/nested/f.txt");

    assertThat(artifacts.materialize(v, target)).isEqualTo(target);
    assertThat(Files.readString(target)).isEqualTo("file body");
    assertThatThrownBy(() -> artifacts.materialize(v, target)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("exists");
    assertThat(Files.list(target.getParent())).containsExactly(target);
  }

  @Test
  void materializingWithReplaceExistingReplacesFilesAndTreesLeavingNothingBehind() throws Exception {
    ArtifactVersion f = artifacts.publish("f", file("f.txt", "new body"));
    Path target = Files.writeString(Files.createDirectories(tempDir.resolve("out")).resolve("f.txt"), "old");
    artifacts.materialize(f, target, MaterializeOption.REPLACE_EXISTING);
    assertThat(Files.readString(target)).isEqualTo("new body");

    Path tree = Files.createDirectories(tempDir.resolve("tree"));
    Files.writeString(tree.resolve("a.csv"), "a");
    ArtifactVersion d = artifacts.publish("d", tree);
    Path dirTarget = Files.createDirectories(tempDir.resolve("out/d"));
    Files.writeString(dirTarget.resolve("stale.csv"), "stale");
    artifacts.materialize(d, dirTarget, MaterializeOption.REPLACE_EXISTING);
    assertThat(Files.readString(dirTarget.resolve("a.csv"))).isEqualTo("a");
    assertThat(dirTarget.resolve("stale.csv")).doesNotExist();
    artifacts.materialize(f, dirTarget, MaterializeOption.REPLACE_EXISTING); // a file over a directory
    assertThat(Files.readString(dirTarget)).isEqualTo("new body");
    try (var listed = Files.list(tempDir.resolve("out"))) {
      assertThat(listed.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("f.txt", "d");
    }
    assertThatThrownBy(() -> artifacts.materialize(f, target)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("REPLACE_EXISTING");
  }

  @Test
  void aVersionObjectThatDoesNotMatchTheStoreIsRefused() throws Exception {
    ArtifactVersion v = artifacts.publish("f", bytes("real"), ArtifactSpec.defaults());
    ArtifactVersion forged = v.toBuilder().digest(Digest.sha256("other")).build();
    assertThatThrownBy(() -> artifacts.open(forged)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aProcessSeesItsOwnWritesAtOnceDespiteALongCacheTtl() throws Exception {
    Artifacts cached = SharedStorage.artifacts(storage, clock, Duration.ofHours(1));
    assertThat(cached.versions("c")).isEmpty();
    assertThatThrownBy(() -> cached.get("c")).isInstanceOf(NotFoundException.class);

    ArtifactVersion v1 = cached.publish("c", bytes("1"), ArtifactSpec.defaults());
    assertThat(cached.get("c")).isEqualTo(v1);
    assertThat(cached.versions("c")).containsExactly(v1);
    cached.alias("c", "prod", 1);
    assertThat(cached.get("c@prod")).isEqualTo(v1);
    assertThat(cached.names()).containsExactly("c");
  }

  @Test
  void anotherInstanceSeesChangesAfterItsTtlAndAtOnceWithoutCaching() throws Exception {
    Artifacts writer = SharedStorage.artifacts(storage, clock, Duration.ofHours(1));
    Artifacts staleReader = SharedStorage.artifacts(storage, clock, Duration.ofHours(1));
    Artifacts freshReader = SharedStorage.artifacts(storage, clock, Duration.ZERO);
    writer.publish("s", bytes("1"), ArtifactSpec.defaults());
    assertThat(staleReader.get("s").version()).isEqualTo(1);

    writer.publish("s", bytes("2"), ArtifactSpec.defaults());

    assertThat(freshReader.get("s").version()).isEqualTo(2);
    assertThat(staleReader.get("s").version()).as("served from the cache until the TTL passes").isEqualTo(1);
  }

  Path tree() throws Exception {
    Path dir = tempDir.resolve("tree");
    Files.createDirectories(dir.resolve("sub/deeper"));
    Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n");
    Files.writeString(dir.resolve("sub/b.txt"), "same");
    Files.writeString(dir.resolve("sub/deeper/c.txt"), "same");
    Files.writeString(dir.resolve("empty"), "");
    Path run = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    run.toFile().setExecutable(true, true);
    return dir;
  }

  @Test
  void aDirectoryIsPublishedAsAManifestWhoseDigestIsTheFingerprintDigest() throws Exception {
    Path dir = tree();
    ArtifactVersion v = artifacts.publish("tree", dir, ArtifactSpec.builder().kind(ArtifactKind.DATASET).build());

    Digest expected;
    try (DirectoryHasher hasher = new DirectoryHasher(new StatCache(10, Clock.systemUTC()), 1)) {
      expected = hasher.hashDirectory(dir).digest();
    }
    assertThat(v.isDirectory()).isTrue();
    assertThat(v.digest()).isEqualTo(expected);
    assertThat(v.fileCount()).isEqualTo(5);
    assertThat(v.size()).isEqualTo(8 + 4 + 4 + 0 + 18);
    assertThat(artifacts.files(v)).extracting(ArtifactFile::path)
        .containsExactly("a.csv", "empty", "run.sh", "sub/b.txt", "sub/deeper/c.txt");
    assertThat(artifacts.files(v)).filteredOn(ArtifactFile::executable).extracting(ArtifactFile::path)
        .containsExactly("run.sh");
    try (InputStream in = artifacts.open(v, "sub/deeper/c.txt")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("same");
    }
    assertThatThrownBy(() -> artifacts.open(v, "nope")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> artifacts.open(v)).isInstanceOf(InvalidInputException.class);
    assertThat(blobCount()).as("4 distinct contents plus the manifest").isEqualTo(5);
  }

  @Test
  void aDirectoryMaterializesToAnIdenticalTree() throws Exception {
    Path dir = tree();
    ArtifactVersion v = artifacts.publish("tree", dir);
    Path target = tempDir.resolve("restored/tree");

    artifacts.materialize(v, target);

    try (DirectoryHasher hasher = new DirectoryHasher(new StatCache(10, Clock.systemUTC()), 1)) {
      assertThat(hasher.hashDirectory(target).digest()).isEqualTo(v.digest());
    }
    assertThat(Files.isExecutable(target.resolve("run.sh"))).isTrue();
    assertThat(Files.readString(target.resolve("a.csv"))).isEqualTo("x,y\n1,2\n");
    assertThat(Files.list(target.getParent())).containsExactly(target);
  }

  @Test
  void republishingAnUnchangedDirectoryReturnsTheLatestAndAChangeMakesANewVersion() throws Exception {
    Path dir = tree();
    ArtifactVersion v1 = artifacts.publish("tree", dir);
    ArtifactVersion again = artifacts.publish("tree", dir);
    Files.writeString(dir.resolve("sub/b.txt"), "changed");
    ArtifactVersion v2 = artifacts.publish("tree", dir);

    assertThat(again).isEqualTo(v1);
    assertThat(again.isNewVersion()).isFalse();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.isNewVersion()).isTrue();
    assertThat(artifacts.files(v2)).filteredOn(f -> f.path().equals("sub/b.txt")).singleElement()
        .extracting(ArtifactFile::digest).isEqualTo(Digest.sha256("changed"));
  }

  @Test
  void anUnchangedFileIsRecognisedByItsStatDataWithoutBeingRead() throws Exception {
    Path f = file("big.bin", "version one");
    FileTime past = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    Files.setLastModifiedTime(f, past);
    ArtifactVersion v1 = artifacts.publish("stat", f);
    Files.writeString(f, "version 1!!");
    Files.setLastModifiedTime(f, past);

    ArtifactVersion again = artifacts.publish("stat", f);

    assertThat(again).as("same file key, size and time: the stat cache answers").isEqualTo(v1);
    assertThat(again.isNewVersion()).isFalse();
  }

  @Test
  void symbolicLinksInsideADirectoryAreRefusedBeforeAnythingIsStored() throws Exception {
    Path dir = tree();
    Files.createSymbolicLink(dir.resolve("link"), tempDir);
    assertThatThrownBy(() -> artifacts.publish("tree", dir)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("link");
    assertThat(artifacts.names()).isEmpty();
  }

  @Test
  void aSymbolicLinkGivenAsTheSourceIsRefusedNamingItsTargetAndNothingIsStored() throws Exception {
    Path file = file("real.csv", "a,b\n1,2\n");
    Path fileLink = Files.createSymbolicLink(tempDir.resolve("link.csv"), file);
    Path dirLink = Files.createSymbolicLink(tempDir.resolve("link-dir"), tree());
    for (Path link : List.of(fileLink, dirLink)) {
      assertThatThrownBy(() -> artifacts.publish("linked", link)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("'" + link + "'").hasMessageContaining("is a symbolic link")
          .hasMessageContaining(Files.readSymbolicLink(link).toString()).hasMessageContaining("toRealPath()");
    }
    assertThat(artifacts.names()).isEmpty();
    assertThat(blobCount()).isZero();
    assertThat(artifacts.publish("linked", fileLink.toRealPath()).digest())
        .isEqualTo(artifacts.publish("direct", file).digest());
  }

  @Test
  void aSingleFileKeepsItsFileNameAndMaterializeIntoRestoresIt() throws Exception {
    Path csv = file("penguins.csv", "species,mass\nAdelie,3750\n");
    ArtifactVersion v = artifacts.publish("penguins-clean", csv);
    assertThat(v.spec().fileName()).contains("penguins.csv");
    ArtifactVersion reread = SharedStorage.artifacts(storage, clock, Duration.ZERO).get("penguins-clean");
    assertThat(reread.spec().fileName()).contains("penguins.csv");
    assertThat(artifacts.files(reread)).extracting(ArtifactFile::path).containsExactly("penguins.csv");

    Path out = tempDir.resolve("restored");
    Path restored = artifacts.materializeInto(reread, out);
    assertThat(restored).isEqualTo(out.resolve("penguins.csv"));
    assertThat(Files.readString(restored)).isEqualTo("species,mass\nAdelie,3750\n");
    assertThatThrownBy(() -> artifacts.materializeInto(reread, out)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already exists");
    Files.writeString(restored, "stale");
    assertThat(artifacts.materializeInto(reread, out, MaterializeOption.REPLACE_EXISTING)).isEqualTo(restored);
    assertThat(Files.readString(restored)).isEqualTo("species,mass\nAdelie,3750\n");
  }

  @Test
  void aStreamIsNamedByItsSpecOrElseByTheLastSegmentOfTheArtifactName() throws Exception {
    ArtifactVersion named = artifacts.publish("models/gbm", bytes("weights"),
        ArtifactSpec.builder().fileName("model.bin").build());
    ArtifactVersion unnamed = artifacts.publish("models/linear", bytes("other weights"), ArtifactSpec.defaults());
    assertThat(artifacts.files(named)).extracting(ArtifactFile::path).containsExactly("model.bin");
    assertThat(unnamed.spec().fileName()).isEmpty();
    assertThat(artifacts.files(unnamed)).extracting(ArtifactFile::path).containsExactly("linear");
    assertThat(artifacts.materializeInto(unnamed, tempDir.resolve("out"))).isEqualTo(tempDir.resolve("out/linear"));
    for (String bad : List.of("", ".", "..", "a/b", "a\\b", "tab\there")) {
      assertThatThrownBy(() -> ArtifactSpec.builder().fileName(bad)).as(bad)
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void aDirectoryKeepsItsNameAndIsMaterializedIntoADirectoryOfThatName() throws Exception {
    Path dir = tree();
    ArtifactVersion v = artifacts.publish("tree-artifact", dir);
    assertThat(v.spec().fileName()).contains(dir.getFileName().toString());
    Path restored = artifacts.materializeInto(v, tempDir.resolve("out"));
    assertThat(restored).isEqualTo(tempDir.resolve("out").resolve(dir.getFileName().toString()));
    assertThat(Files.isDirectory(restored)).isTrue();
  }

  @Test
  void identicalBytesUnderAnotherFileNameReturnTheVersionWithItsFirstName() throws Exception {
    ArtifactVersion first = artifacts.publish("data", file("a.csv", "x\n1\n"));
    ArtifactVersion again = artifacts.publish("data", file("b.csv", "x\n1\n"));
    assertThat(again.isNewVersion()).isFalse();
    assertThat(again).isEqualTo(first);
    assertThat(again.spec().fileName()).contains("a.csv");
  }

  @Test
  void namesOf250NonAsciiCharactersOrSpacesWorkEverywhere() throws Exception {
    List<String> names = ArtifactNamesTest.longestNames();
    ArtifactVersion parent = artifacts.publish(names.get(0), bytes("parent"), ArtifactSpec.defaults());
    for (String name : names) {
      ArtifactVersion v1 = artifacts.publish(name, bytes("one " + name), ArtifactSpec.builder().parent(parent).build());
      ArtifactVersion v2 = artifacts.publish(name, file("model.bin", "two " + name));
      artifacts.alias(name, "champion", v1.version());
      artifacts.alias(name, "champion", v2.version(), "better");
      artifacts.delete(name, v1.version());
      artifacts.restore(name, v1.version());
    }
    Artifacts fresh = SharedStorage.artifacts(storage, clock, Duration.ZERO);
    assertThat(fresh.names()).containsExactlyInAnyOrderElementsOf(names);
    for (String name : names) {
      ArtifactVersion champion = fresh.get(name + "@champion");
      assertThat(champion.name()).isEqualTo(name);
      assertThat(read(champion)).isEqualTo("two " + name);
      assertThat(fresh.versions(name)).extracting(ArtifactVersion::name).containsOnly(name);
      assertThat(fresh.aliasHistory(name, "champion")).hasSize(2);
      assertThat(Files.readString(fresh.materializeInto(champion, tempDir.resolve("out-" + names.indexOf(name)))))
          .isEqualTo("two " + name);
    }
    assertThat(fresh.children(fresh.get(names.get(0) + "@1"))).extracting(ArtifactVersion::name)
        .containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void anEmptyDirectoryIsAVersionWithNoFiles() throws Exception {
    Path dir = Files.createDirectories(tempDir.resolve("empty-dir"));
    ArtifactVersion v = artifacts.publish("nothing", dir);
    assertThat(v.fileCount()).isZero();
    assertThat(v.size()).isZero();
    Path target = tempDir.resolve("out/nothing");
    artifacts.materialize(v, target);
    assertThat(Files.list(target)).isEmpty();
  }

  @Test
  void garbageCollectionKeepsTheFilesAndManifestOfLiveDirectories() throws Exception {
    ArtifactVersion v = artifacts.publish("tree", tree());
    clock.advance(Duration.ofDays(1));
    GarbageCollectionReport report = artifacts.collectGarbage(Duration.ofHours(1), false);
    assertThat(report.blobsLive()).isEqualTo(5);
    assertThat(report.blobsSwept()).isZero();
    artifacts.materialize(v, tempDir.resolve("after-gc"));
  }

  @Test
  void aPublishedDigestEqualsTheFingerprintDigestOfTheSameData() throws Exception {
    Path dir = tree();
    Path single = file("single.csv", "a,b\n1,2\n");
    ArtifactVersion published = artifacts.publish("tree", dir);
    ArtifactVersion publishedFile = artifacts.publish("single", single);

    Fingerprint fp = Fingerprint.builder().data("tree", dir).data("single", single).build();

    assertThat(fp.data().get("tree").digest()).isEqualTo(published.digest());
    assertThat(fp.data().get("single").digest()).isEqualTo(publishedFile.digest());
  }

  @Test
  void threadsPublishingToOneNameGetVersionsOneToNAndKeepTheirBytes() throws Exception {
    int threads = 4;
    int each = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.Map<Integer, String> byVersion = new java.util.concurrent.ConcurrentHashMap<>();
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          String payload = "thread " + thread + " item " + i;
          ArtifactVersion v = artifacts.publish("contended", bytes(payload), ArtifactSpec.defaults());
          assertThat(byVersion.put(v.version(), payload)).isNull();
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();

    List<ArtifactVersion> versions = artifacts.versions("contended");
    assertThat(versions).extracting(ArtifactVersion::version)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, threads * each).boxed().toList());
    for (ArtifactVersion v : versions) {
      assertThat(read(v)).isEqualTo(byVersion.get(v.version()));
    }
  }
}
