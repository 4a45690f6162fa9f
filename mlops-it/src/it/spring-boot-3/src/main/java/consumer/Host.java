package consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.nio.file.Path;
import java.util.Map;

/** The host takes Jackson 2 at the version Spring Boot 3's dependency management picks, and uses it. */
final class Host {
  private Host() {}

  public static void main(String[] args) throws Exception {
    ConsumerSteps.run(Path.of(args[0]), Path.of(args[1]), check());
  }

  static String check() throws Exception {
    ConsumerSteps.require(PackageVersion.VERSION.getMajorVersion() == 2,
        "the host's jackson-databind is a 2.x: " + PackageVersion.VERSION);
    String json = new ObjectMapper().writeValueAsString(Map.of("host", "spring boot"));
    ConsumerSteps.require(json.equals("{\"host\":\"spring boot\"}"), "the host's Jackson writes JSON: " + json);
    return "Spring Boot's jackson-databind " + PackageVersion.VERSION;
  }
}
