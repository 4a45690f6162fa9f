package dev.mlops.storage.jdbc.internal;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Blobs as chunked rows: {@code mlops_blob_chunks} holds the bytes in chunks of {@value #CHUNK_BYTES}
 * bytes under a random content id, and {@code mlops_blobs} maps a digest to its content id, size and
 * last write time.
 *
 * <p>A put streams its input into chunk rows, hashing as it goes, and then, in the same transaction,
 * upserts the digest's row. Until that commit no reader can reach the chunks, so a failed or killed
 * upload leaves nothing visible. If the digest was already stored, the upsert only refreshes its time
 * and the new chunks are deleted before the commit. At most one chunk is in memory at a time.
 *
 * <p>A read fetches one chunk per query (holding no connection between chunks), hashes the bytes as it
 * hands them out and, at the end, throws {@link dev.mlops.core.CorruptedDataException} instead of
 * reporting end of input if a chunk is missing or the bytes do not hash to the digest. Thread-safe.
 */
final class JdbcBlobStore implements BlobStore {
  /** The size of one chunk row. */
  static final int CHUNK_BYTES = 1 << 20;

  private final Database db;
  private final Clock clock;

  JdbcBlobStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public BlobInfo put(InputStream content) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    long contentId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    try {
      return db.write("storing a blob", c -> {
        MessageDigest sha = Digest.newSha256();
        long size = 0;
        byte[] chunk = new byte[CHUNK_BYTES];
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO mlops_blob_chunks (content_id, chunk_index, data) VALUES (?, ?, ?)")) {
          for (int index = 0; ; index++) {
            int n = readFully(content, chunk);
            if (n == 0) {
              break;
            }
            sha.update(chunk, 0, n);
            size += n;
            ps.setLong(1, contentId);
            ps.setInt(2, index);
            ps.setBytes(3, n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
            ps.executeUpdate();
            if (n < chunk.length) {
              break;
            }
          }
        }
        Digest digest = Digest.finish(sha);
        long storedId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mlops_blobs (digest, content_id, size, last_written)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (digest) DO UPDATE SET last_written = excluded.last_written"
            + " RETURNING content_id")) {
          ps.setString(1, digest.toString());
          ps.setLong(2, contentId);
          ps.setLong(3, size);
          ps.setLong(4, micros(now));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            storedId = rs.getLong(1);
          }
        }
        if (storedId != contentId) {
          deleteChunks(c, contentId);
        }
        return new BlobInfo(digest, size, now);
      });
    } catch (UncheckedIOException e) {
      throw new StorageException("storing a blob in " + db.description() + " failed while reading its input;"
          + " nothing was stored: " + e.getCause(), e.getCause());
    }
  }

  private static int readFully(InputStream in, byte[] buffer) {
    try {
      return in.readNBytes(buffer, 0, buffer.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteChunks(Connection c, long contentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_blob_chunks WHERE content_id = ?")) {
      ps.setLong(1, contentId);
      ps.executeUpdate();
    }
  }

  @Override
  public InputStream open(Digest digest) {
    Located where = db.read("opening blob " + digest, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT content_id, size FROM mlops_blobs WHERE digest = ?")) {
        ps.setString(1, digest.toString());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new Located(rs.getLong(1), rs.getLong(2)) : null;
        }
      }
    });
    if (where == null) {
      throw new NotFoundException("blob " + digest + " is not stored in " + db.description());
    }
    return new ChunkedBlobInputStream(db, digest, where.contentId, where.size);
  }

  /** Where a blob's chunks are and how many bytes they must hold. */
  private record Located(long contentId, long size) {}

  @Override
  public Optional<BlobInfo> stat(Digest digest) {
    return db.read("describing blob " + digest, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT size, last_written FROM mlops_blobs WHERE digest = ?")) {
        ps.setString(1, digest.toString());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new BlobInfo(digest, rs.getLong(1), instant(rs.getLong(2)))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean delete(Digest digest) {
    return db.write("deleting blob " + digest, c -> {
      long contentId;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM mlops_blobs WHERE digest = ? RETURNING content_id")) {
        ps.setString(1, digest.toString());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          contentId = rs.getLong(1);
        }
      }
      deleteChunks(c, contentId);
      return true;
    });
  }

  @Override
  public void forEach(Consumer<BlobInfo> visitor) {
    // collected first, so a visitor that calls back into the store never waits for the connection held here
    List<BlobInfo> all = db.read("listing blobs", c -> {
      List<BlobInfo> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT digest, size, last_written FROM mlops_blobs");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new BlobInfo(Digest.parse(rs.getString(1)), rs.getLong(2), instant(rs.getLong(3))));
        }
      }
      return out;
    });
    all.forEach(visitor);
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
