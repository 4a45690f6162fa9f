package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What the numbers of a numeric {@link Binning} stand for, so that dates and timestamps are compared as
 * numbers on their epoch value and still printed as dates.
 *
 * <p>Drift compares {@code DATE} and {@code TIMESTAMP} columns like numeric ones (quantile bins, the
 * Kolmogorov-Smirnov test, the normalized Wasserstein distance) on the value the column stores: days since
 * 1970-01-01 for {@code DATE}, microseconds since 1970-01-01T00:00:00Z for {@code TIMESTAMP}. Bin labels,
 * explanations and JSON results show those numbers in ISO-8601 ({@code [2012-03-01, 2012-06-01)}).
 * Microseconds are exact as doubles between the years 1685 and 2255 (up to 2<sup>53</sup> microseconds from
 * the epoch); further out timestamps are rounded to a few microseconds.
 *
 * <p>Immutable and thread-safe.
 */
public enum NumericScale {
  /** Plain numbers ({@code LONG} and {@code DOUBLE} columns). */
  NUMBER,
  /** Days since 1970-01-01 ({@code DATE} columns), printed as {@code 2012-03-01}. */
  EPOCH_DAY,
  /** Microseconds since 1970-01-01T00:00:00Z ({@code TIMESTAMP} columns), printed as an ISO instant. */
  EPOCH_MICROSECOND;

  /** The epoch days of {@link LocalDate#MIN} and {@link LocalDate#MAX}. */
  private static final double MIN_DAY = LocalDate.MIN.toEpochDay();
  private static final double MAX_DAY = LocalDate.MAX.toEpochDay();
  /** Whole doubles strictly below 2^63 fit a long. */
  private static final double LONG_LIMIT = 0x1p63;

  /**
   * Returns the scale of a column type's numbers.
   *
   * @param type the column type
   * @return the scale, or {@code null} for {@code STRING} and {@code BOOLEAN}, which drift compares as
   *     categories
   */
  public static @Nullable NumericScale forType(ColumnType type) {
    return switch (type) {
      case LONG, DOUBLE -> NUMBER;
      case DATE -> EPOCH_DAY;
      case TIMESTAMP -> EPOCH_MICROSECOND;
      case STRING, BOOLEAN -> null;
    };
  }

  /**
   * Tells whether a number is a value of this scale: any finite number for {@code NUMBER}, a whole number
   * of days within {@link LocalDate}'s range or a whole number of microseconds within a long's range for
   * the time scales.
   *
   * @param value the number
   * @return {@code true} if {@link #format(double)} can show it on this scale
   */
  public boolean accepts(double value) {
    if (!Double.isFinite(value)) {
      return false;
    }
    return switch (this) {
      case NUMBER -> true;
      case EPOCH_DAY -> value == Math.rint(value) && value >= MIN_DAY && value <= MAX_DAY;
      case EPOCH_MICROSECOND -> value == Math.rint(value) && value >= -LONG_LIMIT && value < LONG_LIMIT;
    };
  }

  /**
   * Formats a number of this scale: whole numbers without a fraction ({@code 3}), a date
   * ({@code 2012-03-01}) or an instant ({@code 2012-03-01T10:15:30.000250Z}).
   *
   * @param value a number this scale {@linkplain #accepts(double) accepts}
   * @return the text
   * @throws InvalidInputException if the scale does not accept the number
   */
  public String format(double value) {
    if (!accepts(value)) {
      throw new InvalidInputException(value + " is not a value of scale " + this);
    }
    return switch (this) {
      case NUMBER -> value == Math.rint(value) && Math.abs(value) < 1e15
          ? Long.toString((long) value) : Double.toString(value);
      case EPOCH_DAY -> LocalDate.ofEpochDay((long) value).toString();
      case EPOCH_MICROSECOND -> {
        long micros = (long) value;
        yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
            .toString();
      }
    };
  }

  /**
   * Converts a date to this scale's number.
   *
   * @param date the date
   * @return its epoch day
   * @throws InvalidInputException if this scale is not {@code EPOCH_DAY}
   */
  public double toNumber(LocalDate date) {
    if (this != EPOCH_DAY) {
      throw new InvalidInputException("a date cannot be counted on scale " + this);
    }
    return date.toEpochDay();
  }

  /**
   * Converts an instant to this scale's number.
   *
   * @param instant the instant
   * @return its microseconds since the epoch (nanoseconds truncated toward the past)
   * @throws InvalidInputException if this scale is not {@code EPOCH_MICROSECOND}, or the instant is beyond
   *     a long of microseconds
   */
  public double toNumber(Instant instant) {
    if (this != EPOCH_MICROSECOND) {
      throw new InvalidInputException("an instant cannot be counted on scale " + this);
    }
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    } catch (ArithmeticException e) {
      throw new InvalidInputException("instant " + instant + " is beyond the microsecond range of a long", e);
    }
  }
}
