/**
 * The reference model server: {@link dev.mlops.examples.server.ModelServer} serves the model behind an artifact
 * alias over HTTP, validating each request, watching its inputs for training-serving skew and its outputs for
 * drift, and exporting everything through Micrometer; {@link dev.mlops.examples.server.LoadGenerator} measures
 * what those calls cost under load.
 */
@NullMarked
package dev.mlops.examples.server;

import org.jspecify.annotations.NullMarked;
