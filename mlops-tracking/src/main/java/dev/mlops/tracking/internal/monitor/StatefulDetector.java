package dev.mlops.tracking.internal.monitor;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.monitor.ChangeDetector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part every built-in detector shares: the two flags, River's rule that a detector which reported a
 * drift starts afresh on the next value, input checks, and the hooks the JSON codec uses.
 *
 * <p>Not thread-safe; the fields are confined to the caller's thread (a
 * {@link dev.mlops.tracking.monitor.MetricMonitor} guards its detector with its lock).
 */
public abstract class StatefulDetector implements ChangeDetector {
  /** Whether the last value raised a drift. */
  protected boolean drift;
  /** Whether the detector is in its warning zone. */
  protected boolean warning;

  /** Creates a detector with both flags down. */
  protected StatefulDetector() {}

  @Override
  public final void update(double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException(name() + " detector: value must be finite, got " + value);
    }
    if (binary() && value != 0.0 && value != 1.0) {
      throw new InvalidInputException(name() + " detector expects 1 (error) or 0 (correct), got " + value);
    }
    if (drift) {
      // River's detectors forget everything on the value after a drift
      drift = false;
      warning = false;
      clear();
    }
    step(value);
  }

  @Override
  public final boolean driftDetected() {
    return drift;
  }

  @Override
  public final boolean warningDetected() {
    return warning;
  }

  @Override
  public void reset() {
    drift = false;
    warning = false;
    clear();
  }

  @Override
  public final String toJson() {
    return DetectorCodec.encode(this);
  }

  @Override
  public final ChangeDetector copy() {
    return DetectorCodec.decode(DetectorCodec.encode(this));
  }

  @Override
  public String toString() {
    return name() + "{drift=" + drift + ", warning=" + warning + "}";
  }

  /**
   * Tells whether the detector reads an error stream of 0 and 1.
   *
   * @return {@code true} for DDM, EDDM and the HDDMs
   */
  protected abstract boolean binary();

  /** Forgets every observed value (River's {@code _reset}); the flags are handled by the caller. */
  protected abstract void clear();

  /**
   * Processes one checked value and sets the flags.
   *
   * @param value the finite value
   */
  protected abstract void step(double value);

  /**
   * Writes the configuration.
   *
   * @param config the object to fill
   */
  protected abstract void writeConfig(ObjectNode config);

  /**
   * Writes the state (everything {@link #clear()} resets).
   *
   * @param state the object to fill
   */
  protected abstract void writeState(ObjectNode state);

  /**
   * Reads the state written by {@link #writeState(ObjectNode)}.
   *
   * @param state the object to read
   * @throws dev.mlops.core.CorruptedDataException if a field is missing or malformed
   */
  protected abstract void readState(JsonNode state);

  final void restoreFlags(boolean driftFlag, boolean warningFlag) {
    this.drift = driftFlag;
    this.warning = warningFlag;
  }
}
