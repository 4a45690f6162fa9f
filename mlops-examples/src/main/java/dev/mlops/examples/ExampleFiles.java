package dev.mlops.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The examples' working files: a temporary directory holding a copy of the bundled penguins data set,
 * deleted again when the example ends, so running an example leaves nothing behind but its store.
 */
public final class ExampleFiles {
  /** The bundled data set's file name, inside the classpath folder {@code /datasets}. */
  static final String PENGUINS = "penguins.json";

  private ExampleFiles() {}

  /**
   * Reads the bundled penguins data set. The text is returned rather than a parsed tree so that no
   * Jackson type shows in the examples' public API: each example parses it with its own mapper.
   *
   * @return its rows, a JSON array of objects
   * @throws UncheckedIOException if the data set is missing from the classpath or cannot be read
   */
  public static String penguinJson() {
    try (InputStream in = ExampleFiles.class.getResourceAsStream("/datasets/" + PENGUINS)) {
      if (in == null) {
        throw new IOException("the penguins data set /datasets/" + PENGUINS + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the example data set: " + e.getMessage(), e);
    }
  }

  /**
   * Creates a temporary directory and copies the penguins data set into it as {@value #PENGUINS}.
   *
   * @param prefix the directory name's prefix, naming the example
   * @return the new directory; delete it with {@link #deleteQuietly(Path)}
   * @throws UncheckedIOException if the directory cannot be written or the data set is missing from the
   *     classpath
   */
  static Path copyPenguins(String prefix) {
    Path dir = null;
    try (InputStream in = ExampleFiles.class.getResourceAsStream("/datasets/" + PENGUINS)) {
      if (in == null) {
        throw new IOException("the penguins data set /datasets/" + PENGUINS + " is missing from the classpath");
      }
      dir = Files.createTempDirectory(prefix);
      Files.copy(in, dir.resolve(PENGUINS));
      return dir;
    } catch (IOException e) {
      if (dir != null) {
        deleteQuietly(dir);
      }
      throw new UncheckedIOException("cannot copy the example data set: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes a directory tree, ignoring what cannot be deleted: a leftover temporary file is harmless.
   *
   * @param dir the directory
   */
  static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // what is left lies in the temporary directory, which the system cleans
    }
  }
}
