package consumer;

import java.nio.file.Path;

/** The host has no Jackson at all, and mlops must not bring one onto its class path. */
final class Host {
  private Host() {}

  public static void main(String[] args) throws Exception {
    ConsumerSteps.run(Path.of(args[0]), Path.of(args[1]), check());
  }

  static String check() {
    for (String name : new String[] {"tools.jackson.databind.ObjectMapper", "tools.jackson.core.JsonParser",
        "com.fasterxml.jackson.annotation.JsonProperty", "com.fasterxml.jackson.databind.ObjectMapper"}) {
      try {
        Class.forName(name, false, Host.class.getClassLoader());
        ConsumerSteps.require(false, "no Jackson on the host's class path, but " + name + " is there");
      } catch (ClassNotFoundException expected) {
        // as it should be
      }
    }
    return "no Jackson on the class path";
  }
}
