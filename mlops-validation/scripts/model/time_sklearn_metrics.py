#!/usr/bin/python3
"""Times scikit-learn on the data shapes of ModelMetricsBenchmark, on this machine, for ratios.

    /usr/bin/python3 mlops-validation/scripts/model/time_sklearn_metrics.py [bootstrap resamples, default 100]

Scores follow the benchmark's recipe (a logistic of +-1 plus Gaussian noise, rounded to 1e-6, 30% positive)
from NumPy's generator, so the data have the same shape, not the same bits. The bootstrap is the loop a
Python user writes: resample indices, call roc_auc_score; its time is scaled to 1,000 resamples.
"""
import sys
import time

import numpy as np
from sklearn import metrics


def data(n, seed):
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.3
    s = np.rint(1e6 / (1 + np.exp(-np.where(y, 1.0, -1.0) - rng.standard_normal(n)))) / 1e6
    return y, s


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    resamples = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    y, s = data(10_000_000, 1)
    print("roc_auc_score 10M: %.3f s" % best(lambda: metrics.roc_auc_score(y, s)))
    print("average_precision_score 10M: %.3f s" % best(lambda: metrics.average_precision_score(y, s)))
    y, s = data(100_000, 2)
    rng = np.random.default_rng(42)

    def boot():
        for _ in range(resamples):
            i = rng.integers(0, len(y), len(y))
            metrics.roc_auc_score(y[i], s[i])

    t = best(boot, repeat=1)
    print("bootstrap roc_auc 100k x %d: %.3f s (x1000: %.1f s)" % (resamples, t, t * 1000 / resamples))


if __name__ == "__main__":
    main()
