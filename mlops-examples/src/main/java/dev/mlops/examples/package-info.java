/** Runnable end-to-end examples of the mlops SDK; {@link dev.mlops.examples.EndToEndExample} is the main job. */
@NullMarked
package dev.mlops.examples;

import org.jspecify.annotations.NullMarked;
