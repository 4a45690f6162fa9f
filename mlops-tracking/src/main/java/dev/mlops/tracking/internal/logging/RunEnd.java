package dev.mlops.tracking.internal.logging;

/**
 * The end of a run on its way to the writer, behind every point the run logged before it, so the record
 * shows the terminal status only in a round that has made those points durable first. Immutable.
 */
final class RunEnd {
  final RunState run;

  RunEnd(RunState run) {
    this.run = run;
  }
}
