package dev.mlops.validation.model;

/** How per-class precision, recall and F1 combine into one number, as scikit-learn's {@code average}. */
public enum Average {
  /** Counts of every class pooled first; equals accuracy when every row's class is a label. */
  MICRO,
  /** The unweighted mean over the labels present among the actual or predicted classes. */
  MACRO,
  /** The mean over present labels weighted by each class's (weighted) number of actual rows. */
  WEIGHTED
}
