#!/usr/bin/python3
"""Reference AUROC for the test in inst/ae_roc.m, from SciPy's Mann-Whitney
U statistic (AUROC = U / (n_anomalies * n_normal), ties counted one half),
an implementation independent of ae_roc's curve and trapezoids. The scores
and labels come from the closed formulas the Octave test evaluates too.

    /usr/bin/python3 tests/reference/make_roc_reference.py
"""
import numpy as np
import scipy
from scipy.stats import mannwhitneyu

k = np.arange(200, dtype=np.float64)
scores = np.round(10 * (0.5 + 0.5 * np.sin(0.37 * k + 0.3) + 0.3 * (np.mod(k, 7) == 3))) / 10
labels = np.mod(k ** 2 + 3 * k, 11) < 4
u = mannwhitneyu(scores[labels], scores[~labels], alternative="two-sided").statistic
auc = u / (labels.sum() * (~labels).sum())
print("# SciPy %s: %d anomalies, %d normal, %d distinct scores"
      % (scipy.__version__, labels.sum(), (~labels).sum(), len(np.unique(scores))))
print(repr(float(auc)))
