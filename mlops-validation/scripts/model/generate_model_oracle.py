#!/usr/bin/python3
"""Generates the scikit-learn oracle for dev.mlops.validation.model (Evaluation, DeLong, McNemar).

Run with Debian's interpreter (scikit-learn 1.2.1, scipy 1.10.1, numpy 1.24.2):

    /usr/bin/python3 mlops-validation/scripts/model/generate_model_oracle.py \
        > mlops-validation/src/test/resources/model/oracle.json

Inputs are written out explicitly. Every expected value is either a number, the strings "nan", "inf",
"-inf", or {"error": "<scikit-learn's message>"} where scikit-learn raises. The DeLong reference is a
formula-level implementation (the O(m*n) kernel of DeLong, DeLong and Clarke-Pearson 1988, written here
from the paper's definitions), independent of the O(n log n) algorithm under test. McNemar's exact p-values
come from scipy's binomial distribution, the chi-square ones from scipy's chi-square distribution.
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn import calibration, metrics

warnings.simplefilter("ignore")


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def nums(a):
    return [num(v) for v in np.asarray(a, dtype=float).ravel()]


def attempt(fn):
    try:
        return fn()
    except (ValueError, ZeroDivisionError) as e:
        return {"error": str(e)}


def binary_case(name, y, s, w=None, thresholds=(0.5,), bins=(5, 10)):
    y = np.asarray(y, dtype=int)
    s = np.asarray(s, dtype=float)
    kw = {} if w is None else {"sample_weight": np.asarray(w, dtype=float)}
    out = {"name": name, "actual": [bool(v) for v in y], "score": nums(s)}
    if w is not None:
        out["weight"] = nums(w)
    e = {}
    e["roc_auc"] = attempt(lambda: num(metrics.roc_auc_score(y, s, **kw)))
    e["average_precision"] = attempt(lambda: num(metrics.average_precision_score(y, s, **kw)))
    e["log_loss"] = attempt(lambda: num(metrics.log_loss(y, s, labels=[0, 1], **kw)))
    e["brier_score"] = attempt(lambda: num(metrics.brier_score_loss(y, s, **kw)))
    fpr, tpr, thr = metrics.roc_curve(y, s, **kw)
    e["roc_curve"] = {"fpr": nums(fpr), "tpr": nums(tpr), "thresholds": nums(thr)}
    p, r, t = metrics.precision_recall_curve(y, s, **kw)
    e["pr_curve"] = {"precision": nums(p), "recall": nums(r), "thresholds": nums(t)}
    if w is None:
        cal = {}
        for b in bins:
            def one(b=b):
                prob_true, prob_pred = calibration.calibration_curve(y, s, n_bins=b, strategy="uniform")
                edges = np.linspace(0.0, 1.0, b + 1)
                ids = np.searchsorted(edges[1:-1], s)
                totals = np.bincount(ids, minlength=b)
                totals = totals[totals != 0]
                gaps = np.abs(prob_true - prob_pred)
                return {"prob_true": nums(prob_true), "prob_pred": nums(prob_pred), "count": nums(totals),
                        "ece": num(np.sum(totals / len(s) * gaps)), "mce": num(np.max(gaps))}
            cal[str(b)] = attempt(one)
        e["calibration"] = cal
    at = {}
    for th in thresholds:
        pred = (s >= th).astype(int)
        at[repr(float(th))] = {
            "accuracy": num(metrics.accuracy_score(y, pred, **kw)),
            "precision": num(metrics.precision_score(y, pred, zero_division=0, **kw)),
            "recall": num(metrics.recall_score(y, pred, zero_division=0, **kw)),
            "f1": num(metrics.f1_score(y, pred, zero_division=0, **kw)),
            "balanced_accuracy": num(metrics.balanced_accuracy_score(y, pred, **kw)),
            "mcc": num(metrics.matthews_corrcoef(y, pred, **kw)),
            "confusion": nums(metrics.confusion_matrix(y, pred, labels=[0, 1], **kw)),
        }
    e["at"] = at
    out["expected"] = e
    return out


def multiclass_case(name, y, probs, w=None, ks=(1, 2)):
    y = np.asarray(y, dtype=int)
    probs = np.asarray(probs, dtype=float)
    k = probs.shape[1]
    kw = {} if w is None else {"sample_weight": np.asarray(w, dtype=float)}
    pred = np.argmax(probs, axis=1)
    out = {"name": name, "actual": [int(v) for v in y], "probabilities": [nums(r) for r in probs]}
    if w is not None:
        out["weight"] = nums(w)
    e = {"accuracy": num(metrics.accuracy_score(y, pred, **kw))}
    for avg in ("micro", "macro", "weighted"):
        e["precision_" + avg] = num(metrics.precision_score(y, pred, average=avg, zero_division=0, **kw))
        e["recall_" + avg] = num(metrics.recall_score(y, pred, average=avg, zero_division=0, **kw))
        e["f1_" + avg] = num(metrics.f1_score(y, pred, average=avg, zero_division=0, **kw))
    e["log_loss"] = attempt(lambda: num(metrics.log_loss(y, probs, labels=list(range(k)), **kw)))
    e["roc_auc_ovr_macro"] = attempt(lambda: num(metrics.roc_auc_score(y, probs, multi_class="ovr", average="macro", **kw)))
    e["cohen_kappa"] = num(metrics.cohen_kappa_score(y, pred, **kw))
    e["confusion"] = nums(metrics.confusion_matrix(y, pred, labels=list(range(k)), **kw))
    e["top_k"] = {str(kk): attempt(lambda kk=kk: num(metrics.top_k_accuracy_score(y, probs, k=kk, labels=list(range(k)), **kw)))
                  for kk in ks}
    out["expected"] = e
    return out


def regression_case(name, y, p, w=None, alphas=(0.1, 0.5, 0.9)):
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    kw = {} if w is None else {"sample_weight": np.asarray(w, dtype=float)}
    out = {"name": name, "actual": nums(y), "predicted": nums(p)}
    if w is not None:
        out["weight"] = nums(w)
    e = {
        "mae": num(metrics.mean_absolute_error(y, p, **kw)),
        "mse": num(metrics.mean_squared_error(y, p, **kw)),
        "rmse": num(metrics.mean_squared_error(y, p, squared=False, **kw)),
        "r2": num(metrics.r2_score(y, p, **kw)),
        "mape": num(metrics.mean_absolute_percentage_error(y, p, **kw)),
        "median_ae": num(metrics.median_absolute_error(y, p, **kw)),
        "explained_variance": num(metrics.explained_variance_score(y, p, **kw)),
        "pinball": {repr(a): num(metrics.mean_pinball_loss(y, p, alpha=a, **kw)) for a in alphas},
    }
    out["expected"] = e
    return out


def delong_reference(y, a, b):
    """DeLong et al. (1988) from the definitions: psi kernel over every (positive, negative) pair."""
    y = np.asarray(y, dtype=bool)
    scores = [np.asarray(a, dtype=float), np.asarray(b, dtype=float)]
    m, n = int(y.sum()), int((~y).sum())
    v10 = np.empty((2, m))
    v01 = np.empty((2, n))
    aucs = []
    for r, s in enumerate(scores):
        x, z = s[y], s[~y]
        psi = (x[:, None] > z[None, :]).astype(float) + 0.5 * (x[:, None] == z[None, :])
        v10[r] = psi.mean(axis=1)
        v01[r] = psi.mean(axis=0)
        aucs.append(psi.mean())
    s10 = np.cov(v10)
    s01 = np.cov(v01)
    cov = s10 / m + s01 / n
    var = cov[0, 0] + cov[1, 1] - 2 * cov[0, 1]
    diff = aucs[0] - aucs[1]
    z = diff / math.sqrt(var)
    return {"auc_a": num(aucs[0]), "auc_b": num(aucs[1]), "var_a": num(cov[0, 0]), "var_b": num(cov[1, 1]),
            "covariance": num(cov[0, 1]), "variance": num(var), "z": num(z), "p_value": num(2 * stats.norm.sf(abs(z)))}


def mcnemar_reference(b, c):
    n = b + c
    exact = min(1.0, 2 * stats.binom.cdf(min(b, c), n, 0.5))
    chi = (abs(b - c) - 1) ** 2 / n if n > 0 else 0.0
    return {"b": b, "c": c, "exact_p": num(exact),
            "chi2_statistic": num(chi), "chi2_p": num(stats.chi2.sf(chi, 1)) if n > 0 else 1.0}


def main():
    rng = np.random.RandomState(20261206)
    binary = []
    n = 200
    y = rng.randint(0, 2, n)
    s = np.clip(0.35 * y + rng.uniform(0, 0.65, n), 0, 1)
    binary.append(binary_case("continuous", y, s, thresholds=(0.5, 0.3, 0.9)))
    ties = np.round(s * 10) / 10
    binary.append(binary_case("ties", y, ties, thresholds=(0.5, 0.4, 0.0, 1.0)))
    binary.append(binary_case("constant scores", y, np.full(n, 0.5), thresholds=(0.5, 0.6)))
    w = rng.uniform(0, 3, n)
    w[rng.randint(0, n, 20)] = 0.0
    binary.append(binary_case("weighted ties", y, ties, w=w, thresholds=(0.5, 0.7)))
    binary.append(binary_case("weighted continuous", y, s, w=np.round(w * 4) / 4, thresholds=(0.5,)))
    binary.append(binary_case("all positive", np.ones(20, dtype=int), rng.uniform(0, 1, 20), thresholds=(0.5,)))
    binary.append(binary_case("all negative", np.zeros(20, dtype=int), rng.uniform(0, 1, 20), thresholds=(0.5,)))
    binary.append(binary_case("one row", [1], [0.7], thresholds=(0.5, 0.8)))
    binary.append(binary_case("two rows", [0, 1], [0.2, 0.2], thresholds=(0.2,)))
    binary.append(binary_case("three rows", [1, 0, 1], [0.9, 0.4, 0.1], thresholds=(0.5,)))
    binary.append(binary_case("hard zeros and ones", [1, 0, 1, 0, 1, 0], [1.0, 0.0, 0.0, 1.0, 0.5, 0.5],
                              thresholds=(0.5,)))
    margins = rng.normal(0, 2, 150)
    ym = (margins + rng.normal(0, 2, 150) > 0).astype(int)
    binary.append(binary_case("decision function", ym, margins, thresholds=(0.0, 1.5), bins=()))
    edges = np.array([0.0, 0.1, 0.2, 0.30000000000000004, 0.3, 0.5, 0.7000000000000001, 0.9, 1.0, 0.05])
    binary.append(binary_case("bin edges", [1, 0, 1, 0, 1, 0, 1, 1, 0, 0], edges, thresholds=(0.3,), bins=(10, 3)))

    multiclass = []
    n = 180
    y3 = rng.randint(0, 3, n)
    raw = rng.dirichlet([1, 1, 1], n)
    raw[np.arange(n), y3] += 0.4
    p3 = raw / raw.sum(axis=1, keepdims=True)
    multiclass.append(multiclass_case("three classes", y3, p3))
    multiclass.append(multiclass_case("three classes weighted", y3, p3, w=rng.uniform(0, 2, n)))
    y4 = rng.randint(0, 4, 120)
    q = np.round(rng.dirichlet([2, 1, 1, 1], 120) * 4) / 4
    q[:, 0] += 1 - q.sum(axis=1)
    multiclass.append(multiclass_case("four classes with ties", y4, q, ks=(1, 2, 3)))
    y_missing = np.where(y3 == 2, 1, y3)
    multiclass.append(multiclass_case("class never actual", y_missing, p3))
    never_pred = p3.copy()
    never_pred[:, 2] = 0.0
    never_pred = never_pred / never_pred.sum(axis=1, keepdims=True)
    multiclass.append(multiclass_case("class never predicted", y3, never_pred))
    multiclass.append(multiclass_case("unnormalized", y3[:30], p3[:30] * 2.0, ks=(1,)))
    multiclass.append(multiclass_case("one class everywhere", [0, 0, 0], [[0.8, 0.1, 0.1]] * 3, ks=(1,)))

    regression = []
    n = 150
    x = rng.normal(10, 4, n)
    yhat = x + rng.normal(0, 1.5, n)
    regression.append(regression_case("gaussian", x, yhat))
    regression.append(regression_case("gaussian weighted", x, yhat, w=rng.uniform(0, 2, n)))
    regression.append(regression_case("integer weights with ties", np.round(x), np.round(yhat), w=rng.randint(0, 4, n).astype(float)))
    regression.append(regression_case("even count", [1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 2.0, 6.0]))
    regression.append(regression_case("zeros in actual", [0.0, 1.0, -2.0, 0.0], [0.5, 1.0, -1.0, 0.0]))
    regression.append(regression_case("constant actual exact", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0]))
    regression.append(regression_case("constant actual wrong", [2.0, 2.0, 2.0], [1.0, 2.0, 3.5]))
    regression.append(regression_case("one row", [3.0], [2.5]))

    delong = []
    for seed, n, tie in ((1, 60, False), (2, 200, False), (3, 150, True), (4, 301, True)):
        r = np.random.RandomState(seed)
        yy = r.randint(0, 2, n)
        a = yy * 0.8 + r.normal(0, 1, n)
        b = yy * 0.5 + 0.6 * a + r.normal(0, 1, n)
        if tie:
            a = np.round(a * 2) / 2
            b = np.round(b * 2) / 2
        case = {"name": "seed %d n %d%s" % (seed, n, " ties" if tie else ""), "actual": [bool(v) for v in yy],
                "a": nums(a), "b": nums(b)}
        case["expected"] = delong_reference(yy, a, b)
        delong.append(case)

    mcnemar = [mcnemar_reference(b, c) for b, c in
               ((0, 0), (0, 1), (1, 1), (3, 9), (9, 3), (12, 12), (0, 24), (10, 14), (25, 40), (120, 95), (1000, 1100))]

    json.dump({"generator": "generate_model_oracle.py",
               "versions": {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
               "binary": binary, "multiclass": multiclass, "regression": regression,
               "delong": delong, "mcnemar": mcnemar}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
