#!/usr/bin/python3
"""MusicVAE's hierarchical decoder as the core's hierarchical_lstm kind computes it, in
PyTorch: a conductor nn.LSTM (C inputs, Hc units) over U = T / S steps, its input the code at
every step; each conductor output repeated over the S steps of its bar; a decoder nn.LSTM (Hc
inputs, H units) over every bar as a sequence of its own (zero initial state). Three samples
of lengths 6, 4 and 2 steps padded to 6 (bars of S = 2, C = 2, Hc = 4, H = 3); the outputs
past a sample's length are masked to 0. Writes the output and the gradients of
sum(out * probe) with respect to the code, W and b to hierarchical.txt, for the check suite
test_hierarchical. Run with Debian's python3-torch:

    /usr/bin/python3 tests/reference/make_hierarchical_reference.py

Values k of each array are offset + scale * sin(a k + b), as the C test computes them. The
layer's W is the conductor's input weights [C][4Hc] and recurrent weights [Hc][4Hc], then
the decoder's [Hc][4H] and [H][4H] (PyTorch's weight_ih_l0 and weight_hh_l0 transposed,
gates i, f, g, o); b is the conductor's bias [4Hc] then the decoder's [4H] (PyTorch's
bias_ih_l0, with bias_hh_l0 = 0).
"""
import os

import torch

torch.set_num_threads(1)
N, T, C, S, HC, H = 3, 6, 2, 2, 4, 3
U = T // S
LENGTHS = [6, 4, 2]


def formula(n, a, b, scale=1.0, offset=0.0):
    k = torch.arange(n, dtype=torch.float64)
    return (offset + scale * torch.sin(a * k + b)).float()


def load_lstm(module, w_in, w_rec, bias):
    with torch.no_grad():
        module.weight_ih_l0.copy_(w_in.t())
        module.weight_hh_l0.copy_(w_rec.t())
        module.bias_ih_l0.copy_(bias)
        module.bias_hh_l0.zero_()


conductor = torch.nn.LSTM(C, HC, batch_first=True)
decoder = torch.nn.LSTM(HC, H, batch_first=True)
sizes = [C * 4 * HC, HC * 4 * HC, HC * 4 * H, H * 4 * H]
W = formula(sum(sizes), 0.37, 0.2, 0.5)
b = formula(4 * HC + 4 * H, 0.29, 0.3, 0.3)
parts = torch.split(W, sizes)
load_lstm(conductor, parts[0].reshape(C, 4 * HC), parts[1].reshape(HC, 4 * HC), b[:4 * HC])
load_lstm(decoder, parts[2].reshape(HC, 4 * H), parts[3].reshape(H, 4 * H), b[4 * HC:])

code = formula(N * C, 0.71, 0.1).reshape(N, C).requires_grad_()
probe = formula(N * T * H, 0.43, 0.5).reshape(N, T, H)
mask = torch.zeros(N, T, 1)
for n, length in enumerate(LENGTHS):
    mask[n, :length] = 1

embeddings, _ = conductor(code.unsqueeze(1).expand(N, U, C))        # [N][U][Hc]
bars = embeddings.reshape(N * U, 1, HC).expand(N * U, S, HC)        # a bar's input
out, _ = decoder(bars)                                              # [N*U][S][H]
out = out.reshape(N, T, H) * mask
(out * probe).sum().backward()

d_w = torch.cat([conductor.weight_ih_l0.grad.t().reshape(-1),
                 conductor.weight_hh_l0.grad.t().reshape(-1),
                 decoder.weight_ih_l0.grad.t().reshape(-1),
                 decoder.weight_hh_l0.grad.t().reshape(-1)])
d_b = torch.cat([conductor.bias_ih_l0.grad, decoder.bias_ih_l0.grad])
arrays = {"out": out.detach().reshape(-1), "d_code": code.grad.reshape(-1), "d_w": d_w,
          "d_b": d_b}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "hierarchical.txt"), "w") as f:
    f.write("# written by make_hierarchical_reference.py with torch %s\n" % torch.__version__)
    for name, values in arrays.items():
        f.write("hierarchical_" + name + " " + str(len(values)) + " "
                + " ".join("%.9g" % v for v in values.tolist()) + "\n")
