"""The IDX reader the benchmark scripts share: MNIST's gzipped image and label files."""
import gzip
import struct

import numpy as np


def read_idx(path):
    with gzip.open(path) as f:
        data = f.read()
    n_dims = data[3]
    dims = struct.unpack(">" + "I" * n_dims, data[4:4 + 4 * n_dims])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * n_dims).reshape(dims)
