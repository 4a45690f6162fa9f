package dev.mlops.tracking.internal.monitor;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.tracking.monitor.KswinConfig;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * KSWIN (Raab et al. 2020) with River's rules.
 *
 * <p>Keeps the last {@code windowSize} values. Once the window is full, every value draws
 * {@code statSize} distinct positions from the older {@code windowSize - statSize} values and runs the
 * exact two-sample Kolmogorov-Smirnov test of that sample against the newest {@code statSize} values;
 * a drift is reported when {@code p <= alpha} and the statistic exceeds 0.1. After a drift the next
 * value starts from an empty window and a re-seeded generator, as in River.
 *
 * <p>The positions are drawn with a port of CPython's {@code random.Random(seed).sample}, the generator
 * River uses, so for the same seed this detector draws the same positions and reports the same
 * detection points as River. It does not reproduce numpy's generator: implementations built on numpy
 * (scikit-multiflow's KSWIN) draw other samples, so their detection points on random input may differ.
 * Not thread-safe.
 */
public final class KswinDetector extends StatefulDetector {
  private final KswinConfig config;
  private final double[] window;
  private final int[] positions;
  private final double[] sampled;
  private final double[] recent;
  private int start;
  private int size;
  private long n;
  private double pValue;
  private PythonRandom random;

  /**
   * Creates the detector.
   *
   * @param config the settings
   */
  public KswinDetector(KswinConfig config) {
    this.config = config;
    this.window = new double[config.windowSize()];
    this.positions = new int[config.statSize()];
    this.sampled = new double[config.statSize()];
    this.recent = new double[config.statSize()];
    this.random = new PythonRandom(config.seed());
    reset();
  }

  /**
   * Returns the p-value of the last test, or 0 before the first.
   *
   * @return the p-value
   */
  public double pValue() {
    return pValue;
  }

  @Override
  public String name() {
    return "kswin";
  }

  @Override
  protected boolean binary() {
    return false;
  }

  @Override
  public void reset() {
    super.reset();
    List<Double> initial = config.initialWindow();
    for (int i = Math.max(0, initial.size() - window.length); i < initial.size(); i++) {
      append(initial.get(i));
    }
  }

  @Override
  protected void clear() {
    start = 0;
    size = 0;
    n = 0;
    pValue = 0.0;
    random = new PythonRandom(config.seed());
  }

  private void append(double value) {
    if (size < window.length) {
      window[(start + size) % window.length] = value;
      size++;
    } else {
      window[start] = value;
      start = (start + 1) % window.length;
    }
  }

  private double at(int i) {
    return window[(start + i) % window.length];
  }

  @Override
  protected void step(double value) {
    n++;
    append(value);
    if (size < window.length) {
      drift = false;
      return;
    }
    int statSize = config.statSize();
    int older = window.length - statSize;
    random.sampleInto(older, positions);
    for (int i = 0; i < statSize; i++) {
      sampled[i] = at(positions[i]);
    }
    for (int i = 0; i < statSize; i++) {
      recent[i] = at(older + i);
    }
    double statistic = EqualSizeKolmogorovSmirnov.statistic(sampled, recent);
    pValue = EqualSizeKolmogorovSmirnov.pValue(statSize, statistic);
    drift = pValue <= config.alpha() && statistic > 0.1;
  }

  @Override
  protected void writeConfig(ObjectNode node) {
    node.put("alpha", config.alpha());
    node.put("windowSize", config.windowSize());
    node.put("statSize", config.statSize());
    node.put("seed", config.seed());
    ArrayNode initial = node.putArray("initialWindow");
    for (double value : config.initialWindow()) {
      initial.add(value);
    }
  }

  static KswinConfig readConfig(JsonNode node) {
    double[] initial = JsonFields.getDoubles(node, "initialWindow");
    Double[] boxed = new Double[initial.length];
    for (int i = 0; i < initial.length; i++) {
      boxed[i] = initial[i];
    }
    return new KswinConfig(JsonFields.getDouble(node, "alpha"), JsonFields.getInt(node, "windowSize"),
        JsonFields.getInt(node, "statSize"), JsonFields.getLong(node, "seed"), List.of(boxed));
  }

  @Override
  protected void writeState(ObjectNode node) {
    node.put("n", n);
    JsonFields.putDouble(node, "pValue", pValue);
    ArrayNode values = node.putArray("window");
    for (int i = 0; i < size; i++) {
      JsonFields.addDouble(values, at(i));
    }
    ArrayNode words = node.putArray("randomState");
    for (int word : random.state()) {
      words.add(word);
    }
    node.put("randomPosition", random.position());
  }

  @Override
  protected void readState(JsonNode node) {
    n = JsonFields.getLong(node, "n");
    pValue = JsonFields.getDouble(node, "pValue");
    double[] values = JsonFields.getDoubles(node, "window");
    if (values.length > window.length) {
      throw new CorruptedDataException("kswin state: window holds " + values.length + " values, more than "
          + window.length);
    }
    start = 0;
    size = 0;
    for (double value : values) {
      append(value);
    }
    JsonNode words = JsonFields.field(node, "randomState");
    if (!words.isArray() || words.size() != 624) {
      throw new CorruptedDataException("kswin state: 'randomState' must hold 624 integers");
    }
    int[] state = new int[624];
    for (int i = 0; i < state.length; i++) {
      JsonNode word = words.get(i);
      if (!word.isIntegralNumber() || !word.canConvertToInt()) {
        throw new CorruptedDataException("kswin state: randomState[" + i + "] is not a 32-bit integer");
      }
      state[i] = word.intValue();
    }
    int position = JsonFields.getInt(node, "randomPosition");
    if (position < 0 || position > 624) {
      throw new CorruptedDataException("kswin state: randomPosition out of range: " + position);
    }
    random = PythonRandom.restore(state, position);
  }
}
