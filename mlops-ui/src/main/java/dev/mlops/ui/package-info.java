/**
 * A local, read-only web UI over a store ({@link dev.mlops.ui.MlopsUi}) and self-contained single-file HTML
 * reports ({@link dev.mlops.ui.HtmlReport}) of validation results, profiles, drift, run comparisons and
 * leaderboards.
 */
@NullMarked
package dev.mlops.ui;

import org.jspecify.annotations.NullMarked;
