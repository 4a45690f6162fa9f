package dev.mlops.core.spi;

import dev.mlops.core.hash.Digest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Renders everything a {@link Storage} shows through its SPI (records, series, blobs) as one string, so
 * tests can compare two backends or one backend before and after an operation that must not write.
 */
public final class StorageContents {
  private static final HexFormat HEX = HexFormat.of();

  private StorageContents() {}

  /**
   * Dumps a storage.
   *
   * @param storage the storage to read
   * @return one line per record, series and blob, in a deterministic order
   */
  public static String of(Storage storage) {
    StringBuilder out = new StringBuilder();
    for (StoredRecord r : storage.records().list("")) {
      out.append("record ").append(r.key()).append(" v").append(r.version()).append(' ')
          .append(brief(r.value())).append('\n');
    }
    for (String key : storage.series().list("")) {
      out.append("series ").append(key).append(' ').append(entries(storage.series().readAll(key))).append('\n');
    }
    List<String> blobs = new ArrayList<>();
    storage.blobs().forEach(b -> blobs.add(b.digest() + " " + b.size()));
    blobs.sort(null);
    for (String b : blobs) {
      out.append("blob ").append(b).append('\n');
    }
    return out.toString();
  }

  /**
   * Renders a list of entries compactly but exactly (short values in hex, long ones by length and digest).
   *
   * @param entries the entries
   * @return their rendering
   */
  public static String entries(List<byte[]> entries) {
    StringBuilder sb = new StringBuilder("[");
    for (byte[] e : entries) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(brief(e));
    }
    return sb.append(']').toString();
  }

  /**
   * Renders bytes exactly: hex when short, length and digest when long.
   *
   * @param bytes the bytes
   * @return their rendering
   */
  public static String brief(byte[] bytes) {
    return bytes.length <= 32 ? "x" + HEX.formatHex(bytes) : bytes.length + "b:" + Digest.sha256(bytes).hex();
  }
}
