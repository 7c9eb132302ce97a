#!/usr/bin/python3
"""Image files and what Pillow decodes from them, for the C decoder's test
(tests/check/test_images.c): small PNG files of each colour type and depth
and JPEG files (baseline, progressive, grey, CMYK), written by Pillow into
tests/reference/images/, and their pixels as Pillow reads them into
images.txt: one line "name count v..." per file, the values column by
column (Octave's order: row fastest, then column, then channel), an alpha
channel dropped and a palette expanded as the package does, after a line
"name_shape 3 height width channels".

    /usr/bin/python3 tests/reference/make_image_reference.py
"""
import os

import numpy as np
import PIL
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDER = os.path.join(HERE, "images")


def pattern(h, w, c, seed):
    rng = np.random.default_rng(seed)
    rows, cols = np.mgrid[0:h, 0:w]
    base = (37 * rows + 23 * cols)[:, :, None] + 61 * np.arange(c)[None, None, :]
    return ((base + rng.integers(0, 40, (h, w, c))) % 256).astype(np.uint8)


def files():
    rgb = pattern(7, 5, 3, 1)
    grey = pattern(7, 5, 1, 2)[:, :, 0]
    photo = pattern(16, 12, 3, 3)
    return [
        ("rgb.png", Image.fromarray(rgb), {}),
        ("grey.png", Image.fromarray(grey), {}),
        ("grey16.png", Image.fromarray((pattern(6, 4, 1, 4)[:, :, 0].astype(np.uint16) * 257 + 3)
                                       .astype(np.uint16), "I;16"), {}),
        ("palette.png", Image.fromarray(rgb).convert("P", palette=Image.Palette.ADAPTIVE,
                                                     colors=16), {}),
        ("rgba.png", Image.fromarray(np.dstack([rgb, pattern(7, 5, 1, 5)])), {}),
        ("grey_alpha.png", Image.merge("LA", [Image.fromarray(grey), Image.fromarray(grey[::-1])]), {}),
        ("bilevel.png", Image.fromarray(pattern(3, 9, 1, 6)[:, :, 0] > 127), {}),
        ("rgb.jpg", Image.fromarray(photo), {"quality": 90}),
        ("grey.jpg", Image.fromarray(photo[:, :, 1]), {"quality": 90}),
        ("progressive.jpg", Image.fromarray(photo), {"quality": 80, "progressive": True}),
        ("cmyk.jpg", Image.fromarray(photo[:8, :8]).convert("CMYK"), {"quality": 90}),
    ]


def octave_order(values):
    """h x w x c values, column by column as Octave holds them."""
    return values.transpose(2, 1, 0).reshape(-1)


def main():
    os.makedirs(FOLDER, exist_ok=True)
    lines = [f"# made by make_image_reference.py with Pillow {PIL.__version__}"]
    for name, image, options in files():
        path = os.path.join(FOLDER, name)
        image.save(path, **options)
        with Image.open(path) as read:
            if read.mode == "CMYK":
                continue   # refused by the C decoder: no values
            if read.mode in ("P", "RGBA"):
                read = read.convert("RGBA").convert("RGB")
            elif read.mode == "LA":
                read = read.getchannel("L")
            elif read.mode == "1":
                read = read.convert("L")
            values = np.asarray(read)
        if values.ndim == 2:
            values = values[:, :, None]
        key = name.replace(".", "_")
        h, w, c = values.shape
        lines.append(f"{key}_shape 3 {h} {w} {c}")
        lines.append(f"{key} {values.size} " + " ".join(str(int(v)) for v in octave_order(values)))
    with open(os.path.join(HERE, "images.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
