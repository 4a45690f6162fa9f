package dev.mlops.core.internal.fingerprint;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.content.DirectoryHasher;
import dev.mlops.core.internal.content.RelativePaths;
import dev.mlops.core.json.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads the state of a git working tree by running the {@code git} command: the commit of {@code HEAD},
 * the branch, and the uncommitted changes (tracked files that differ from {@code HEAD}, staged or not, and
 * untracked files that git does not ignore).
 *
 * <p>The changes digest does not depend on git's diff format: it is the canonical digest (tag
 * {@value #CHANGES_TAG}) of a map from each changed path (relative to the top of the working tree, with
 * {@code /} separators) to the SHA-256 of its current content, or null for a deleted file. Git runs with
 * user configuration that could change its output (path quoting, external diff) switched off. Stateless
 * and thread-safe; each call starts its own processes.
 */
public final class GitWorkTree {
  /** The domain tag of the uncommitted-changes digest. */
  public static final String CHANGES_TAG = "mlops.code.changes.v1";

  private static final long TIMEOUT_SECONDS = 60;

  private GitWorkTree() {}

  /**
   * The state of a working tree.
   *
   * @param root the absolute top-level directory of the working tree
   * @param commit the full object name of {@code HEAD}
   * @param branch the current branch, or null when {@code HEAD} is detached
   * @param dirty whether any tracked file differs from {@code HEAD} or any untracked file is not ignored
   * @param changes the digest of the uncommitted changes (the digest of an empty map when clean)
   */
  public record State(Path root, String commit, @Nullable String branch, boolean dirty, Digest changes) {}

  /**
   * Reads a working tree.
   *
   * @param dir the working tree or any directory inside it
   * @return its state
   * @throws InvalidInputException if {@code dir} is not inside a git working tree or it has no commit yet
   * @throws ConfigurationException if the {@code git} command cannot be run
   * @throws StorageException if a changed file cannot be read
   */
  public static State read(Path dir) {
    Path start = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(start)) {
      throw new InvalidInputException("not a directory: " + dir);
    }
    Path root = Path.of(text(run(start, "rev-parse", "--show-toplevel"), start).trim());
    String commit = text(run(root, "rev-parse", "--verify", "HEAD^{commit}"), root).trim();
    String branch = text(run(root, "rev-parse", "--abbrev-ref", "HEAD"), root).trim();
    Map<String, @Nullable String> changes = new TreeMap<>();
    for (String path : nulSeparated(run(root, "diff", "HEAD", "--name-only", "--no-renames", "-z"))) {
      changes.put(path, contentDigest(root, path));
    }
    for (String path : nulSeparated(run(root, "ls-files", "--others", "--exclude-standard", "-z"))) {
      changes.put(path, contentDigest(root, path));
    }
    return new State(root, commit, branch.equals("HEAD") ? null : branch, !changes.isEmpty(),
        CanonicalJson.digest(CHANGES_TAG, changes));
  }

  private static @Nullable String contentDigest(Path root, String path) {
    Path file = RelativePaths.resolve(root, path);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    if (Files.isSymbolicLink(file)) {
      try {
        return Digest.sha256("symlink:" + Files.readSymbolicLink(file).toString().replace('\\', '/'))
            .toString();
      } catch (IOException e) {
        throw new StorageException("cannot read link " + file + ": " + e, e);
      }
    }
    if (Files.isDirectory(file)) {
      return DirectoryHasher.shared().hashDirectory(file).digest().toString();
    }
    return DirectoryHasher.shared().hashFile(file).digest().toString();
  }

  private static List<String> nulSeparated(byte[] output) {
    List<String> items = new ArrayList<>();
    for (String s : new String(output, StandardCharsets.UTF_8).split("\0")) {
      if (!s.isEmpty()) {
        items.add(s);
      }
    }
    return items;
  }

  private static String text(byte[] output, Path where) {
    String s = new String(output, StandardCharsets.UTF_8);
    if (s.isBlank()) {
      throw new InvalidInputException("git printed nothing in " + where);
    }
    return s;
  }

  private static byte[] run(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=false",
        "-c", "diff.external=", "-c", "color.ui=false", "-c", "core.fsmonitor=false"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("LC_ALL", "C");
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().remove("GIT_DIR");
    pb.environment().remove("GIT_WORK_TREE");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot run git to fingerprint the code in " + dir + " (is git installed and on the PATH?): "
              + e.getMessage(), e);
    }
    try {
      p.getOutputStream().close();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = new Thread(() -> drain(p.getErrorStream(), err), "git-stderr");
      errReader.setDaemon(true);
      errReader.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new StorageException("git " + String.join(" ", args) + " did not finish in " + dir);
      }
      errReader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      if (p.exitValue() != 0) {
        String message = err.toString(StandardCharsets.UTF_8).trim();
        throw new InvalidInputException(
            "git " + String.join(" ", args) + " failed in " + dir + " (exit " + p.exitValue() + "): "
                + (message.isEmpty() ? "no message" : message)
                + "; code(Path) needs a git working tree with at least one commit");
      }
      return out;
    } catch (IOException e) {
      throw new StorageException("cannot read the output of git in " + dir + ": " + e, e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while running git in " + dir, e);
    }
  }

  private static void drain(InputStream in, ByteArrayOutputStream sink) {
    try {
      in.transferTo(sink);
    } catch (IOException e) {
      // The process is gone; its exit code reports the failure.
    }
  }
}
