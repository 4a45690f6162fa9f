package dev.mlops.core.internal.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.core.hash.Digest;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the digests of files by their stat data, so an unchanged file is not hashed again.
 *
 * <p>A cache key is (absolute path, file key such as device and inode, size, last-modified time); any
 * change of one of them is a miss. A hit is trusted only if the entry was recorded at least
 * {@link #RACY_WINDOW} after the file's last-modified time: a file written within that window of being
 * hashed could be changed again without its time stamp moving (coarse time stamps, the "racily clean"
 * problem git describes), so such an entry is ignored and the file is hashed again. The window is two
 * seconds, the coarsest time stamp granularity in common use (FAT).
 *
 * <p>Thread-safe: the state is a Caffeine cache, which is safe for concurrent use. {@link #shared()} is
 * the process-wide instance.
 */
public final class StatCache {
  /** How long after its last modification a file's stat data is trusted to identify its content. */
  public static final Duration RACY_WINDOW = Duration.ofSeconds(2);

  private static final StatCache SHARED = new StatCache(1_000_000, Clock.systemUTC());

  private final Cache<Key, Recorded> cache;
  private final Clock clock;

  /**
   * Creates a cache.
   *
   * @param maximumEntries the most entries kept (least recently used ones are dropped)
   * @param clock where the recording time comes from
   */
  public StatCache(long maximumEntries, Clock clock) {
    this.cache = Caffeine.newBuilder().maximumSize(maximumEntries).build();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns the process-wide cache.
   *
   * @return the shared instance
   */
  public static StatCache shared() {
    return SHARED;
  }

  /**
   * The stat data that identify a file's content.
   *
   * @param path the absolute, normalized path
   * @param fileKey the file system's key for the file (device and inode on Unix), or {@code "-"} when the
   *     file system has none
   * @param size the size in bytes
   * @param lastModified the last-modified time
   */
  public record Key(Path path, Object fileKey, long size, FileTime lastModified) {
    /**
     * Builds a key.
     *
     * @param path the file's path; made absolute and normalized
     * @param fileKey the file key, or null when the file system has none
     * @param size the size
     * @param lastModified the modification time
     * @return the key
     */
    public static Key of(Path path, @Nullable Object fileKey, long size, FileTime lastModified) {
      return new Key(path.toAbsolutePath().normalize(), fileKey == null ? "-" : fileKey, size,
          lastModified);
    }
  }

  private record Recorded(Digest digest, long recordedAtMillis) {}

  /**
   * Returns the current time of this cache's clock; take it before reading a file and pass it to
   * {@link #put} so that a change during hashing is never recorded as clean.
   *
   * @return milliseconds since the epoch
   */
  public long now() {
    return clock.millis();
  }

  /**
   * Looks up a trusted digest.
   *
   * @param key the file's current stat data
   * @return the digest recorded for exactly that stat data, if it was recorded outside the racy window
   */
  public Optional<Digest> get(Key key) {
    Recorded r = cache.getIfPresent(key);
    if (r == null) {
      return Optional.empty();
    }
    long modified = key.lastModified().toMillis();
    if (r.recordedAtMillis() - modified < RACY_WINDOW.toMillis()) {
      return Optional.empty();
    }
    return Optional.of(r.digest());
  }

  /**
   * Records a digest.
   *
   * @param key the stat data read before hashing
   * @param digest the digest of the content
   * @param statTimeMillis {@link #now()} taken before the file was read
   */
  public void put(Key key, Digest digest, long statTimeMillis) {
    cache.put(key, new Recorded(digest, statTimeMillis));
  }

  /** Forgets every entry. */
  public void clear() {
    cache.invalidateAll();
  }
}
