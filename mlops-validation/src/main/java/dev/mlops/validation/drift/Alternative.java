package dev.mlops.validation.drift;

/**
 * The alternative hypothesis of a one- or two-sided test, with scipy's meaning.
 *
 * <p>{@code LESS} and {@code GREATER} refer to the first argument (the reference) relative to the second
 * (the current sample): for {@link DriftStatistics#mannWhitney} {@code LESS} means the reference tends to be
 * smaller; for {@link DriftStatistics#fisherExact} it means an odds ratio below one.
 */
public enum Alternative {
  /** The two samples differ in either direction. */
  TWO_SIDED,
  /** The reference is stochastically smaller (or the odds ratio is below one). */
  LESS,
  /** The reference is stochastically greater (or the odds ratio is above one). */
  GREATER
}
