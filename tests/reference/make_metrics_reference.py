#!/usr/bin/python3
"""Reference values of the metrics, from independent implementations in
Debian's packages, written to metrics.txt for the check suite test_metrics:
  - SSIM: skimage.metrics.structural_similarity with gaussian_weights=True,
    sigma=1.5, use_sample_covariance=False (Wang et al. 2004);
  - PSNR: skimage.metrics.peak_signal_noise_ratio;
  - FID: pytorch-fid's formula with scipy.linalg.sqrtm;
  - precision and recall (Kynkaanniemi et al. 2019, k = 3): plain NumPy.
Inputs come from closed formulas that the C test evaluates too.

It also writes image_metrics.txt for tests/test_image_metrics.m: PSNR, MSE
and SSIM of other image pairs (planes 4-7) as the Octave functions read
arrays, each read as scikit-image reads it: a 2-D array as one image, an
H-by-W-by-3 array as one colour image (channel_axis=2), and a batch as
its images one by one.

    /usr/bin/python3 tests/reference/make_metrics_reference.py
"""
import os

import numpy as np
import scipy
import scipy.linalg
import skimage
from skimage.metrics import mean_squared_error, peak_signal_noise_ratio, structural_similarity


def formula(n, a, b, scale=1.0, offset=0.0):
    """value k = offset + scale * sin(a k + b), k = 0 .. n-1 (as the C test)."""
    return offset + scale * np.sin(a * np.arange(n, dtype=np.float64) + b)


def image_pair(p, h, w):
    """plane p of the image test set: x and a distorted y, in [0, 1], stored
    column-major (h the fast index) as Octave holds them."""
    x = formula(h * w, 0.37 + 0.01 * p, 0.3 * p, 0.5, 0.5) * formula(h * w, 0.011, p, 0.4, 0.6)
    y = np.clip(x + formula(h * w, 1.91, 2.0 + p, 0.08), 0, 1)
    return x.reshape(w, h).T, y.reshape(w, h).T   # row-major view of the column-major data


def features(n, d, a, b):
    return formula(n * d, a, b, 1.0).reshape(n, d) + formula(n * d, 0.013, b, 0.5).reshape(n, d)


def fid(x1, x2):
    mu1, mu2 = x1.mean(0), x2.mean(0)
    s1, s2 = np.cov(x1, rowvar=False), np.cov(x2, rowvar=False)
    covmean, _ = scipy.linalg.sqrtm(s1.dot(s2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * 1e-6
        covmean = scipy.linalg.sqrtm((s1 + offset).dot(s2 + offset))
    covmean = covmean.real
    diff = mu1 - mu2
    return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)


def radii(x, k):
    d2 = ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d2, np.inf)
    return np.sort(d2, axis=1)[:, k - 1]


def coverage(q, p, radius2):
    d2 = ((q[:, None, :] - p[None, :, :]) ** 2).sum(-1)
    return float((d2 <= radius2[None, :]).any(axis=1).mean())


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "metrics.txt")
    rows = []
    h, w = 28, 24
    for p in range(3):
        x, y = image_pair(p, h, w)
        rows.append(("ssim_%d" % p, [structural_similarity(
            x, y, data_range=1.0, gaussian_weights=True, sigma=1.5,
            use_sample_covariance=False)]))
        rows.append(("psnr_%d" % p, [peak_signal_noise_ratio(x, y, data_range=1.0)]))
        rows.append(("mse_%d" % p, [float(((x - y) ** 2).mean())]))
    # a 255-range pair of integer images
    x, y = image_pair(3, h, w)
    x8, y8 = np.round(255 * x), np.round(255 * y)
    rows.append(("ssim_uint8", [structural_similarity(
        x8.astype(np.uint8), y8.astype(np.uint8), data_range=255, gaussian_weights=True,
        sigma=1.5, use_sample_covariance=False)]))
    rows.append(("psnr_uint8", [peak_signal_noise_ratio(
        x8.astype(np.uint8), y8.astype(np.uint8), data_range=255)]))
    f1, f2 = features(200, 16, 0.77, 0.1), features(150, 16, 0.77, 0.9) * 1.1 + 0.2
    rows.append(("fid", [fid(f1, f2)]))
    rows.append(("fid_same", [fid(f1, f1)]))
    real, fake = features(120, 8, 0.53, 0.2), features(100, 8, 0.61, 1.7) * 0.9
    rows.append(("precision", [coverage(fake, real, radii(real, 3))]))
    rows.append(("recall", [coverage(real, fake, radii(fake, 3))]))
    write_rows(out_path, rows)
    write_rows(os.path.join(os.path.dirname(out_path), "image_metrics.txt"), image_rows(h, w))


def ssim(x, y, **kw):
    return structural_similarity(x, y, data_range=1.0, gaussian_weights=True, sigma=1.5,
                                 use_sample_covariance=False, **kw)


def image_rows(h, w):
    """the image metrics on one grey image, one colour image and a batch"""
    pairs = [image_pair(p, h, w) for p in range(4, 8)]
    rows = []
    x, y = pairs[0]
    rows.append(("grey_psnr", [peak_signal_noise_ratio(x, y, data_range=1.0)]))
    rows.append(("grey_mse", [mean_squared_error(x, y)]))
    rows.append(("grey_ssim", [ssim(x, y)]))
    x3 = np.stack([p[0] for p in pairs[:3]], axis=2)
    y3 = np.stack([p[1] for p in pairs[:3]], axis=2)
    rows.append(("colour_psnr", [peak_signal_noise_ratio(x3, y3, data_range=1.0)]))
    rows.append(("colour_mse", [mean_squared_error(x3, y3)]))
    rows.append(("colour_ssim", [ssim(x3, y3, channel_axis=2)]))
    rows.append(("batch_psnr", [peak_signal_noise_ratio(x, y, data_range=1.0) for x, y in pairs]))
    rows.append(("batch_mse", [mean_squared_error(x, y) for x, y in pairs]))
    rows.append(("batch_ssim", [ssim(x, y) for x, y in pairs]))
    return rows


def write_rows(path, rows):
    with open(path, "w") as out:
        out.write("# written by make_metrics_reference.py with scikit-image %s, SciPy %s, NumPy %s\n"
                  % (skimage.__version__, scipy.__version__, np.__version__))
        for name, values in rows:
            out.write("%s %d %s\n" % (name, len(values), " ".join("%.17g" % v for v in values)))
    print("wrote", path)


if __name__ == "__main__":
    main()
