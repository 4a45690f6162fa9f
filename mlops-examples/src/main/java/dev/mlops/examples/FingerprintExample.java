package dev.mlops.examples;

import dev.mlops.core.fingerprint.Environment;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.core.fingerprint.FingerprintChange;
import dev.mlops.core.fingerprint.FingerprintDiff;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints a training setup (code version, the penguins data set, hyperparameters, seeds and the
 * environment), changes one hyperparameter, and prints what changed.
 *
 * <p>Run it with {@code mvn -B -q -DskipTests -Prun-example package
 * -Dexample.mainClass=dev.mlops.examples.FingerprintExample}, or call {@link #run(PrintStream)}.
 */
public final class FingerprintExample {
  private FingerprintExample() {}

  /**
   * Runs the example, printing to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the example.
   *
   * @param out where to print the two ids, the changes and the explanation
   * @return the difference between the two fingerprints
   * @throws UncheckedIOException if the example data cannot be copied to a temporary directory
   */
  public static FingerprintDiff run(PrintStream out) {
    Path data = ExampleFiles.copyPenguins("fingerprint-example");
    try {
      Map<String, Object> hyper = new LinkedHashMap<>();
      hyper.put("model", "logistic-regression");
      hyper.put("lr", 0.1);
      hyper.put("epochs", 20);
      hyper.put("features", List.of("bill_length_mm", "flipper_length_mm", "body_mass_g"));

      Fingerprint first = Fingerprint.builder()
          .code("penguin-trainer-1.0")
          .data("train", data)
          .config(hyper)
          .seed(42)
          .seed("shuffle", 7)
          .environment(Environment.capture())
          .build();

      hyper.put("lr", 0.01);
      Fingerprint second = first.toBuilder().config(hyper).build();

      FingerprintDiff diff = first.diff(second);
      out.println("first fingerprint:  " + first.id());
      out.println("second fingerprint: " + second.id());
      for (FingerprintChange change : diff.changes()) {
        out.println("changed " + change.path() + ": " + change.oldValue() + " -> " + change.newValue());
      }
      out.println("explanation: " + diff.explain());
      out.println("round trip through JSON keeps the id: "
          + Fingerprint.parse(first.toJson()).id().equals(first.id()));
      return diff;
    } finally {
      ExampleFiles.deleteQuietly(data);
    }
  }
}
