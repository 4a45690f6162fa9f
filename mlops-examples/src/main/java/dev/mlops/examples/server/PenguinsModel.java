package dev.mlops.examples.server;

import dev.mlops.validation.drift.DatasetProfile;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The penguins classifier as it is published and served: a softmax regression over standardized features, with
 * the standardization and the reference profile of its training inputs stored beside the weights, so a server
 * needs nothing but this artifact to predict and to watch for training-serving skew.
 *
 * <p>Immutable and thread-safe.
 */
public final class PenguinsModel {
  /** The format tag written into every model document. */
  public static final String FORMAT = "penguins-softmax/1";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final List<String> classes;
  private final List<String> features;
  private final double[] means;
  private final double[] sds;
  private final double[][] weights;
  private final DatasetProfile reference;

  /**
   * Creates a model.
   *
   * @param classes the class labels, in the order of the weights' rows
   * @param features the input feature names, in the order of the weights' columns after the bias
   * @param means the training means of the features
   * @param sds the training standard deviations of the features
   * @param weights one row per class: the bias, then one weight per standardized feature
   * @param reference the profile of the training inputs
   */
  public PenguinsModel(List<String> classes, List<String> features, double[] means, double[] sds, double[][] weights,
      DatasetProfile reference) {
    this.classes = List.copyOf(classes);
    this.features = List.copyOf(features);
    this.means = means.clone();
    this.sds = sds.clone();
    this.weights = new double[weights.length][];
    for (int c = 0; c < weights.length; c++) {
      this.weights[c] = weights[c].clone();
    }
    this.reference = Objects.requireNonNull(reference, "reference");
    if (means.length != features.size() || sds.length != features.size() || weights.length != classes.size()) {
      throw new IllegalArgumentException("the model's parts disagree in size");
    }
    for (double[] row : weights) {
      if (row.length != features.size() + 1) {
        throw new IllegalArgumentException("each class needs a bias and one weight per feature");
      }
    }
  }

  /** @return the class labels */
  public List<String> classes() {
    return classes;
  }

  /** @return the input feature names */
  public List<String> features() {
    return features;
  }

  /** @return the profile of the training inputs, the reference for skew detection */
  public DatasetProfile reference() {
    return reference;
  }

  /**
   * Predicts class probabilities for one record of raw (unstandardized) features.
   *
   * @param raw the feature values, in {@link #features()} order
   * @return the probabilities, in {@link #classes()} order; non-finite if an input is absurdly large
   */
  public double[] predict(double[] raw) {
    double[] z = new double[weights.length];
    for (int c = 0; c < weights.length; c++) {
      double s = weights[c][0];
      for (int j = 0; j < raw.length; j++) {
        s += weights[c][j + 1] * (raw[j] - means[j]) / sds[j];
      }
      z[c] = s;
    }
    return softmax(z);
  }

  /**
   * Turns class scores into probabilities, in place, subtracting the largest score first so that no exponential
   * overflows.
   *
   * @param z the scores; overwritten
   * @return {@code z}, now probabilities
   */
  public static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < z.length; c++) {
      z[c] /= sum;
    }
    return z;
  }

  /**
   * Writes the model document.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode cls = root.putArray("classes");
    classes.forEach(cls::add);
    ArrayNode feats = root.putArray("features");
    features.forEach(feats::add);
    ArrayNode m = root.putArray("means");
    ArrayNode s = root.putArray("sds");
    for (int j = 0; j < means.length; j++) {
      m.add(means[j]);
      s.add(sds[j]);
    }
    ArrayNode w = root.putArray("weights");
    for (double[] row : weights) {
      ArrayNode r = w.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    root.set("reference", JSON.readTree(reference.toJson()));
    return JSON.writeValueAsString(root);
  }

  /**
   * Reads a model document.
   *
   * @param json the JSON text written by {@link #toJson()}
   * @return the model
   * @throws IllegalArgumentException if the document is not a penguins model
   */
  public static PenguinsModel fromJson(String json) {
    JsonNode root = JSON.readTree(json);
    if (!FORMAT.equals(root.path("format").asString(""))) {
      throw new IllegalArgumentException("not a " + FORMAT + " model document");
    }
    List<String> classes = strings(root.path("classes"));
    List<String> features = strings(root.path("features"));
    double[][] weights = new double[root.path("weights").size()][];
    for (int c = 0; c < weights.length; c++) {
      weights[c] = doubles(root.path("weights").get(c));
    }
    return new PenguinsModel(classes, features, doubles(root.path("means")), doubles(root.path("sds")), weights,
        DatasetProfile.fromJson(JSON.writeValueAsString(root.path("reference"))));
  }

  private static List<String> strings(JsonNode array) {
    return array.valueStream().map(n -> n.asString()).toList();
  }

  private static double[] doubles(JsonNode array) {
    return array.valueStream().mapToDouble(JsonNode::asDouble).toArray();
  }
}
