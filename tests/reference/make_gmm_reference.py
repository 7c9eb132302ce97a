#!/usr/bin/python3
"""A Gaussian mixture fitted by scikit-learn's GaussianMixture (EM, full
covariances) on points from a closed formula, written to gmm.txt for
ae_gmm_fit's tests. Run with Debian's python3-sklearn:

    /usr/bin/python3 tests/reference/make_gmm_reference.py

Point k (k = 0 .. 599) of 3 groups in 3 dimensions: group g = k mod 3 at
centre (4 g, 2 sin g, -g), plus (sin(1.7 k + 0.3), 0.6 cos(2.3 k + 0.1),
0.4 sin(0.9 k) + 0.3 sin(1.7 k + 0.3)); the fit starts from the centres
plus 0.1 (means_init) with equal weights, and runs to a change of the mean
log-likelihood under 1e-13 with reg_covar 1e-6: the fixed point EM reaches
from there, whatever the implementation.
"""
import os

import numpy as np
from sklearn.mixture import GaussianMixture

k = np.arange(600)
g = k % 3
centres = np.stack([4.0 * np.arange(3), 2 * np.sin(np.arange(3)), -np.arange(3.0)], 1)
points = centres[g] + np.stack([np.sin(1.7 * k + 0.3), 0.6 * np.cos(2.3 * k + 0.1),
                                0.4 * np.sin(0.9 * k) + 0.3 * np.sin(1.7 * k + 0.3)], 1)
gmm = GaussianMixture(n_components=3, covariance_type="full", tol=1e-13, reg_covar=1e-6,
                      max_iter=10000, means_init=centres + 0.1,
                      weights_init=np.full(3, 1 / 3)).fit(points)
assert gmm.converged_
lines = []


def put(name, values):
    values = np.asarray(values, dtype=float).flatten(order="F").tolist()
    lines.append(name + " " + str(len(values)) + " " + " ".join("%.15g" % v for v in values))


put("gmm_weights", gmm.weights_)
put("gmm_means", gmm.means_.T)                    # d-by-K, a column per component
put("gmm_covariances", np.transpose(gmm.covariances_, (1, 2, 0)))   # d-by-d-by-K
put("gmm_score", [gmm.score(points)])             # mean log-likelihood per point
put("gmm_bic", [gmm.bic(points)])

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "gmm.txt"), "w") as f:
    f.write("# made by make_gmm_reference.py with scikit-learn %s\n"
            % __import__("sklearn").__version__)
    f.write("\n".join(lines) + "\n")
