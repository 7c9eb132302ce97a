#!/usr/bin/python3
"""An LSTM over three padded sequences (lengths 5, 3 and 1 of 5 steps, 3
inputs, 4 hidden units) with PyTorch's nn.LSTM and pack_padded_sequence:
its outputs and the gradients of sum(h * probe), written to lstm.txt for the
check suite test_lstm. Run with Debian's python3-torch:

    /usr/bin/python3 tests/reference/make_lstm_reference.py

Values k of each array are offset + scale * sin(a k + b), as the C test
computes them, in the core's layout: x [n][T][C], input weights [C][4H] and
recurrent weights [H][4H] (PyTorch's weight_ih_l0 and weight_hh_l0
transposed; the gates in the same order i, f, g, o), one bias [4H]
(PyTorch's bias_ih_l0, with bias_hh_l0 = 0). The padding steps of x hold
values too: packing must ignore them.
"""
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_num_threads(1)
N, T, C, H = 3, 5, 3, 4
G = 4 * H
LENGTHS = [5, 3, 1]


def formula(n, a, b, scale=1.0, offset=0.0):
    k = torch.arange(n, dtype=torch.float64)
    return (offset + scale * torch.sin(a * k + b)).float()


x = formula(N * T * C, 0.71, 0.1).reshape(N, T, C).requires_grad_()
w_in = formula(C * G, 0.37, 0.2, 0.5).reshape(C, G)
w_rec = formula(H * G, 0.53, 0.4, 0.5).reshape(H, G)
bias = formula(G, 0.29, 0.3, 0.3)
probe = formula(N * T * H, 0.43, 0.5).reshape(N, T, H)

lstm = torch.nn.LSTM(C, H, batch_first=True)
with torch.no_grad():
    lstm.weight_ih_l0.copy_(w_in.t())
    lstm.weight_hh_l0.copy_(w_rec.t())
    lstm.bias_ih_l0.copy_(bias)
    lstm.bias_hh_l0.zero_()
packed = pack_padded_sequence(x, torch.tensor(LENGTHS), batch_first=True,
                              enforce_sorted=False)
out, _ = lstm(packed)
h, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
(h * probe).sum().backward()

arrays = {
    "h": h.detach().reshape(-1),
    "d_x": x.grad.reshape(-1),
    "d_w_in": lstm.weight_ih_l0.grad.t().reshape(-1),
    "d_w_rec": lstm.weight_hh_l0.grad.t().reshape(-1),
    "d_bias": lstm.bias_ih_l0.grad.reshape(-1),
}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "lstm.txt"), "w") as f:
    f.write("# written by make_lstm_reference.py with torch %s\n" % torch.__version__)
    for name, values in arrays.items():
        f.write(name + " " + str(len(values)) + " "
                + " ".join("%.9g" % v for v in values.tolist()) + "\n")
