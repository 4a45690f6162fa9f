package dev.mlops.storage.jdbc.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks a password up in a PostgreSQL password file, as libpq does: lines of
 * {@code hostname:port:database:username:password}, {@code *} matching anything in the first four
 * fields, {@code \:} and {@code \\} escaping, {@code #} starting a comment; the first matching line wins.
 * Like libpq, a file that others may read is ignored (with a warning that names the file, never its
 * contents). Stateless.
 */
final class PgPassFile {
  private static final Logger LOG = LoggerFactory.getLogger(PgPassFile.class);

  private PgPassFile() {}

  static Optional<String> lookup(Path file, String host, String port, String database, String user) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warn("ignoring password file {}: group or others may read it (chmod 0600 it)", file);
        return Optional.empty();
      }
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: nothing to check
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("cannot read password file {}: {}", file, e.getClass().getSimpleName());
      return Optional.empty();
    }
    String[] wanted = {host, port, database, user};
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = split(line);
      if (fields.size() < 5) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < 4 && match; i++) {
        match = fields.get(i).equals("*") || fields.get(i).equals(wanted[i]);
      }
      if (match) {
        return Optional.of(fields.get(4));
      }
    }
    return Optional.empty();
  }

  /** Splits on unescaped colons; the fifth field takes the rest of the line. */
  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        current.append(line.charAt(++i));
      } else if (c == ':' && fields.size() < 4) {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields;
  }
}
