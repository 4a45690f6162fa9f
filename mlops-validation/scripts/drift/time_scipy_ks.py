#!/usr/bin/python3
"""Times scipy.stats.ks_2samp on 1,000,000 vs 1,000,000 normal doubles (the current side shifted by 0.01),
the same work as dev.mlops.benchmarks.drift.KsBenchmark and KsTiming (which also reports CPU time, the
fair figure on a loaded machine). Run on the same machine:

    /usr/bin/python3 mlops-validation/scripts/drift/time_scipy_ks.py
"""
import sys
import time

import numpy as np
import scipy
from scipy import stats

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = np.random.default_rng(42)
x = rng.standard_normal(n)
y = rng.standard_normal(n) + 0.01
stats.ks_2samp(x, y)  # warm-up
times = []
cpu = []
for _ in range(7):
    t0 = time.perf_counter()
    c0 = time.process_time()
    r = stats.ks_2samp(x, y)
    cpu.append(time.process_time() - c0)
    times.append(time.perf_counter() - t0)
times.sort()
cpu.sort()
print("scipy %s ks_2samp n=%d: wall median %.1f ms (min %.1f), cpu median %.1f ms (min %.1f); D=%.6f, p=%.4g"
      % (scipy.__version__, n, 1000 * times[3], 1000 * times[0], 1000 * cpu[3], 1000 * cpu[0],
         r.statistic, r.pvalue))
