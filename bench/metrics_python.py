#!/usr/bin/python3
"""The reference implementations timed on the same work as bench/metrics_octave.m:
scikit-image's structural_similarity over 10,000 pairs of 28x28 images (one
call per pair, as it takes one image), pytorch-fid's formula with SciPy's sqrtm
on 10,000-by-64 features, and precision/recall (k = 3) in blocked NumPy.
Prints one JSON line."""
import json
import time

import numpy as np
import scipy.linalg
from skimage.metrics import structural_similarity

rng = np.random.default_rng(1)
x = rng.random((10000, 28, 28))
y = np.clip(x + 0.1 * rng.standard_normal(x.shape), 0, 1)
f1 = rng.standard_normal((10000, 64))
f2 = 1.1 * rng.standard_normal((10000, 64)) + 0.1

t = time.perf_counter()
s = np.mean([structural_similarity(a, b, data_range=1.0, gaussian_weights=True, sigma=1.5,
                                   use_sample_covariance=False) for a, b in zip(x, y)])
t_ssim = time.perf_counter() - t

t = time.perf_counter()
mu1, mu2 = f1.mean(0), f2.mean(0)
s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
covmean = scipy.linalg.sqrtm(s1.dot(s2)).real
fid = (mu1 - mu2).dot(mu1 - mu2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)
t_fid = time.perf_counter() - t


def sq_dist(a, b):
    return np.maximum((a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T, 0)


def radii(a, k=3):
    out = np.empty(len(a))
    for i in range(0, len(a), 1000):
        d = sq_dist(a[i:i + 1000], a)
        d[np.arange(d.shape[0]), np.arange(i, i + d.shape[0])] = np.inf
        out[i:i + 1000] = np.partition(d, k - 1, axis=1)[:, k - 1]
    return out


def coverage(q, p, r2):
    return np.mean(np.concatenate([(sq_dist(q[i:i + 1000], p) <= r2[None, :]).any(1)
                                   for i in range(0, len(q), 1000)]))


t = time.perf_counter()
precision = coverage(f2, f1, radii(f1))
recall = coverage(f1, f2, radii(f2))
t_pr = time.perf_counter() - t
print(json.dumps({"impl": "reference", "ssim_s": t_ssim, "fid_s": t_fid, "pr_s": t_pr,
                  "ssim": s, "fid": fid, "precision": precision, "recall": recall}))
