package dev.mlops.validation.internal.engine;

import dev.mlops.core.work.WorkerPool;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Runs kernels over tables in one pass: a table is cut into blocks of {@value #BLOCK_ROWS} rows, and the blocks into
 * as many runs of consecutive blocks (segments) as the run has threads; each thread takes segments from a shared
 * counter and folds every rule's state over each block of its segment (so a block stays in cache across rules) into
 * states of the segment's own, which are then merged in segment order. Which thread folds which segment never
 * changes what is folded or in which order, so a run's results (floating-point sums, sketches) are bit-identical from
 * run to run whatever the thread timing, for a given parallelism; a segment per thread keeps the states as few as
 * they were with one per thread. Kernels that share a scan ({@link SharedScanKernel}, say a mean and a maximum of
 * one column) fold one state between them. The workers are one job on a {@link WorkerPool} (core's shared pool
 * unless the suite was given another): the calling thread always takes part, so a run makes progress even when every
 * pool thread is busy (it then folds the segments one after another), and a run started from a task of the same
 * pool cannot deadlock. Thread-safe (each run has its own states).
 */
public final class SuiteRunner {
  /** Rows per block handed to a worker. */
  public static final int BLOCK_ROWS = 1 << 15;
  private final List<RuleKernel> kernels;
  private final int parallelism;
  private final WorkerPool workers;
  private final @Nullable Outcome[] problems;
  private @Nullable List<RuleState> merged;
  private @Nullable Map<String, ColumnType> schema;

  /**
   * Prepares a run.
   *
   * @param kernels the kernels, in result order
   * @param parallelism the most threads a run uses, at least 1 (and at most the pool's parallelism)
   * @param workers the pool whose threads join the calling thread
   */
  public SuiteRunner(List<RuleKernel> kernels, int parallelism, WorkerPool workers) {
    this.kernels = List.copyOf(kernels);
    this.workers = workers;
    this.parallelism = Math.max(1, Math.min(parallelism, workers.parallelism()));
    this.problems = new Outcome[kernels.size()];
  }

  /**
   * Folds a whole table, or the next chunk of a file, into the run.
   *
   * @param table the table or chunk; every chunk of one run has the same schema
   */
  public void add(Table table) {
    if (schema == null) {
      schema = table.schema();
      for (int i = 0; i < kernels.size(); i++) {
        String p = BoundRowRules.problem(kernels.get(i), schema);
        if (p != null) {
          problems[i] = Outcome.cannotApply(p);
        }
      }
    }
    int blocks = Math.max(1, (table.rowCount() + BLOCK_ROWS - 1) / BLOCK_ROWS);
    int segments = Math.min(parallelism, blocks);
    AtomicInteger next = new AtomicInteger();
    AtomicReferenceArray<List<RuleState>> results = new AtomicReferenceArray<>(segments);
    // a worker's own failure (a custom predicate's exception, say) is rethrown as it was, not wrapped by the pool
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    this.workers.run(job -> {
      for (int w = 0; w < segments; w++) {
        job.add(j -> {
          try {
            int s;
            while ((s = next.getAndIncrement()) < segments) {
              results.set(s, work(table, (int) ((long) s * blocks / segments),
                  (int) ((long) (s + 1) * blocks / segments)));
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            next.set(segments);
          }
        });
      }
    }, "validating " + table);
    if (failure.get() != null) {
      throw failure.get();
    }
    for (int s = 0; s < segments; s++) {
      List<RuleState> states = results.get(s);
      if (merged == null) {
        merged = states;
      } else {
        for (int i = 0; i < states.size(); i++) {
          RuleState state = states.get(i);
          if (state != null) {
            merged.get(i).merge(state);
          }
        }
      }
    }
  }

  /** Folds blocks {@code [fromBlock, toBlock)} into new states. */
  private List<RuleState> work(Table table, int fromBlock, int toBlock) {
    List<RuleState> states = new ArrayList<>(kernels.size());
    Map<Object, RuleState> scans = new HashMap<>();
    for (int i = 0; i < kernels.size(); i++) {
      RuleKernel k = kernels.get(i);
      if (problems[i] != null) {
        states.add(null);
      } else if (k instanceof SharedScanKernel) {
        SharedScanKernel shared = (SharedScanKernel) k;
        RuleState scan = scans.get(shared.scanKey());
        boolean leader = scan == null;
        if (leader) {
          scan = k.newState();
          scans.put(shared.scanKey(), scan);
        }
        states.add(new SharedScanState(shared, scan, leader));
      } else {
        states.add(k.newState());
      }
    }
    int rows = table.rowCount();
    for (int b = fromBlock; b < toBlock; b++) {
      int from = b * BLOCK_ROWS;
      int to = Math.min(rows, from + BLOCK_ROWS);
      for (RuleState s : states) {
        if (s != null) {
          s.update(table, from, to);
        }
      }
    }
    for (RuleState s : states) {
      if (s != null) {
        s.seal();
      }
    }
    return states;
  }

  /**
   * Finishes the run.
   *
   * @return one outcome per kernel, in order
   * @throws IllegalStateException if no table was added
   */
  public List<Outcome> finish() {
    if (merged == null) {
      throw new IllegalStateException("no table was added to the run");
    }
    List<Outcome> out = new ArrayList<>(kernels.size());
    for (int i = 0; i < kernels.size(); i++) {
      out.add(problems[i] != null ? problems[i] : merged.get(i).finish());
    }
    return out;
  }

  /**
   * Runs kernels over a sequence of chunks.
   *
   * @param kernels the kernels
   * @param chunks the chunks (at least one)
   * @param parallelism the most threads a run uses
   * @param workers the pool whose threads join the calling thread
   * @return one outcome per kernel
   */
  public static List<Outcome> run(List<RuleKernel> kernels, Iterator<Table> chunks, int parallelism,
      WorkerPool workers) {
    SuiteRunner runner = new SuiteRunner(kernels, parallelism, workers);
    while (chunks.hasNext()) {
      runner.add(chunks.next());
    }
    return runner.finish();
  }
}
