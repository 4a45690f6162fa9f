package dev.mlops.core.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as ECMAScript's {@code Number.prototype.toString} does, which is what RFC 8785
 * section 3.2.2.3 prescribes for JSON numbers.
 *
 * <p>Java 17's {@link Double#toString(double)} is not usable directly: it sometimes emits one digit more
 * than the shortest round-tripping form (fixed only in JDK 19), and its layout differs ({@code 1.0E30}
 * against {@code 1e+30}). This class finds the shortest decimal that parses back to the same double,
 * choosing the one closest to the exact binary value (ties to an even last digit), and lays it out by the
 * ECMAScript rules. Stateless and thread-safe.
 */
public final class EcmaNumbers {
  private static final int MAX_DIGITS = 17;

  private EcmaNumbers() {}

  /**
   * Formats a finite double.
   *
   * @param value a finite double; {@code -0.0} is written {@code 0}
   * @return its ECMAScript string form
   * @throws IllegalArgumentException if the value is NaN or infinite (callers report those with a path)
   */
  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal shortest = shortest(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale();
    StringBuilder out = new StringBuilder(k + 8);
    if (value < 0) {
      out.append('-');
    }
    layout(out, digits, n);
    return out.toString();
  }

  /**
   * Lays out significant digits {@code s} (no leading or trailing zeros) with decimal exponent {@code n},
   * meaning the value {@code 0.s × 10^n}, per ECMAScript Number::toString steps 6 to 10.
   */
  private static void layout(StringBuilder out, String s, int n) {
    int k = s.length();
    if (k <= n && n <= 21) {
      out.append(s);
      out.append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(s, 0, n).append('.').append(s, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(s);
    } else {
      int e = n - 1;
      out.append(s.charAt(0));
      if (k > 1) {
        out.append('.').append(s, 1, k);
      }
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
  }

  /**
   * Returns the shortest decimal (stripped of trailing zeros) that parses back to {@code positive}, the
   * closest to it among equally short ones, ties broken toward an even last digit.
   */
  private static BigDecimal shortest(double positive) {
    BigDecimal exact = new BigDecimal(positive);
    // Java's own output round-trips, so the shortest length is at most its digit count; starting there
    // costs two or three roundings instead of seventeen for typical values.
    int upper = Math.min(MAX_DIGITS, significantDigits(Double.toString(positive)));
    BigDecimal best = candidate(exact, positive, upper);
    if (best == null) {
      upper = MAX_DIGITS;
      best = candidate(exact, positive, upper);
    }
    for (int p = upper - 1; p >= 1; p--) {
      BigDecimal shorter = candidate(exact, positive, p);
      if (shorter == null) {
        break;
      }
      best = shorter;
    }
    if (best == null) {
      throw new IllegalStateException("no round-tripping decimal for " + positive);
    }
    return strip(best);
  }

  /**
   * Returns the {@code p}-digit decimal that round-trips to {@code value} and is closest to it, or null
   * when none of the two {@code p}-digit neighbours of the exact value round-trips.
   */
  private static BigDecimal candidate(BigDecimal exact, double value, int p) {
    BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
    BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
    boolean downOk = Double.parseDouble(down.toString()) == value;
    boolean upOk = Double.parseDouble(up.toString()) == value;
    if (downOk && upOk) {
      int cmp = exact.subtract(down).compareTo(up.subtract(exact));
      if (cmp < 0) {
        return down;
      } else if (cmp > 0) {
        return up;
      }
      return lastDigitEven(down) ? down : up;
    } else if (downOk) {
      return down;
    } else if (upOk) {
      return up;
    }
    return null;
  }

  private static boolean lastDigitEven(BigDecimal d) {
    return !d.unscaledValue().testBit(0);
  }

  private static BigDecimal strip(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.unscaledValue().equals(BigInteger.ZERO) ? BigDecimal.ZERO : s;
  }

  private static int significantDigits(String javaForm) {
    int count = 0;
    boolean leading = true;
    int lastNonZero = 0;
    for (int i = 0; i < javaForm.length(); i++) {
      char c = javaForm.charAt(i);
      if (c == 'E') {
        break;
      }
      if (c >= '0' && c <= '9') {
        if (leading && c == '0') {
          continue;
        }
        leading = false;
        count++;
        if (c != '0') {
          lastNonZero = count;
        }
      }
    }
    return Math.max(1, lastNonZero);
  }
}
