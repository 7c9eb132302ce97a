#!/usr/bin/python3
"""The image-reading benchmark's files and its Pillow side.

  image_files.py make ROOT           writes the cases' folders under ROOT
  image_files.py read FOLDER MODE [H W]
  image_files.py batches FOLDER MODE BATCH ROUNDS [H W]
                                     reads every file of FOLDER with Pillow
                                     into one float32 array in [0, 1], as a
                                     user of PIL and NumPy does, and prints
                                     one JSON line with the seconds it took
                                     (batches: into one batch buffer reused,
                                     as a DataLoader's worker fills batches;
                                     the median of ROUNDS passes)

The images are Fashion-MNIST's (Debian's dataset-fashion-mnist) made into
photograph-like files: enlarged (bicubic), tinted by a random colour each and
given a little noise, as a camera's, so that PNG compresses them as it does
photographs and not as flat drawings. Grey cases keep one channel.
"""
import gzip
import json
import os
import sys
import time

import numpy as np
from PIL import Image

# (name, format, colour, stored size): all read at 64 x 64, the 256 x 256
# ones resized while read, as a folder of FFHQ faces is for a small model
CASES = [
    ("png-rgb-64", "PNG", True, 64),
    ("png-grey-64", "PNG", False, 64),
    ("jpeg-rgb-64", "JPEG", True, 64),
    ("jpeg-grey-64", "JPEG", False, 64),
    ("png-rgb-256", "PNG", True, 256),
    ("jpeg-rgb-256", "JPEG", True, 256),
]
FILES = {64: 2000, 256: 500}


def fashion_images(n):
    path = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
    with gzip.open(os.path.join(path, "train-images-idx3-ubyte.gz")) as f:
        data = np.frombuffer(f.read(), np.uint8, offset=16)
    return data.reshape(-1, 28, 28)[:n]


def make(root):
    rng = np.random.default_rng(20261207)
    digits = fashion_images(max(FILES.values()))
    for name, fmt, colour, size in CASES:
        folder = os.path.join(root, name)
        if os.path.isdir(folder) and len(os.listdir(folder)) == FILES[size]:
            continue
        os.makedirs(folder, exist_ok=True)
        for k in range(FILES[size]):
            big = Image.fromarray(digits[k]).resize((size, size), Image.BICUBIC)
            v = np.asarray(big, np.float32) / 255
            if colour:
                tint = rng.uniform(0.3, 1.0, 3).astype(np.float32)
                base = rng.uniform(0.0, 0.3, 3).astype(np.float32)
                v = base + v[:, :, None] * tint
            v = v + rng.normal(0, 0.02, v.shape).astype(np.float32)
            image = Image.fromarray(np.clip(np.rint(v * 255), 0, 255).astype(np.uint8))
            ext = ".png" if fmt == "PNG" else ".jpg"
            options = {"quality": 90} if fmt == "JPEG" else {}
            image.save(os.path.join(folder, f"{k:05d}{ext}"), fmt, **options)
        print(f"wrote {folder}", file=sys.stderr)


def read(folder, mode, size):
    start = time.perf_counter()
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    with Image.open(files[0]) as first:
        w, h = size if size else first.size
    channels = 3 if mode == "RGB" else 1
    out = np.empty((len(files), h, w, channels), np.float32)
    for i, f in enumerate(files):
        with Image.open(f) as image:
            image = image.convert(mode)
            if size:
                image = image.resize(size, Image.BICUBIC)
            out[i] = np.asarray(image, np.float32).reshape(h, w, channels) * (1 / 255)
    seconds = time.perf_counter() - start
    return {"reader": "pillow", "case": os.path.basename(folder), "files": len(files),
            "seconds": seconds, "mean": float(out.mean())}


def read_batches(folder, mode, batch, rounds, size):
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    with Image.open(files[0]) as first:
        w, h = size if size else first.size
    channels = 3 if mode == "RGB" else 1
    out = np.zeros((batch, h, w, channels), np.float32)   # touched once, here
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        for first in range(0, len(files), batch):
            for i, f in enumerate(files[first:first + batch]):
                with Image.open(f) as image:
                    image = image.convert(mode)
                    if size:
                        image = image.resize(size, Image.BICUBIC)
                    out[i] = np.asarray(image, np.float32).reshape(h, w, channels) * (1 / 255)
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    return {"reader": "pillow-batches", "case": os.path.basename(folder), "files": len(files),
            "seconds": seconds[len(seconds) // 2], "min": seconds[0], "max": seconds[-1]}


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    elif sys.argv[1] == "batches":
        size = (int(sys.argv[7]), int(sys.argv[6])) if len(sys.argv) > 6 else None
        print(json.dumps(read_batches(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), size)))
    else:
        size = (int(sys.argv[5]), int(sys.argv[4])) if len(sys.argv) > 4 else None
        print(json.dumps(read(sys.argv[2], sys.argv[3], size)))
