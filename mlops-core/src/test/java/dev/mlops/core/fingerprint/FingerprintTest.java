package dev.mlops.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.fingerprint.FingerprintChange.Component;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

  /** A configuration record, as users write them. */
  record Hyper(double lr, int epochs, String optimizer) {}

  private static Map<String, Object> config(double lr) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lr", lr);
    m.put("epochs", 10);
    m.put("optimizer", "adam");
    return m;
  }

  private static Fingerprint.Builder base() {
    return Fingerprint.builder().code("1.0.0").data("train", Digest.sha256("rows")).config(config(0.1)).seed(42);
  }

  @Test
  void sameInputsGiveTheSameIdAndItIsASha256Digest() {
    Fingerprint a = base().build();
    Fingerprint b = base().build();
    assertThat(a.id()).isEqualTo(b.id()).matches("sha256:[0-9a-f]{64}");
    assertThat(a).isEqualTo(b);
  }

  @Test
  void theIdIsTheTaggedDigestOfTheDocumentedIdentityObject() {
    Fingerprint fp = base().build();
    String identity = "{\"code\":{\"version\":\"1.0.0\"},\"config\":{\"epochs\":10,\"lr\":0.1,"
        + "\"optimizer\":\"adam\"},\"data\":{\"train\":\"" + Digest.sha256("rows") + "\"},"
        + "\"seeds\":{\"default\":42}}";
    assertThat(fp.id()).isEqualTo(Digest.sha256("mlops.fingerprint.v1\n" + identity).toString());
    // Pinned, computed independently with Python's hashlib: a format change must be deliberate.
    assertThat(fp.id()).isEqualTo("sha256:cde35ac5d915fd49a443c2386e065c42c2eadbb456732ad01fcdbeb8520b87f5");
  }

  @Test
  void mapOrderDoesNotMatterAndARecordEqualsTheSameMap() {
    Map<String, Object> reversed = new LinkedHashMap<>();
    reversed.put("optimizer", "adam");
    reversed.put("epochs", 10);
    reversed.put("lr", 0.1);
    assertThat(base().config(reversed).build().id()).isEqualTo(base().build().id());
    assertThat(base().config(new Hyper(0.1, 10, "adam")).build().id()).isEqualTo(base().build().id());
  }

  @Test
  void everyIdentityComponentChangesTheId() {
    String id = base().build().id();
    assertThat(base().code("1.0.1").build().id()).isNotEqualTo(id);
    assertThat(base().data("train", Digest.sha256("other rows")).build().id()).isNotEqualTo(id);
    assertThat(base().data("eval", Digest.sha256("rows")).build().id()).isNotEqualTo(id);
    assertThat(base().config(config(0.01)).build().id()).isNotEqualTo(id);
    assertThat(base().seed(43).build().id()).isNotEqualTo(id);
    assertThat(base().seed("shuffle", 42).build().id()).isNotEqualTo(id);
  }

  @Test
  void nanAndInfinitiesInTheConfigAreRefusedWithTheirPath() {
    assertThatThrownBy(() -> base().config(config(Double.NaN)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("$.config.lr");
    assertThatThrownBy(() -> base().config(Map.of("nested", Map.of("w", List.of(1.0, Double.NEGATIVE_INFINITY)))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("$.config.nested.w[1]");
  }

  @Test
  void integersBeyondTwoToThe53StayDistinct() {
    long big = 1L << 53;
    assertThat(base().config(Map.of("id", big + 1)).build().id())
        .isNotEqualTo(base().config(Map.of("id", big)).build().id());
    Fingerprint fp = base().config(Map.of("id", BigInteger.TWO.pow(70).add(BigInteger.ONE))).build();
    assertThat(fp.configJson()).isEqualTo("{\"id\":1180591620717411303425}");
    assertThat(Fingerprint.parse(fp.toJson())).isEqualTo(fp);
  }

  @Test
  void environmentAndContextAreRecordedButNotInTheId() {
    Environment here = Environment.capture();
    Environment jdk25 = here.with(Map.of(), Map.of("jvm.version", "25.0.3"));
    Fingerprint a = base().environment(here.with(Map.of(), Map.of("jvm.version", "17.0.15"))).build();
    Fingerprint b = base().environment(jdk25).data("train", Digest.sha256("rows"), "penguins@3").build();
    assertThat(a.id()).isEqualTo(b.id()).isEqualTo(base().build().id());
    FingerprintDiff diff = a.diff(b);
    assertThat(diff.sameId()).isTrue();
    assertThat(diff.changes()).extracting(FingerprintChange::path)
        .containsExactly("data.train.label", "environment.strict.jvm.version");
    assertThat(diff.explain())
        .isEqualTo("same code, data, config and seeds; data.train.label (none) -> penguins@3; JVM 17.0.15 -> 25.0.3");
  }

  @Test
  void diffReportsConfigChangesByPathAndExplainsThem() {
    Environment env = Environment.capture();
    Fingerprint before = base().environment(env.with(Map.of(), Map.of("jvm.version", "17.0.15"))).build();
    Fingerprint after = base().config(config(0.01))
        .environment(env.with(Map.of(), Map.of("jvm.version", "25.0.3"))).build();
    FingerprintDiff diff = before.diff(after);
    assertThat(diff.sameId()).isFalse();
    assertThat(diff.changes(Component.CONFIG))
        .containsExactly(new FingerprintChange(Component.CONFIG, "config.lr", "0.1", "0.01", true));
    assertThat(diff.explain()).isEqualTo("same code, data and seeds; config.lr 0.1 -> 0.01; JVM 17.0.15 -> 25.0.3");
    assertThat(before.diff(before).explain()).isEqualTo("identical");
    assertThat(before.toBuilder().build()).isEqualTo(before);
    assertThat(before.toBuilder().config(config(0.01)).build().diff(after).changes())
        .extracting(FingerprintChange::component).containsOnly(Component.ENVIRONMENT);
    assertThat(before.diff(before).isEmpty()).isTrue();
  }

  @Test
  void diffSeesNestedListsAddedKeysAndStrictOnlyEnvironmentChanges() {
    Fingerprint a = base().config(Map.of("layers", List.of(64, 32), "drop", 0.5)).build();
    Fingerprint b = base().config(Map.of("layers", List.of(64, 16), "act", "relu")).build();
    assertThat(a.diff(b).changes()).extracting(FingerprintChange::path, FingerprintChange::oldValue,
        FingerprintChange::newValue).containsExactly(
            org.assertj.core.groups.Tuple.tuple("config.act", null, "\"relu\""),
            org.assertj.core.groups.Tuple.tuple("config.drop", "0.5", null),
            org.assertj.core.groups.Tuple.tuple("config.layers[1]", "32", "16"));
    Environment env = Environment.capture();
    FingerprintDiff envOnly = base().environment(env).build()
        .diff(base().environment(env.with(Map.of(), Map.of("jvm.build", "0.0.1+1-not-this-jvm"))).build());
    assertThat(envOnly.sameId()).isTrue();
    assertThat(envOnly.changes()).hasSize(1);
    assertThat(env.with(Map.of(), Map.of("jvm.build", "x")).portableDigest()).isEqualTo(env.portableDigest());
    assertThat(env.with(Map.of(), Map.of("jvm.build", "x")).strictDigest()).isNotEqualTo(env.strictDigest());
  }

  @Test
  void jsonRoundTripsExactlyAndTamperingIsDetected() {
    Fingerprint fp = base().data("eval", Digest.sha256("e"), "penguins@3").seed("shuffle", -7)
        .environment(Environment.capture()).build();
    Fingerprint back = Fingerprint.parse(fp.toJson());
    assertThat(back).isEqualTo(fp);
    assertThat(back.id()).isEqualTo(fp.id());
    assertThat(back.toJson()).isEqualTo(fp.toJson());
    assertThat(back.data().get("eval").label()).isEqualTo("penguins@3");

    assertThatThrownBy(() -> Fingerprint.parse(fp.toJson().replace("\"lr\":0.1", "\"lr\":0.2")))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("id mismatch");
    String jvm = (String) fp.environment().orElseThrow().strict().get("jvm.version");
    assertThatThrownBy(() -> Fingerprint.parse(fp.toJson().replace("\"jvm.version\":\"" + jvm + "\"",
        "\"jvm.version\":\"1.0\""))).isInstanceOf(CorruptedDataException.class);
    assertThatThrownBy(() -> Fingerprint.parse("{\"format\":\"other\"}")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void environmentHasAPortableAndAStrictPart() {
    Environment env = Environment.capture();
    assertThat(env.portable()).containsKeys("java.specification", "library", "os.family", "classpath");
    assertThat(env.strict()).containsKeys("jvm.vendor", "jvm.version", "jvm.build", "os.arch", "processors",
        "locale", "timezone", "charset");
    assertThat(env.portable().get("java.specification")).isEqualTo(System.getProperty("java.specification.version"));
    assertThat(((Map<?, ?>) env.portable().get("classpath")).keySet()).isNotEmpty()
        .anyMatch(name -> name.toString().startsWith("assertj-core-"));
    assertThat(Environment.capture()).isEqualTo(env);
  }

  @Test
  void dataFromFilesDirectoriesAndDigestsAgreeByContent(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("train.csv"), "a,b\n1,2\n");
    Fingerprint byFile = base().data("train", file).build();
    assertThat(byFile.data().get("train").digest()).isEqualTo(Digest.sha256("a,b\n1,2\n"));
    assertThat(byFile.data().get("train").kind()).isEqualTo("file");
    assertThat(base().data("train", Digest.sha256("a,b\n1,2\n").toString()).build().id()).isEqualTo(byFile.id());

    Path d1 = Files.createDirectories(dir.resolve("one/data"));
    Path d2 = Files.createDirectories(dir.resolve("two/elsewhere/data"));
    Files.writeString(d1.resolve("x.csv"), "1");
    Files.writeString(d2.resolve("x.csv"), "1");
    assertThat(base().data("train", d1).build().id()).isEqualTo(base().data("train", d2).build().id());
    Files.writeString(d2.resolve("y.csv"), "2");
    assertThat(base().data("train", d1).build().id()).isNotEqualTo(base().data("train", d2).build().id());

    assertThatThrownBy(() -> base().data("train", dir.resolve("missing"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> base().data("train\u0000", file)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> base().data("t".repeat(251), file)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> base().seed("", 1)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void anIoErrorWhileHashingFailsTheFingerprint() {
    // /proc/self/mem is a regular file whose first read fails with EIO: a real I/O error.
    Path failing = Path.of("/proc/self/mem");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(failing), "needs Linux /proc");
    assertThatThrownBy(() -> base().data("train", failing))
        .isInstanceOf(dev.mlops.core.StorageException.class).hasMessageContaining("cannot hash");
  }

  @Test
  void recheckSaysWhatChangedInTheRecordedInputs(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("rows.csv"), "1\n2\n");
    Fingerprint fp = base().data("train", data).environment(Environment.capture()).build();
    assertThat(fp.recheck().sameId()).isTrue();
    assertThat(fp.recheck().isEmpty()).isTrue();
    assertThat(Fingerprint.parse(fp.toJson()).recheck().isEmpty()).isTrue();

    Files.writeString(data.resolve("rows.csv"), "1\n2\n3\n");
    FingerprintDiff diff = fp.recheck();
    assertThat(diff.sameId()).isFalse();
    assertThat(diff.changes()).extracting(FingerprintChange::path).containsExactly("data.train");
    assertThat(diff.explain()).startsWith("same code, config and seeds; data.train sha256:");

    Files.delete(data.resolve("rows.csv"));
    Files.delete(data);
    assertThatThrownBy(fp::recheck).isInstanceOf(NotFoundException.class).hasMessageContaining("data.train");
  }

  @Test
  void gitWorkingTreesAreIdentifiedByCommitAndUncommittedContent(@TempDir Path dir) throws Exception {
    Path repo = GitRepos.create(dir.resolve("repo"));
    CodeVersion clean = CodeVersion.fromGit(repo);
    assertThat(clean.commit()).get().asString().matches("[0-9a-f]{40}");
    assertThat(clean.branch()).contains("main");
    assertThat(clean.dirty()).isFalse();

    // An ignored file changes nothing; an untracked one does; so does an edit of a tracked file.
    Files.writeString(repo.resolve("run.log"), "noise");
    assertThat(CodeVersion.fromGit(repo).identity()).isEqualTo(clean.identity());
    Files.writeString(repo.resolve("notes.txt"), "v1");
    CodeVersion untracked = CodeVersion.fromGit(repo);
    assertThat(untracked.dirty()).isTrue();
    Files.writeString(repo.resolve("notes.txt"), "v2");
    CodeVersion untracked2 = CodeVersion.fromGit(repo);
    assertThat(untracked2.changes()).isNotEqualTo(untracked.changes());
    Files.delete(repo.resolve("notes.txt"));
    Files.writeString(repo.resolve("train.py"), "print('changed')\n");
    CodeVersion edited = CodeVersion.fromGit(repo);
    assertThat(edited.dirty()).isTrue();
    assertThat(edited.changes()).isNotEqualTo(untracked.changes()).isNotEqualTo(clean.changes());
    Files.writeString(repo.resolve("train.py"), "print('train')\n");
    assertThat(CodeVersion.fromGit(repo).identity()).isEqualTo(clean.identity());

    // A clone elsewhere, on another branch, from a subdirectory: same code, same id.
    Path clone = dir.resolve("clone");
    GitRepos.git(dir, "clone", "-q", repo.toString(), clone.toString());
    GitRepos.git(clone, "checkout", "-q", "-b", "feature");
    Files.createDirectories(clone.resolve("sub"));
    Files.writeString(clone.resolve(".git/info/exclude"), "sub/\n");
    Fingerprint here = base().code(repo).build();
    Fingerprint there = base().code(clone.resolve("sub")).build();
    assertThat(there.id()).isEqualTo(here.id());
    assertThat(here.diff(there).explain()).isEqualTo("same code, data, config and seeds; code.branch main -> feature;"
        + " code.workTree " + repo.toRealPath() + " -> " + clone.toRealPath());

    assertThatThrownBy(() -> CodeVersion.fromGit(dir)).isInstanceOf(InvalidInputException.class);
    Fingerprint dirty = base().code(repo).build();
    Files.writeString(repo.resolve("train.py"), "print('edited again')\n");
    FingerprintDiff recheck = dirty.recheck();
    assertThat(recheck.changes(Component.CODE)).extracting(FingerprintChange::path)
        .containsExactly("code.changes", "code.dirty");
  }
}
