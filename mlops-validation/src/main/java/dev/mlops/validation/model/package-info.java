/**
 * Model testing: evaluation metrics that equal scikit-learn's ({@link dev.mlops.validation.model.Evaluation}),
 * sliced evaluation and fairness over a {@link dev.mlops.validation.Table}
 * ({@link dev.mlops.validation.model.SlicedEvaluation}), uncertainty (seeded bootstrap intervals, DeLong,
 * McNemar and paired bootstrap comparisons), champion-versus-challenger gates
 * ({@link dev.mlops.validation.model.ModelGate}) and gated promotion of an artifact alias
 * ({@link dev.mlops.validation.model.Promotion}).
 */
@NullMarked
package dev.mlops.validation.model;

import org.jspecify.annotations.NullMarked;
