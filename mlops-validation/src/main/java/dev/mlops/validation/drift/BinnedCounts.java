package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import java.util.List;

/**
 * The bins a column comparison used and the reference and current counts in each, so that a result can
 * be checked by hand.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bins bin labels, for example {@code [2.5, 7)}, {@code rain}, {@code <unseen>}, {@code <missing>}
 * @param reference reference count per bin
 * @param current current count per bin
 */
public record BinnedCounts(List<String> bins, List<Long> reference, List<Long> current) {
  /**
   * Copies the lists and checks their lengths.
   *
   * @throws InvalidInputException if the three lists differ in length
   * @param bins bin labels, for example {@code [2.5, 7)}, {@code rain}, {@code <unseen>}, {@code <missing>}
   * @param reference reference count per bin
   * @param current current count per bin
   */
  public BinnedCounts {
    bins = List.copyOf(bins);
    reference = List.copyOf(reference);
    current = List.copyOf(current);
    if (bins.size() != reference.size() || bins.size() != current.size()) {
      throw new InvalidInputException("binned counts need one reference and one current count per bin");
    }
  }
}
