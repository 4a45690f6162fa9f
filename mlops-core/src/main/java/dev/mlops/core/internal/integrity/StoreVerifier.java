package dev.mlops.core.internal.integrity;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.integrity.DamagedItem;
import dev.mlops.core.integrity.DamagedItem.Kind;
import dev.mlops.core.spi.SeriesPage;
import dev.mlops.core.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every record, series and blob of a storage through the SPI (so every backend's own checks
 * apply) and collects what fails them. Stateless apart from its counters; one instance per verification.
 */
public final class StoreVerifier {
  private final Storage storage;
  private final List<DamagedItem> damaged = new ArrayList<>();
  private long records;
  private long series;
  private long blobs;

  /**
   * Creates a verifier.
   *
   * @param storage the storage to read
   */
  public StoreVerifier(Storage storage) {
    this.storage = storage;
  }

  /** Reads everything once; call once. */
  public void run() {
    for (String key : storage.records().listKeys("")) {
      records++;
      try {
        storage.records().get(key);
      } catch (CorruptedDataException e) {
        damaged.add(new DamagedItem(Kind.RECORD, key, e.getMessage()));
      }
    }
    for (String key : storage.series().list("")) {
      series++;
      try {
        long position = 0;
        while (true) {
          SeriesPage page = storage.series().read(key, position, 4096);
          if (page.isEnd() || page.size() == 0) {
            break;
          }
          position = page.nextPosition();
        }
      } catch (CorruptedDataException e) {
        damaged.add(new DamagedItem(Kind.SERIES, key, e.getMessage()));
      }
    }
    List<Digest> digests = new ArrayList<>();
    storage.blobs().forEach(info -> digests.add(info.digest()));
    for (Digest d : digests) {
      blobs++;
      try (InputStream in = storage.blobs().open(d)) {
        in.transferTo(OutputStream.nullOutputStream());
      } catch (CorruptedDataException e) {
        damaged.add(new DamagedItem(Kind.BLOB, d.toString(), e.getMessage()));
      } catch (NotFoundException deletedMeanwhile) {
        blobs--; // a garbage collection removed it while we listed
      } catch (IOException e) {
        throw new StorageException("reading blob " + d + " failed: " + e, e);
      }
    }
  }

  /**
   * Adds damage found by a check above the storage (for example a blob a version needs that is missing).
   *
   * @param item the damaged item
   */
  public void add(DamagedItem item) {
    damaged.add(item);
  }

  /** @return the damaged items found so far */
  public List<DamagedItem> damaged() {
    return List.copyOf(damaged);
  }

  /** @return how many records were read */
  public long records() {
    return records;
  }

  /** @return how many series were read */
  public long series() {
    return series;
  }

  /** @return how many blobs were read */
  public long blobs() {
    return blobs;
  }
}
