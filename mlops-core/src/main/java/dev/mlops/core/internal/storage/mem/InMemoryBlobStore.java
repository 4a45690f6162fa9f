package dev.mlops.core.internal.storage.mem;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.hash.VerifyingInputStream;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Blobs held on the heap. Thread-safe: all state is in a concurrent map of immutable entries. */
final class InMemoryBlobStore implements BlobStore {
  private record Entry(byte[] bytes, BlobInfo info) {}

  private final ConcurrentHashMap<Digest, Entry> blobs = new ConcurrentHashMap<>();
  private final Clock clock;

  InMemoryBlobStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public BlobInfo put(InputStream content) {
    MessageDigest sha = Digest.newSha256();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    try {
      int n;
      while ((n = content.read(buf)) > 0) {
        sha.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new StorageException("reading blob input failed; nothing was stored", e);
    }
    byte[] bytes = out.toByteArray();
    Digest digest = Digest.finish(sha);
    BlobInfo info = new BlobInfo(digest, bytes.length, clock.instant());
    blobs.merge(digest, new Entry(bytes, info), (old, fresh) -> new Entry(old.bytes, info));
    return info;
  }

  @Override
  public InputStream open(Digest digest) {
    Entry e = blobs.get(digest);
    if (e == null) {
      throw new NotFoundException("no blob " + digest + " in the in-memory store");
    }
    return new VerifyingInputStream(new ByteArrayInputStream(e.bytes), digest, "in-memory blob " + digest);
  }

  @Override
  public Optional<BlobInfo> stat(Digest digest) {
    Entry e = blobs.get(digest);
    return e == null ? Optional.empty() : Optional.of(e.info);
  }

  @Override
  public boolean delete(Digest digest) {
    return blobs.remove(digest) != null;
  }

  @Override
  public void forEach(Consumer<BlobInfo> visitor) {
    blobs.values().forEach(e -> visitor.accept(e.info));
  }

  /** Test hook: overwrite a stored blob's bytes without changing its address. */
  void corrupt(Digest digest, byte[] bytes) {
    blobs.computeIfPresent(digest, (d, e) -> new Entry(bytes.clone(), e.info));
  }
}
