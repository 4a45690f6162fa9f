/** What mlops adds to one request of a model server: validation, the drift window and the metric monitor. */
package dev.mlops.benchmarks.serving;
