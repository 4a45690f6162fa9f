package dev.mlops.validation.internal.engine;

import dev.mlops.validation.Table;

/**
 * One kernel's view of a state shared by several kernels of a run ({@link SharedScanKernel}): only the first kernel
 * with a scan key (the leader, at the same position in every worker) folds and merges it; every kernel judges it.
 * Thread-confined like the state.
 */
final class SharedScanState implements RuleState {
  private final SharedScanKernel kernel;
  private final RuleState scan;
  private final boolean leader;

  SharedScanState(SharedScanKernel kernel, RuleState scan, boolean leader) {
    this.kernel = kernel;
    this.scan = scan;
    this.leader = leader;
  }

  @Override
  public void update(Table table, int from, int to) {
    if (leader) {
      scan.update(table, from, to);
    }
  }

  @Override
  public void seal() {
    if (leader) {
      scan.seal();
    }
  }

  @Override
  public void merge(RuleState other) {
    if (leader) {
      scan.merge(((SharedScanState) other).scan);
    }
  }

  @Override
  public Outcome finish() {
    return kernel.finish(scan);
  }
}
