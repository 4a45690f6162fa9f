package dev.mlops.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Tracker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * A starting UI asks the JDK's server for {@code TCP_NODELAY} (without it each answer waits about 40 ms for the
 * client's delayed acknowledgement), and keeps a host's own choice.
 */
class UiServerNoDelayTest {

  @Test
  void asksForNoDelayUnlessTheHostChose() throws IOException {
    String before = System.getProperty(UiServer.NO_DELAY_PROPERTY);
    try (MlopsStore store = MlopsStore.open("mem:"); Tracker tracker = Tracker.on(store)) {
      System.clearProperty(UiServer.NO_DELAY_PROPERTY);
      startAndStop(store, tracker);
      assertThat(System.getProperty(UiServer.NO_DELAY_PROPERTY)).isEqualTo("true");

      System.setProperty(UiServer.NO_DELAY_PROPERTY, "false");
      startAndStop(store, tracker);
      assertThat(System.getProperty(UiServer.NO_DELAY_PROPERTY)).isEqualTo("false");
    } finally {
      if (before == null) {
        System.clearProperty(UiServer.NO_DELAY_PROPERTY);
      } else {
        System.setProperty(UiServer.NO_DELAY_PROPERTY, before);
      }
    }
  }

  private static void startAndStop(MlopsStore store, Tracker tracker) throws IOException {
    UiServer server = UiServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new RunViews(tracker), new ArtifactViews(store.artifacts()), null);
    server.stop();
  }
}
