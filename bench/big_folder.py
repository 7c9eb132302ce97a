#!/usr/bin/python3
"""A folder of image files larger than this machine's memory as single data,
for bench/run-datastore-bench: N PNG files of 128 x 128 x 3 (150,000 are
29.5 GB as single values), 1,000 to a sub-folder, made from Fashion-MNIST's
70,000 images (Debian's dataset-fashion-mnist) as bench/image_files.py makes
its files: enlarged, tinted by a random colour each, with a camera's noise.

    big_folder.py ROOT N [WORKER WORKERS]   (files k = WORKER mod WORKERS)
"""
import gzip
import os
import sys

import numpy as np
from PIL import Image


def fashion():
    path = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
    images = []
    for name in ("train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"):
        with gzip.open(os.path.join(path, name)) as f:
            images.append(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28))
    return np.concatenate(images)


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    worker, workers = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (0, 1)
    digits = fashion()
    for k in range(worker, n, workers):
        folder = os.path.join(root, f"{k // 1000:03d}")
        path = os.path.join(folder, f"{k:06d}.png")
        if os.path.exists(path):
            continue
        os.makedirs(folder, exist_ok=True)
        rng = np.random.default_rng(k)
        big = Image.fromarray(digits[k % len(digits)]).resize((128, 128), Image.BICUBIC)
        v = np.asarray(big, np.float32)[:, :, None] / 255 * rng.uniform(0.3, 1.0, 3) \
            + rng.uniform(0.0, 0.3, 3)
        v = v + rng.normal(0, 0.02, v.shape)
        Image.fromarray(np.clip(np.rint(v * 255), 0, 255).astype(np.uint8)).save(path + ".part", "PNG")
        os.replace(path + ".part", path)


if __name__ == "__main__":
    main()
