package dev.mlops.core.integrity;

import java.util.List;

/**
 * What a store verification found: how many items it read, each damaged item, and what it repaired.
 * Immutable.
 *
 * @param records how many records were read
 * @param series how many series were read
 * @param blobs how many blobs were read and hashed
 * @param damaged every damaged item left after repairs, in the order found
 * @param repaired a description of each repair made (empty when repairs were not asked for or needed)
 */
public record IntegrityReport(long records, long series, long blobs, List<DamagedItem> damaged,
    List<String> repaired) {
  /**
   * Copies the lists.
   *
   * @param records how many records were read
   * @param series how many series were read
   * @param blobs how many blobs were read and hashed
   * @param damaged every damaged item left after repairs, in the order found
   * @param repaired a description of each repair made (empty when repairs were not asked for or needed)
   */
  public IntegrityReport {
    damaged = List.copyOf(damaged);
    repaired = List.copyOf(repaired);
  }

  /** @return true if no damage is left */
  public boolean isClean() {
    return damaged.isEmpty();
  }
}
