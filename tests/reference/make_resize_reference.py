#!/usr/bin/python3
"""Reference values of ae_resize, from Pillow's convolution resampler
(Image.resize on 32-bit float images, BICUBIC and BILINEAR: Keys' kernel
with a = -0.5 and the triangle, stretched by 1/scale when shrinking, pixel
centres at (i + 0.5) / scale), written to resize.txt for the test in
inst/ae_resize.m. Pillow clips its kernel at the image's edges where
MATLAB's imresize mirrors the image, so each case lists the rows and
columns whose kernel lies inside the image: there the two must agree.

    /usr/bin/python3 tests/reference/make_resize_reference.py
"""
import math
import os

import numpy as np
import PIL
from PIL import Image

SUPPORT = {"bicubic": 2.0, "bilinear": 1.0}
FILTER = {"bicubic": Image.Resampling.BICUBIC, "bilinear": Image.Resampling.BILINEAR}


def inside(n_in, n_out, method):
    """1-based output indices whose kernel stays within [0, n_in]."""
    scale = n_out / n_in
    support = SUPPORT[method] / min(scale, 1.0)
    keep = []
    for i in range(n_out):
        centre = (i + 0.5) / scale
        if centre - support >= 0 and centre + support <= n_in:
            keep.append(i + 1)
    return keep


def octave_matrix(a):
    return "[" + ";\n".join(" ".join(repr(float(v)) for v in row) for row in a) + "]"


def main():
    h, w = 13, 17
    r, c = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    image = 0.5 + 0.3 * np.sin(0.7 * r + 0.2) * np.cos(0.45 * c - 0.3) + 0.01 * r
    cases = [((30, 40), "bicubic"), ((26, 21), "bilinear"), ((5, 6), "bicubic"),
             ((6, 7), "bilinear"), ((13, 34), "bicubic")]
    lines = ["# written by make_resize_reference.py with Pillow %s, NumPy %s"
             % (PIL.__version__, np.__version__),
             "A = " + octave_matrix(image) + ";", "cases = {};"]
    for (out_h, out_w), method in cases:
        pil = Image.fromarray(image.astype(np.float32), mode="F")
        out = np.asarray(pil.resize((out_w, out_h), FILTER[method]), dtype=np.float64)
        rows, cols = inside(h, out_h, method), inside(w, out_w, method)
        assert rows and cols, (out_h, out_w, method)
        lines.append('cases{end+1} = struct ("size", [%d %d], "method", "%s", "rows", [%s], '
                     '"cols", [%s], "B", %s);'
                     % (out_h, out_w, method, " ".join(map(str, rows)),
                        " ".join(map(str, cols)), octave_matrix(out)))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "resize.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
