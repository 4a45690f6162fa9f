#!/usr/bin/python3
"""Times scipy.stats.ks_2samp on 1,000,000 vs 1,000,000 normal doubles (the current side shifted by 0.01),
the same work as dev.mlops.benchmarks.drift.KsBenchmark. Run on the same machine:

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
for _ in range(7):
    t0 = time.perf_counter()
    r = stats.ks_2samp(x, y)
    times.append(time.perf_counter() - t0)
times.sort()
print("scipy %s ks_2samp n=%d: median %.1f ms, min %.1f ms (D=%.6f, p=%.4g)"
      % (scipy.__version__, n, 1000 * times[len(times) // 2], 1000 * times[0], r.statistic, r.pvalue))
