#!/usr/bin/python3
"""Prints scipy's kstwo.sf(x, n), the two-sided one-sample Kolmogorov-Smirnov tail, at the points that
SmirnovTailTest checks (large n with 2.2 <= n x^2 < 370, where the Smirnov tail sum applies). Run with
Debian's python3 and scipy:

    /usr/bin/python3 mlops-validation/scripts/drift/kstwo_sf_values.py
"""
import scipy
from scipy import stats

POINTS = [(500000, 0.004144), (500000, 0.0025), (141, 0.2), (1000000, 0.002), (250000, 0.01),
          (100000, 0.02), (5000, 0.03), (20000, 0.1)]
print("# scipy", scipy.__version__)
for n, x in POINTS:
    print("%d, %r, %r" % (n, x, float(stats.kstwo.sf(x, n))))
