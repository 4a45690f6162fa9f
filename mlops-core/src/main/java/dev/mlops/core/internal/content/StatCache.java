package dev.mlops.core.internal.content;

import dev.mlops.core.hash.Digest;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>The cache holds at most its maximum number of entries: a put that finds it full first drops an
 * arbitrary tenth of them. That is cruder than least-recently-used eviction, and chosen because a put
 * into a bounded Caffeine cache (its frequency sketch and maintenance) cost about as much as hashing a
 * 4 KiB file; dropped entries only mean files are hashed again.
 *
 * <p>Thread-safe: the state is a {@link ConcurrentHashMap}. {@link #shared()} is the process-wide
 * instance.
 */
public final class StatCache {
  /** How long after its last modification a file's stat data is trusted to identify its content. */
  public static final Duration RACY_WINDOW = Duration.ofSeconds(2);

  private static final StatCache SHARED = new StatCache(1_000_000, Clock.systemUTC());

  private final ConcurrentHashMap<Key, Recorded> cache = new ConcurrentHashMap<>();
  private final long maximumEntries;
  private final Clock clock;

  /**
   * Creates a cache.
   *
   * @param maximumEntries the most entries kept (a put into a full cache drops a tenth of them)
   * @param clock where the recording time comes from
   * @throws IllegalArgumentException if {@code maximumEntries} is less than 1
   */
  public StatCache(long maximumEntries, Clock clock) {
    if (maximumEntries < 1) {
      throw new IllegalArgumentException("maximumEntries must be at least 1: " + maximumEntries);
    }
    this.maximumEntries = maximumEntries;
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
    Recorded r = cache.get(key);
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
    if (cache.size() >= maximumEntries && !cache.containsKey(key)) {
      long drop = Math.max(1, maximumEntries / 10);
      for (Iterator<Key> it = cache.keySet().iterator(); it.hasNext() && drop > 0; drop--) {
        it.next();
        it.remove();
      }
    }
    cache.put(key, new Recorded(digest, statTimeMillis));
  }

  /**
   * Returns how many entries the cache holds.
   *
   * @return the number of entries, at most the maximum
   */
  public int size() {
    return cache.size();
  }

  /** Forgets every entry. */
  public void clear() {
    cache.clear();
  }
}
