package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.internal.storage.StorageProviders;
import dev.mlops.core.internal.storage.mem.InMemoryStorageProvider;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StorageProvider;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.OutputCollector;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opening stores from URIs: the schemes, the embedded default, errors that say what would fix them. */
class MlopsStoreTest {
  @TempDir Path dir;

  private static void roundTrip(MlopsStore store) {
    assertThat(store.storage().records().create("k", "v".getBytes(UTF_8))).isTrue();
    assertThat(store.storage().records().get("k").orElseThrow().value()).isEqualTo("v".getBytes(UTF_8));
  }

  @Test
  void memOpensAFreshEmptyStoreEachTime() {
    try (MlopsStore a = MlopsStore.open("mem:"); MlopsStore b = MlopsStore.open("mem:")) {
      roundTrip(a);
      assertThat(b.storage().records().list("")).isEmpty();
      assertThat(a.describe()).isEqualTo("mem:");
    }
  }

  @Test
  void fileUrisInEveryFormOpenTheSameDirectory() {
    Path root = dir.resolve("store").toAbsolutePath();
    try (MlopsStore store = MlopsStore.open("file:" + root)) {
      roundTrip(store);
      assertThat(store.describe()).isEqualTo("file:" + root);
    }
    for (String uri : List.of("file://" + root, "file://localhost" + root, "file:" + root + "?lockTimeout=PT5S",
        "file:" + root + "?lockTimeout=5000")) {
      try (MlopsStore store = MlopsStore.open(uri)) {
        assertThat(store.storage().records().get("k")).as(uri).isPresent();
      }
    }
    assertThat(root.resolve("mlops-store.json")).exists();
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3:bucket", "nope:", "jdbc:postgresql://db/mlops", "FTP:/x"})
  void anUnknownSchemeListsTheAvailableOnes(String uri) {
    String scheme = uri.substring(0, uri.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
    assertThatThrownBy(() -> MlopsStore.open(uri)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'" + scheme + "'").hasMessageContaining("file: (")
        .hasMessageContaining("mem: (").hasMessageContaining(uri);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tmp/x", "relative/dir", "", ":x", "1abc:/x"})
  void aMissingSchemeListsTheAvailableOnes(String uri) {
    assertThatThrownBy(() -> MlopsStore.open(uri)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no scheme").hasMessageContaining("file, mem");
  }

  @Test
  void badOptionsAndPathsAreConfigurationErrors() {
    Path root = dir.resolve("store").toAbsolutePath();
    assertThatThrownBy(() -> MlopsStore.open("file:" + root + "?bogus=1")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'bogus'").hasMessageContaining("lockTimeout");
    assertThatThrownBy(() -> MlopsStore.open("file:" + root + "?lockTimeout=soon"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("PT30S");
    assertThatThrownBy(() -> MlopsStore.open("file:" + root + "?lockTimeout=-PT1S"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> MlopsStore.open("file://otherhost/x")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("otherhost");
    assertThatThrownBy(() -> MlopsStore.open("file:")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no path");
    assertThatThrownBy(() -> MlopsStore.open("mem:?size=3")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'mem:'");
    assertThatThrownBy(() -> MlopsStore.open("mem:/data")).isInstanceOf(ConfigurationException.class);
    assertThat(root).doesNotExist();
  }

  @Test
  void aStorePathUnderAFileSaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("penguins.csv"), "not a directory");

    assertThatThrownBy(() -> MlopsStore.open("file:" + file.toAbsolutePath() + "/sub/store"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("is under a file, not a directory")
        .hasMessageContaining(file.toAbsolutePath().toString());
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @Test
  void theDefaultStoreIsDotMlopsUnderTheWorkingDirectory() throws Exception {
    assertThat(MlopsStore.DEFAULT_URI).isEqualTo("file:.mlops");
    Path stderr = dir.resolve("stderr.txt");
    Process child = ChildJvm.start(DefaultStoreMain.class, dir, stderr);
    OutputCollector out = OutputCollector.of(child);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("stderr: %s", ChildJvm.errors(stderr)).isZero();
    Path real = dir.toRealPath();
    assertThat(out.finish()).containsExactly("file:" + real.resolve(".mlops"), "file:" + real.resolve("rel/store"));
    assertThat(real.resolve(".mlops/mlops-store.json")).exists();
    assertThat(real.resolve(".mlops/records/default.rec")).exists();
    assertThat(real.resolve("rel/store/mlops-store.json")).exists();
  }

  @Test
  void closingTwiceIsFineAndUseAfterCloseFails() {
    MlopsStore store = MlopsStore.open("file:" + dir.resolve("s").toAbsolutePath());
    store.close();
    store.close();
    assertThat(store.isClosed()).isTrue();
    assertThatThrownBy(store::storage).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    MlopsStore wrapped = MlopsStore.open(InMemoryStorage.create());
    wrapped.close();
    wrapped.close();
  }

  @Test
  void theBuiltInSchemesAreAvailable() {
    assertThat(MlopsStore.availableSchemes()).containsExactly("file", "mem");
  }

  /** The base of the test providers: an in-memory store under scheme {@code test}. */
  public abstract static class TestProvider implements StorageProvider {
    @Override
    public String scheme() {
      return "test";
    }

    @Override
    public Storage open(StorageLocation location) {
      return InMemoryStorage.create();
    }
  }

  /** A provider whose scheme() throws. */
  public static final class ThrowingSchemeProvider extends TestProvider {
    @Override
    public String scheme() {
      throw new IllegalStateException("boom");
    }
  }

  /** A provider whose scheme is null, as a careless plugin might return. */
  public static final class NullSchemeProvider extends TestProvider {
    @SuppressWarnings("NullAway")
    @Override
    public String scheme() {
      return null;
    }
  }

  /** A provider whose priority throws. */
  public static final class ThrowingPriorityProvider extends TestProvider {
    @Override
    public String scheme() {
      return "prio";
    }

    @Override
    public int priority() {
      throw new IllegalStateException("no priority");
    }
  }

  /** A provider that cannot even be constructed. */
  public static final class UnconstructibleProvider extends TestProvider {
    public UnconstructibleProvider() {
      throw new IllegalStateException("cannot start");
    }
  }

  /** A working provider for a scheme of its own, with a higher priority than the built-in one. */
  public static final class ShadowMemProvider extends TestProvider {
    @Override
    public String scheme() {
      return "mem";
    }

    @Override
    public int priority() {
      return 10;
    }

    @Override
    public String description() {
      return "shadow";
    }
  }

  @Test
  void aBrokenProviderDoesNotHideTheOthers() {
    StorageProviders providers = StorageProviders.of(List.of(new ThrowingSchemeProvider(), new NullSchemeProvider(),
        new ThrowingPriorityProvider(), new InMemoryStorageProvider()), List.of("earlier failure"));
    assertThat(providers.schemes()).containsExactly("mem");
    try (Storage s = providers.open(StorageLocation.parse("mem:"))) {
      assertThat(s.describe()).isEqualTo("mem:");
    }
    assertThatThrownBy(() -> providers.open(StorageLocation.parse("x:"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("mem: (").hasMessageContaining("earlier failure").hasMessageContaining("boom")
        .hasMessageContaining("NullSchemeProvider").hasMessageContaining("no priority");
  }

  @Test
  void theHigherPriorityWinsAScheme() {
    StorageProviders providers = StorageProviders.of(List.of(new InMemoryStorageProvider(), new ShadowMemProvider()),
        List.of());
    assertThatThrownBy(() -> providers.open(StorageLocation.parse("x:"))).hasMessageContaining("mem: (shadow)");
  }

  @Test
  void discoverySurvivesAServiceFileNamingMissingOrBrokenClasses() throws IOException {
    Path services = dir.resolve("plugin/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(StorageProvider.class.getName()), String.join("\n",
        "com.example.MissingProvider", UnconstructibleProvider.class.getName(),
        ThrowingSchemeProvider.class.getName(), "# a comment", ""));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("plugin").toUri().toURL()},
        MlopsStoreTest.class.getClassLoader())) {
      StorageProviders providers = StorageProviders.discover(loader);
      assertThat(providers.schemes()).containsExactly("file", "mem");
      assertThatThrownBy(() -> providers.open(StorageLocation.parse("s3:bucket")))
          .hasMessageContaining("com.example.MissingProvider").hasMessageContaining("UnconstructibleProvider")
          .hasMessageContaining("boom");
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try (MlopsStore store = MlopsStore.open("mem:")) {
        assertThat(store.describe()).isEqualTo("mem:");
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
  }

  @Test
  void theLockTimeoutOptionIsParsed() {
    StorageLocation l = StorageLocation.parse("file:/x?lockTimeout=PT2S&b=%20c");
    assertThat(l.durationOption("lockTimeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThat(l.option("b")).hasValue(" c");
    assertThat(l.path()).isEqualTo("/x");
    assertThat(l.durationOption("missing", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
  }
}
