#!/usr/bin/python3
"""Writes src/test/resources/drift/fisher-huge-oracle.json: Fisher's exact test on 2x2 tables whose total is
near 2^31 - 1 (the largest total FisherExact accepts), for FisherExactHugeTotalsTest.

Each case holds two answers:
- "scipy": scipy.stats.fisher_exact itself. At these totals scipy's hypergeometric pmf (Boost's Lanczos
  approximation) is off by up to about 1e-6 relative, so it is a loose check only.
- "pValue": the same algorithm as scipy's fisher_exact (its mode, its 1e-14 tie rule, its binary search),
  with the hypergeometric pmf and tails computed by mpmath at 40 significant digits: pmf from log-gamma,
  tails summed term by term (ratio of neighbours) until a term is below 1e-30 of the sum. This is the exact
  answer that the Java code must match to 1e-12.

Run with Debian's python3, scipy (1.10.1) and mpmath: /usr/bin/python3 scripts/drift/generate_fisher_huge_oracle.py
from mlops-validation/. Some tables take scipy tens of seconds and mpmath minutes; the whole run takes several.
"""
import json
import math
import random

import mpmath
import numpy as np
import scipy
from mpmath import mp, mpf
from scipy import stats

mp.dps = 40

LIMIT = 2**31 - 1


def shifted(total, n1, n, z):
    """A table with row total n1 and column total n whose top-left cell lies z standard deviations off."""
    mean = n1 * n / total
    var = n1 * (total - n1) * n * (total - n) / (total * total * (total - 1))
    a = int(round(mean + z * math.sqrt(var)))
    return [[a, n1 - a], [n - a, total - n1 - n + a]]


def tables():
    out = [("balanced", [[500_000_000, 500_000_000], [600_000_000, 547_483_647]]),
           ("near_independent", [[1_000_000_000, 73_741_823], [1_000_000_000, 73_741_824]]),
           ("rare_events", [[10, 1_073_741_813], [40, 1_073_741_784]]),
           ("quarter_split", [[536_870_000, 536_870_911], [536_900_000, 536_841_736]]),
           ("three_successes", [[3, 0], [0, LIMIT - 3]]),
           ("one_zero_cell", [[0, 1_000_000_000], [5, 1_147_483_642]])]
    even = LIMIT - 1  # symmetric margins: every table has a mirror image exactly as likely
    out.append(("symmetric_z-1.2", shifted(even, even // 2, even // 2, -1.2)))
    out.append(("symmetric_z0.7", shifted(even, even // 2, even // 2, 0.7)))
    rng = random.Random(20261206)
    for i, z in enumerate([0.0, 0.4, -1.2, 2.5, -3.7, 6.0, -9.0, 0.05]):
        total = rng.randint(2**30, LIMIT)
        n1 = rng.randint(total // 5, 4 * total // 5)
        n = rng.randint(total // 5, 4 * total // 5)
        out.append(("random_%d_z%s" % (i, z), shifted(total, n1, n, z)))
    return out


class ExactHypergeom:
    """P(X = k) etc. for k successes in n draws from N holding K successes, at mpmath's precision."""

    def __init__(self, N, K, n):
        self.N, self.K, self.n = N, K, n
        self.lo, self.hi = max(0, n - (N - K)), min(n, K)
        self.mode = int((n + 1) * (K + 1) / (N + 2))
        self.log_total = mp.loggamma(N + 1) - mp.loggamma(n + 1) - mp.loggamma(N - n + 1)

    def pmf(self, k):
        if k < self.lo or k > self.hi:
            return mpf(0)
        N, K, n = self.N, self.K, self.n
        return mp.exp(mp.loggamma(K + 1) - mp.loggamma(k + 1) - mp.loggamma(K - k + 1)
                      + mp.loggamma(N - K + 1) - mp.loggamma(n - k + 1) - mp.loggamma(N - K - n + k + 1)
                      - self.log_total)

    def _down(self, k):  # P(X <= k), k <= mode
        N, K, n = self.N, self.K, self.n
        term = self.pmf(k)
        total = term
        i = k
        while i > self.lo and term > total * mpf("1e-30"):
            term = term * i * (N - K - n + i) / ((K - i + 1) * (n - i + 1))
            total += term
            i -= 1
        return total

    def _up(self, k):  # P(X >= k), k >= mode
        N, K, n = self.N, self.K, self.n
        term = self.pmf(k)
        total = term
        i = k
        while i < self.hi and term > total * mpf("1e-30"):
            term = term * (K - i) * (n - i) / ((i + 1) * (N - K - n + i + 1))
            total += term
            i += 1
        return total

    def cdf(self, k):
        if k < self.lo:
            return mpf(0)
        if k >= self.hi:
            return mpf(1)
        return self._down(k) if k <= self.mode else 1 - self._up(k + 1)

    def sf(self, k):
        if k < self.lo:
            return mpf(1)
        if k >= self.hi:
            return mpf(0)
        return self._up(k + 1) if k + 1 >= self.mode else 1 - self._down(k)


def binary_search(f, target, lo, hi):
    """scipy.stats._stats_py._binary_search, unchanged."""
    while lo < hi:
        mid = lo + (hi - lo) // 2
        val = f(mid)
        if val < target:
            lo = mid + 1
        elif val > target:
            hi = mid - 1
        else:
            lo = mid
            break
    return lo if f(lo) <= target else lo - 1


def exact_fisher(t, alternative):
    """scipy's fisher_exact with exact hypergeometric arithmetic; returns the p-value."""
    (a, b), (c, d) = t
    n1, n2, n = a + b, c + d, a + c
    h = ExactHypergeom(n1 + n2, n1, n)
    if alternative == "less":
        p = h.cdf(a)
    elif alternative == "greater":
        p = ExactHypergeom(n1 + n2, n1, b + d).cdf(b)
    else:
        mode = int((n + 1) * (n1 + 1) / (n1 + n2 + 2))
        pexact, pmode = h.pmf(a), h.pmf(mode)
        gamma = 1 + mpf("1e-14")
        if abs(pexact - pmode) / max(pexact, pmode) <= mpf("1e-14"):
            return mpf(1)
        if a < mode:
            plower = h.cdf(a)
            if h.pmf(n) > pexact * gamma:
                return plower
            guess = binary_search(lambda x: -h.pmf(x), -pexact * gamma, mode, n)
            p = plower + h.sf(guess)
        else:
            pupper = h.sf(a - 1)
            if h.pmf(0) > pexact * gamma:
                return pupper
            guess = binary_search(h.pmf, pexact * gamma, 0, mode)
            p = pupper + h.cdf(guess)
    return min(p, mpf(1))


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def main():
    cases = []
    for name, t in tables():
        assert sum(map(sum, t)) <= LIMIT and min(min(r) for r in t) >= 0, (name, t)
        for alt in ("two-sided", "less", "greater"):
            r = stats.fisher_exact(np.array(t, dtype=np.int64), alternative=alt)
            exact = exact_fisher(t, alt)
            cases.append({"sample": name, "table": t, "alternative": alt, "statistic": num(r[0]),
                          "pValue": num(exact), "scipy": num(r[1])})
            print(name, alt, float(exact), r[1], flush=True)
    with open("src/test/resources/drift/fisher-huge-oracle.json", "w") as f:
        json.dump({"generator": "mlops-validation/scripts/drift/generate_fisher_huge_oracle.py",
                   "numpy": np.__version__, "scipy": scipy.__version__, "mpmath": mpmath.__version__,
                   "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
