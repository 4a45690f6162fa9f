#!/usr/bin/python3
"""Generates the scipy oracle for dev.mlops.validation.drift.DriftStatistics.

Run with Debian's interpreter (numpy 1.24, scipy 1.10.1):

    /usr/bin/python3 mlops-validation/scripts/drift/generate_drift_oracle.py \
        > mlops-validation/src/test/resources/drift/oracle.json

Inputs are either listed explicitly or described by a 64-bit LCG that the Java test replays bit for bit
(integer arithmetic and IEEE additions only), so large samples do not bloat the repository.
Non-finite numbers are written as the strings "inf", "-inf" and "nan".
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

MASK = (1 << 64) - 1


def lcg(seed, n, shape):
    """Replayed by the Java test: see OracleInputs.java."""
    s = seed & MASK
    out = []
    for _ in range(n):
        vals = []
        for _ in range(3):
            s = (s * 6364136223846793005 + 1442695040888963407) & MASK
            vals.append((s >> 11) * (1.0 / 9007199254740992.0))
        u = vals[0]
        if shape == "uniform":
            out.append(u)
        elif shape == "bell":  # a bell shape from the sum of three uniforms, mean 0
            out.append(((vals[0] + vals[1]) + vals[2]) - 1.5)
        elif shape == "ties":  # 21 distinct values 0.0, 0.5, ..., 10.0
            out.append(math.floor(u * 21.0) / 2.0)
        else:
            raise ValueError(shape)
    return out


def spec_values(spec):
    if isinstance(spec, list):
        return [float(v) for v in spec]
    v = lcg(spec["seed"], spec["n"], spec["shape"])
    return [x * spec.get("scale", 1.0) + spec.get("shift", 0.0) for x in v]


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


SAMPLES = {
    "tiny_tie": ([1.5, 2.0, 3.7], [0.2, 2.0, 2.5, 4.1]),
    "small_no_ties": ([0.11, -1.3, 0.72, 2.05, -0.44, 1.31, 0.09],
                      [0.93, 1.77, -0.21, 2.6, 1.12, 3.05, 0.58, 1.49, 2.21]),
    "equal_n_shift": ({"seed": 1, "n": 50, "shape": "bell"},
                      {"seed": 2, "n": 50, "shape": "bell", "shift": 0.3}),
    "ties_unequal": ({"seed": 3, "n": 30, "shape": "ties"},
                     {"seed": 4, "n": 45, "shape": "ties", "shift": 0.5}),
    "medium_scale": ({"seed": 5, "n": 200, "shape": "bell"},
                     {"seed": 6, "n": 150, "shape": "bell", "scale": 1.4}),
    "same_distribution": ({"seed": 7, "n": 400, "shape": "uniform"},
                          {"seed": 8, "n": 333, "shape": "uniform"}),
    "large_asymptotic": ({"seed": 9, "n": 12000, "shape": "bell"},
                         {"seed": 10, "n": 15000, "shape": "bell", "shift": 0.02}),
    "large_ties": ({"seed": 11, "n": 20000, "shape": "ties"},
                   {"seed": 12, "n": 11000, "shape": "ties"}),
    "cvm_exact_ties": ([1.0, 2.0, 2.0, 3.0, 5.0, 5.0], [2.0, 3.0, 4.0, 4.0, 6.0, 7.0, 8.0]),
    "mwu_exact_small": ([3.1, 4.7, 1.2, 8.8, 5.5], [6.1, 9.2, 7.3, 10.4, 2.2, 11.9, 12.5, 13.1]),
    "cvm_exact_boundary": ({"seed": 15, "n": 20, "shape": "bell"},
                           {"seed": 16, "n": 18, "shape": "bell", "shift": 0.4}),
    "ks_exact_boundary": ({"seed": 17, "n": 10000, "shape": "bell"},
                          {"seed": 18, "n": 2500, "shape": "bell", "shift": 0.05}),
    "two_values": ([2.5, 0.5], [1.0, 3.0, 3.0]),
    "mwu_exact_lopsided": ({"seed": 13, "n": 6, "shape": "bell"},
                           {"seed": 14, "n": 300, "shape": "bell", "shift": 0.1}),
}


def continuous_cases():
    cases = []
    for name, (xs, ys) in SAMPLES.items():
        x = np.array(spec_values(xs))
        y = np.array(spec_values(ys))
        base = {"sample": name, "x": xs, "y": ys}
        big = max(len(x), len(y))

        r = stats.ks_2samp(x, y)
        method = "EXACT" if big <= 10000 else "ASYMPTOTIC"
        cases.append(dict(base, kernel="ks", statistic=num(r.statistic), pValue=num(r.pvalue), method=method))
        r = stats.ks_2samp(x, y, method="asymp")
        cases.append(dict(base, kernel="ksAsymptotic", statistic=num(r.statistic), pValue=num(r.pvalue),
                          method="ASYMPTOTIC"))
        w = stats.wasserstein_distance(x, y)
        cases.append(dict(base, kernel="wasserstein", statistic=num(w)))
        cases.append(dict(base, kernel="wassersteinNormalized", statistic=num(w / np.std(x))))
        cases.append(dict(base, kernel="energyDistance", statistic=num(stats.energy_distance(x, y))))
        for midrank in (True, False):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                r = stats.anderson_ksamp([x, y], midrank=midrank)
            clipped = any("capped" in str(c.message) or "floored" in str(c.message) for c in caught)
            cases.append(dict(base, kernel="andersonDarling", midrank=midrank, statistic=num(r.statistic),
                              pValue=num(r.significance_level), clipped=clipped))
        methods = ["auto", "asymptotic"] + (["exact"] if big <= 20 else [])
        for m in methods:
            r = stats.cramervonmises_2samp(x, y, method=m)
            used = ("EXACT" if big <= 20 else "ASYMPTOTIC") if m == "auto" else m.upper()
            cases.append(dict(base, kernel="cramerVonMises", requested=m.upper(), method=used,
                              statistic=num(r.statistic), pValue=num(r.pvalue)))
        for eq in (True, False):
            r = stats.ttest_ind(x, y, equal_var=eq)
            cases.append(dict(base, kernel="tTest", equalVariances=eq, statistic=num(r.statistic),
                              pValue=num(r.pvalue)))
        has_ties = len(np.unique(np.concatenate([x, y]))) < len(x) + len(y)
        auto = "ASYMPTOTIC" if (len(x) > 8 and len(y) > 8) or has_ties else "EXACT"
        for alt in ("two-sided", "less", "greater"):
            r = stats.mannwhitneyu(x, y, alternative=alt)
            cases.append(dict(base, kernel="mannWhitney", alternative=alt, requested="AUTO", method=auto,
                              statistic=num(r.statistic), pValue=num(r.pvalue)))
        if min(len(x), len(y)) <= 8:
            r = stats.mannwhitneyu(x, y, method="exact")
            cases.append(dict(base, kernel="mannWhitney", alternative="two-sided", requested="EXACT",
                              method="EXACT", statistic=num(r.statistic), pValue=num(r.pvalue)))
        r = stats.mannwhitneyu(x, y, method="asymptotic", use_continuity=False)
        cases.append(dict(base, kernel="mannWhitney", alternative="two-sided", requested="ASYMPTOTIC",
                          continuity=False, method="ASYMPTOTIC", statistic=num(r.statistic),
                          pValue=num(r.pvalue)))
    # three samples for the k-sample Anderson-Darling test
    xs = [spec_values({"seed": 21, "n": 40, "shape": "ties"}),
          spec_values({"seed": 22, "n": 55, "shape": "ties"}),
          spec_values({"seed": 23, "n": 31, "shape": "ties", "shift": 1.0})]
    for shift in (0.0, 1.0):
        xs[2] = spec_values({"seed": 23, "n": 31, "shape": "ties", "shift": shift})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = stats.anderson_ksamp([np.array(v) for v in xs])
        clipped = any("capped" in str(c.message) or "floored" in str(c.message) for c in caught)
        cases.append({"kernel": "andersonDarling", "sample": "three_samples_shift_%g" % shift, "samples": list(xs),
                      "midrank": True, "statistic": num(r.statistic), "pValue": num(r.significance_level),
                      "clipped": clipped})
    return cases


# Kolmogorov-Smirnov with a single value on one side or both (scipy accepts them, Commons Statistics does
# not); ks_2samp is two-sided here because DriftStatistics.ks is. "refused" marks inputs where scipy's
# p-value is NaN, which the Java API refuses with InvalidInputException.
KS_SINGLE_SAMPLES = {
    "one_vs_three": ([0.5], [0.1, 0.2, 0.3]),
    "one_vs_five": ([0.5], [0.1, 0.2, 0.3, 0.7, 0.9]),
    "one_in_middle": ([5.0], [1.0, 2.0, 3.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0]),
    "three_vs_one": ([0.1, 0.2, 0.3], [0.5]),
    "eleven_vs_one_low": ([1.0, 2.0, 3.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0], [2.5]),
    "one_vs_one": ([1.0], [2.0]),
    "one_vs_one_tie": ([1.0], [1.0]),
    "one_tied_inside": ([2.0], [1.0, 2.0, 2.0, 3.0]),
    "one_tied_at_minimum": ([1.0], [1.0, 2.0, 3.0, 4.0]),
    "one_tied_all": ([3.0], [3.0, 3.0]),
    "ties_vs_one": ({"seed": 31, "n": 40, "shape": "ties"}, [5.0]),
    "one_vs_exact_boundary": ([0.9], {"seed": 32, "n": 10000, "shape": "uniform"}),
    "one_vs_large": ([0.3], {"seed": 33, "n": 12000, "shape": "uniform"}),
}


def ks_single_cases():
    cases = []
    for name, (xs, ys) in KS_SINGLE_SAMPLES.items():
        x = np.array(spec_values(xs))
        y = np.array(spec_values(ys))
        base = {"sample": name, "x": xs, "y": ys}
        r = stats.ks_2samp(x, y)
        method = "EXACT" if max(len(x), len(y)) <= 10000 else "ASYMPTOTIC"
        cases.append(dict(base, kernel="ks", statistic=num(r.statistic), pValue=num(r.pvalue), method=method))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = stats.ks_2samp(x, y, method="asymp")
        case = dict(base, kernel="ksAsymptotic", statistic=num(r.statistic), pValue=num(r.pvalue),
                    method="ASYMPTOTIC")
        if math.isnan(r.pvalue):
            case["refused"] = True
        cases.append(case)
    return cases


TABLES = {
    "balanced": [[25, 30, 45], [28, 33, 39]],
    "shifted": [[120, 80, 40, 10], [60, 70, 90, 40]],
    "two_by_two": [[12, 5], [7, 15]],
    "two_by_two_small_diff": [[10, 10], [10, 11]],
    "two_by_two_large": [[10450, 9550], [9980, 10020]],
    "sparse": [[0, 3, 12, 1], [2, 0, 9, 7]],
    "large_counts": [[152000, 98000, 31000], [149500, 101000, 30500]],
}


def table_cases():
    cases = []
    for name, t in TABLES.items():
        for corr in (True, False):
            r = stats.chi2_contingency(np.array(t), correction=corr)
            cases.append({"kernel": "chiSquare", "sample": name, "table": t, "yates": corr,
                          "statistic": num(r[0]), "pValue": num(r[1]), "dof": int(r[2])})
            r = stats.chi2_contingency(np.array(t), correction=corr, lambda_="log-likelihood")
            cases.append({"kernel": "gTest", "sample": name, "table": t, "yates": corr,
                          "statistic": num(r[0]), "pValue": num(r[1]), "dof": int(r[2])})
    for name, t in [("two_by_two", [[12, 5], [7, 15]]), ("zero_cell", [[0, 9], [6, 4]]),
                    ("tea", [[3, 1], [1, 3]]), ("large", [[102, 80], [75, 110]]),
                    ("tied_pmf", [[5, 5], [5, 5]]), ("lopsided", [[1, 40], [20, 3]])]:
        for alt in ("two-sided", "less", "greater"):
            r = stats.fisher_exact(np.array(t), alternative=alt)
            cases.append({"kernel": "fisherExact", "sample": name, "table": t, "alternative": alt,
                          "statistic": num(r[0]), "pValue": num(r[1])})
    # two-proportion z-test, pooled variance (statsmodels' proportions_ztest default)
    for name, (s1, n1, s2, n2) in [("moderate", (45, 200, 70, 210)), ("tiny", (2, 9, 5, 11)),
                                   ("large", (50210, 100000, 49770, 100000))]:
        p1, p2 = s1 / n1, s2 / n2
        pooled = (s1 + s2) / (n1 + n2)
        z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
        for alt, p in (("two-sided", 2 * stats.norm.sf(abs(z))), ("less", stats.norm.cdf(z)),
                       ("greater", stats.norm.sf(z))):
            cases.append({"kernel": "zTestProportions", "sample": name, "counts": [s1, n1, s2, n2],
                          "alternative": alt, "statistic": num(z), "pValue": num(p)})
    return cases


HISTOGRAMS = {
    "close": ([120, 340, 290, 150, 100], [110, 330, 310, 160, 90]),
    "shifted": ([500, 300, 150, 50], [200, 300, 300, 200]),
    "probabilities": ([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]),
    "zero_in_current": ([10, 20, 30, 40], [0, 25, 35, 40]),
    "zero_in_reference": ([0, 25, 35, 40], [10, 20, 30, 40]),
    "identical": ([3, 3, 3], [6, 6, 6]),
}


def histogram_cases():
    cases = []
    for name, (ref, cur) in HISTOGRAMS.items():
        p = np.asarray(ref, dtype=float) / np.sum(ref)
        q = np.asarray(cur, dtype=float) / np.sum(cur)
        base = {"sample": name, "reference": ref, "current": cur}
        with np.errstate(divide="ignore", invalid="ignore"):
            psi = np.sum((q - p) * np.log(q / p))
        cases.append(dict(base, kernel="psi", statistic=num(psi)))
        for b in (math.e, 2.0):
            cases.append(dict(base, kernel="kl", base=b, statistic=num(stats.entropy(ref, cur, base=b))))
            cases.append(dict(base, kernel="jensenShannon", base=b,
                              statistic=num(distance.jensenshannon(ref, cur, base=b))))
        cases.append(dict(base, kernel="hellinger",
                          statistic=num(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2.0))))
        cases.append(dict(base, kernel="lInfinity", statistic=num(np.max(np.abs(p - q)))))
    return cases


def main():
    out = {
        "generator": "mlops-validation/scripts/drift/generate_drift_oracle.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "cases": continuous_cases() + ks_single_cases() + table_cases() + histogram_cases(),
    }
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
