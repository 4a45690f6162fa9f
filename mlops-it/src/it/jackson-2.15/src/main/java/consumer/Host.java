package consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.nio.file.Path;
import java.util.Map;

/** The host pins jackson-databind 2.15.2, as Spark 3.5 does, and uses it. */
final class Host {
  private Host() {}

  public static void main(String[] args) throws Exception {
    ConsumerSteps.run(Path.of(args[0]), Path.of(args[1]), check());
  }

  static String check() throws Exception {
    ConsumerSteps.require(PackageVersion.VERSION.toString().equals("2.15.2"),
        "the host's jackson-databind is 2.15.2: " + PackageVersion.VERSION);
    String json = new ObjectMapper().writeValueAsString(Map.of("host", "jackson 2.15"));
    ConsumerSteps.require(json.equals("{\"host\":\"jackson 2.15\"}"), "the host's Jackson writes JSON: " + json);
    return "the host's jackson-databind " + PackageVersion.VERSION;
  }
}
