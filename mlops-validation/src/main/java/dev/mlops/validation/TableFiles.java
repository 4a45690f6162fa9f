package dev.mlops.validation;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes a table's text to a file atomically: into a temporary file beside the target, synced, then moved over
 * it, so a failure leaves an existing file as it was. Stateless and thread-safe.
 */
final class TableFiles {
  /** Writes text to a {@link Writer}; may throw the writer's {@link IOException}. */
  interface TextWriter {
    void writeTo(Writer w) throws IOException;
  }

  private TableFiles() {}

  static void write(Path path, TextWriter body) {
    Objects.requireNonNull(path, "path");
    Path target = path.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          Writer w = new BufferedWriter(new OutputStreamWriter(java.nio.channels.Channels.newOutputStream(ch),
              StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
        body.writeTo(w);
        w.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("cannot write " + path + ": a string holds an unpaired surrogate, which "
          + "UTF-8 cannot encode", e);
    } catch (IOException e) {
      throw new StorageException("cannot write " + path + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the temporary file is left behind; the target is untouched either way
        }
      }
    }
  }
}
