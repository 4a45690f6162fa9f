package dev.mlops.core.internal.storage.file;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StorageProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens {@code file:} URIs: {@code file:/abs/dir}, {@code file:///abs/dir}, {@code file:relative/dir}.
 * Option {@code lockTimeout} (ISO-8601 or milliseconds) sets how long writers wait for a lock.
 */
public final class FileStorageProvider implements StorageProvider {
  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public String description() {
    return "embedded file store, the default (mlops-core)";
  }

  @Override
  public Storage open(StorageLocation location) {
    String path = location.path();
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      String authority = slash < 0 ? path.substring(2) : path.substring(2, slash);
      if (!authority.isEmpty() && !authority.equals("localhost")) {
        throw new ConfigurationException("file store URI '" + location.uri() + "' names host '" + authority
            + "'; only local paths are supported (file:/path or file:///path)");
      }
      path = slash < 0 ? "/" : path.substring(slash);
    }
    if (path.isEmpty()) {
      throw new ConfigurationException("file store URI '" + location.uri() + "' has no path; write file:/path/to/store");
    }
    Path root;
    try {
      root = Path.of(path);
    } catch (InvalidPathException e) {
      throw new ConfigurationException("file store URI '" + location.uri() + "' has an invalid path: " + e.getMessage(), e);
    }
    for (String option : location.options().keySet()) {
      if (!option.equals("lockTimeout")) {
        throw new ConfigurationException("unknown option '" + option + "' in file store URI '" + location.uri()
            + "'; the file store knows: lockTimeout");
      }
    }
    return FileStorageBackend.open(root,
        location.durationOption("lockTimeout", FileStorageBackend.DEFAULT_LOCK_TIMEOUT), Clock.systemUTC());
  }
}
