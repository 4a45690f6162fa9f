package dev.mlops.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Tracker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request a starting UI sends itself passes its own checks wherever it listens, token or not. */
class UiServerWarmUpTest {
  static MlopsStore store;
  static Tracker tracker;

  @BeforeAll
  static void open() {
    store = MlopsStore.open("mem:");
    tracker = Tracker.on(store);
  }

  @AfterAll
  static void close() {
    tracker.close();
    store.close();
  }

  @Test
  void answersOnIpv4Loopback() throws IOException {
    assertThat(warmUp("127.0.0.1", null)).isTrue();
  }

  @Test
  void answersOnLoopbackWithAToken() throws IOException {
    assertThat(warmUp("127.0.0.1", "0123456789abcdef-token")).isTrue();
  }

  @Test
  void answersOnEveryInterfaceWithAToken() throws IOException {
    assertThat(warmUp("0.0.0.0", "0123456789abcdef-token")).isTrue();
  }

  @Test
  void answersOnIpv6Loopback() throws IOException {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      assumeTrue(probe.isBound());
    } catch (IOException e) {
      abort("this machine has no IPv6 loopback: " + e); // the other interfaces are tested above
    }
    assertThat(warmUp("::1", null)).isTrue();
  }

  private static boolean warmUp(String address, @Nullable String token) throws IOException {
    UiServer server = UiServer.start(new InetSocketAddress(InetAddress.getByName(address), 0), new RunViews(tracker),
        new ArtifactViews(store.artifacts()), token);
    try {
      return server.warmUp();
    } finally {
      server.stop();
    }
  }
}
