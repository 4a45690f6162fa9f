package dev.mlops.core.fingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Creates throw-away git repositories for tests by running the real git command. */
final class GitRepos {
  private GitRepos() {}

  static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c",
        "user.email=test@example.org", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed: " + out);
    }
  }

  /** A repository with one commit holding {@code train.py} and a {@code .gitignore} for {@code *.log}. */
  static Path create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    git(dir, "init", "-q");
    Files.writeString(dir.resolve("train.py"), "print('train')\n");
    Files.writeString(dir.resolve(".gitignore"), "*.log\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "first");
    return dir;
  }
}
