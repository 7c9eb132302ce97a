#!/usr/bin/python3
"""An LSTM, a GRU and a bidirectional LSTM over three padded sequences (lengths 5, 3 and 1 of 5
steps, 3 inputs, 4 hidden units) with PyTorch's nn.LSTM (also with
bidirectional=True) and nn.GRU and pack_padded_sequence: their outputs and the gradients of sum(h * probe),
written to recurrent.txt for the check suite test_recurrent. Run with
Debian's python3-torch:

    /usr/bin/python3 tests/reference/make_recurrent_reference.py

Values k of each array are offset + scale * sin(a k + b), as the C test
computes them, in the core's layout: x [n][T][C], input weights [C][4H] and
recurrent weights [H][4H] (PyTorch's weight_ih_l0 and weight_hh_l0
transposed; the gates in the same order i, f, g, o), one bias [4H]
(PyTorch's bias_ih_l0, with bias_hh_l0 = 0). The GRU's arrays are
[C][3H], [H][3H] and [3H] the same way (gates r, z, n), and its candidate's
recurrent bias [H] is bias_hh_l0's last third (its first two thirds 0: they
would only add to bias_ih_l0's). The bidirectional LSTM's parameters are
one array: the forward direction's input weights, recurrent weights and
bias as above, then the reverse direction's. The padding steps of x hold values too:
packing must ignore them.
"""
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_num_threads(1)
N, T, C, H = 3, 5, 3, 4
LENGTHS = [5, 3, 1]


def formula(n, a, b, scale=1.0, offset=0.0):
    k = torch.arange(n, dtype=torch.float64)
    return (offset + scale * torch.sin(a * k + b)).float()


def packed_pass(module, x, probe):
    """The module over the packed sequences of x; sum(h * probe) back to the
    parameters and to x; returns h (padded) and x, its gradient kept."""
    x = x.clone().requires_grad_()
    packed = pack_padded_sequence(x, torch.tensor(LENGTHS), batch_first=True,
                                  enforce_sorted=False)
    out, _ = module(packed)
    h, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
    (h * probe).sum().backward()
    return h, x


def run(module, w_in, w_rec, bias, rec_bias, x, probe):
    with torch.no_grad():
        module.weight_ih_l0.copy_(w_in.t())
        module.weight_hh_l0.copy_(w_rec.t())
        module.bias_ih_l0.copy_(bias)
        module.bias_hh_l0.zero_()
        if rec_bias is not None:
            module.bias_hh_l0[-H:] = rec_bias
    h, x = packed_pass(module, x, probe)
    arrays = {
        "h": h.detach().reshape(-1),
        "d_x": x.grad.reshape(-1),
        "d_w_in": module.weight_ih_l0.grad.t().reshape(-1),
        "d_w_rec": module.weight_hh_l0.grad.t().reshape(-1),
        "d_bias": module.bias_ih_l0.grad.reshape(-1),
    }
    if rec_bias is not None:
        arrays["d_rec_bias"] = module.bias_hh_l0.grad[-H:].reshape(-1)
    return arrays


x = formula(N * T * C, 0.71, 0.1).reshape(N, T, C)
probe = formula(N * T * H, 0.43, 0.5).reshape(N, T, H)
lstm = run(torch.nn.LSTM(C, H, batch_first=True),
           formula(C * 4 * H, 0.37, 0.2, 0.5).reshape(C, 4 * H),
           formula(H * 4 * H, 0.53, 0.4, 0.5).reshape(H, 4 * H),
           formula(4 * H, 0.29, 0.3, 0.3), None, x, probe)
gru = run(torch.nn.GRU(C, H, batch_first=True),
          formula(C * 3 * H, 0.41, 0.6, 0.5).reshape(C, 3 * H),
          formula(H * 3 * H, 0.57, 0.7, 0.5).reshape(H, 3 * H),
          formula(3 * H, 0.31, 0.8, 0.3), formula(H, 0.67, 0.9, 0.3), x, probe)



def bilstm_run(x, probe):
    module = torch.nn.LSTM(C, H, batch_first=True, bidirectional=True)
    G = 4 * H
    size = G * (C + H + 1)
    flat = formula(2 * size, 0.47, 0.15, 0.5)
    with torch.no_grad():
        for d, suffix in enumerate(("", "_reverse")):
            p = flat[d * size:(d + 1) * size]
            getattr(module, "weight_ih_l0" + suffix).copy_(p[:C * G].reshape(C, G).t())
            getattr(module, "weight_hh_l0" + suffix).copy_(
                p[C * G:(C + H) * G].reshape(H, G).t())
            getattr(module, "bias_ih_l0" + suffix).copy_(p[(C + H) * G:])
            getattr(module, "bias_hh_l0" + suffix).zero_()
    h, x = packed_pass(module, x, probe)
    grads = []
    for suffix in ("", "_reverse"):
        grads += [getattr(module, "weight_ih_l0" + suffix).grad.t().reshape(-1),
                  getattr(module, "weight_hh_l0" + suffix).grad.t().reshape(-1),
                  getattr(module, "bias_ih_l0" + suffix).grad.reshape(-1)]
    return {"h": h.detach().reshape(-1), "d_x": x.grad.reshape(-1),
            "d_params": torch.cat(grads)}


bilstm = bilstm_run(x, formula(N * T * 2 * H, 0.43, 0.5).reshape(N, T, 2 * H))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "recurrent.txt"), "w") as f:
    f.write("# written by make_recurrent_reference.py with torch %s\n" % torch.__version__)
    for prefix, arrays in (("lstm_", lstm), ("gru_", gru), ("bilstm_", bilstm)):
        for name, values in arrays.items():
            f.write(prefix + name + " " + str(len(values)) + " "
                    + " ".join("%.9g" % v for v in values.tolist()) + "\n")
