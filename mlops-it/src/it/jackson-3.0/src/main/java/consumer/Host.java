package consumer;

import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.cfg.PackageVersion;
import tools.jackson.databind.json.JsonMapper;

/** The host uses Jackson 3 at another version than mlops was built with, and checks dependency convergence. */
final class Host {
  private Host() {}

  public static void main(String[] args) throws Exception {
    ConsumerSteps.run(Path.of(args[0]), Path.of(args[1]), check());
  }

  static String check() {
    ConsumerSteps.require(PackageVersion.VERSION.toString().equals("3.0.0"),
        "the host's jackson-databind is 3.0.0: " + PackageVersion.VERSION);
    String json = JsonMapper.builder().build().writeValueAsString(Map.of("host", "jackson 3.0"));
    ConsumerSteps.require(json.equals("{\"host\":\"jackson 3.0\"}"), "the host's Jackson writes JSON: " + json);
    return "the host's jackson-databind " + PackageVersion.VERSION;
  }
}
