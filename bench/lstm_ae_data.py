"""The benchmark's sequences, the same on both sides: N sequences of T steps
of C features, each feature a sine of its own frequency and phase, written
for Octave by bench/lstm_ae_data.py N C T FILE (float32, [n][t][c])."""
import sys

import numpy as np


def sequences(n, c, t):
    k = np.arange(n, dtype=np.float64)[:, None, None]
    step = np.arange(t, dtype=np.float64)[None, :, None]
    feature = np.arange(c, dtype=np.float64)[None, None, :]
    return (0.8 * np.sin(0.05 * (1 + feature % 7) * step + 0.37 * k + 1.3 * feature)
            ).astype(np.float32)


if __name__ == "__main__":
    n, c, t = (int(a) for a in sys.argv[1:4])
    sequences(n, c, t).tofile(sys.argv[4])
