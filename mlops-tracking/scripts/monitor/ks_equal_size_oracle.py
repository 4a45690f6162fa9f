#!/usr/bin/python3
"""Expected values of scipy.stats.ks_2samp(method="exact") for equal-size samples, with and without ties.

Run with Debian's interpreter (scipy 1.10.1) from the module directory:

    /usr/bin/python3 scripts/monitor/ks_equal_size_oracle.py > src/test/resources/monitor/ks_equal_size_scipy.txt

Each case is three lines: the first sample, the second sample (space-separated repr() values) and
"statistic pvalue" as scipy reports them.
"""
import random
import warnings

import scipy
from scipy import stats


def main():
    rng = random.Random(2026)
    print(f"# scipy {scipy.__version__} ks_2samp(x, y, method='exact')")
    cases = []
    for n in (1, 2, 5, 10, 30, 50, 100):
        # continuous, no ties, same distribution and shifted
        cases.append(([rng.gauss(0, 1) for _ in range(n)], [rng.gauss(0, 1) for _ in range(n)]))
        cases.append(([rng.gauss(0, 1) for _ in range(n)], [rng.gauss(1, 1) for _ in range(n)]))
        # heavy ties: small integer supports, as KSWIN sees on class labels
        cases.append((rng.choices([0, 1], k=n), rng.choices([0, 1], k=n)))
        cases.append((rng.choices(range(4), k=n), rng.choices(range(2, 6), k=n)))
    cases.append(([1.0] * 30, [1.0] * 30))
    cases.append(([0.0] * 30, [1.0] * 30))
    for x, y in cases:
        with warnings.catch_warnings():
            # scipy falls back to the asymptotic p-value when its exact sum loses precision (tiny
            # p-values at n=100); those cases are not exact and are left out
            warnings.simplefilter("error", RuntimeWarning)
            try:
                res = stats.ks_2samp(x, y, method="exact")
            except RuntimeWarning:
                continue
        print(" ".join(repr(float(v)) for v in x))
        print(" ".join(repr(float(v)) for v in y))
        print(f"{float(res.statistic)!r} {float(res.pvalue)!r}")


if __name__ == "__main__":
    main()
