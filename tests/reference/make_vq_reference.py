#!/usr/bin/python3
"""Vector quantization (van den Oord et al. 2017) written out in PyTorch on
fixed inputs, to vq.txt for the check suite test_vq. Run with Debian's
python3-torch:

    /usr/bin/python3 tests/reference/make_vq_reference.py

Inputs come from closed formulas the C test evaluates too: value k of a
block = offset + scale * sin(a k + b). The encoder's output z is 2 samples of
3 channels on a 2x2 grid (NCHW, as the package stores a sample), the
codebook 5 codes of 3 channels. One step of the objective

    sum(out * r) / n + (1 / n) sum_b [ |sg(z) - e|^2 + beta |z - sg(e)|^2 ]

with the straight-through output out = z + sg(e - z) (Sonnet's and the
paper's) gives the gradients of z and of the codebook; the moving-average
update (decay 0.9, epsilon 1e-5, Sonnet's VectorQuantizerEMA) of counts and
sums from formulas gives the codebook it moves to.
"""
import os

import torch

torch.set_num_threads(1)


def formula(shape, a, b, scale=1.0, offset=0.0):
    n = 1
    for d in shape:
        n *= d
    k = torch.arange(n, dtype=torch.float64)
    return (offset + scale * torch.sin(a * k + b)).float().reshape(shape)


lines = []


def put(name, t):
    values = t.detach().double().flatten().tolist()
    lines.append(name + " " + str(len(values)) + " " + " ".join("%.9g" % v for v in values))


n, D, H, W, K = 2, 3, 2, 2, 5
beta, decay, epsilon = 0.25, 0.9, 1e-5
z = formula((n, D, H, W), 0.61, 0.3, 1.5).requires_grad_()
codebook = formula((K, D), 1.7, 0.2, 1.2).requires_grad_()
r = formula((n, D, H, W), 0.43, 0.7)

flat = z.permute(0, 2, 3, 1).reshape(-1, D)            # a row per position
distances = (flat.detach()[:, None, :] - codebook.detach()[None, :, :]).pow(2).sum(2)
codes = distances.argmin(1)
ordered = distances.sort(1).values
assert (ordered[:, 1] - ordered[:, 0]).min() > 1e-2, "a near tie: choose other formulas"
quantized = codebook[codes].reshape(n, H, W, D).permute(0, 3, 1, 2)
out = z + (quantized - z).detach()
codebook_loss = (z.detach() - quantized).pow(2).sum()
commitment = (z - quantized.detach()).pow(2).sum()
objective = ((out * r).sum() + codebook_loss + beta * commitment) / n
objective.backward()

put("vq_codes", codes.float())
put("vq_out", out)
put("vq_distortion", commitment.reshape(1))
put("vq_d_in", z.grad)
put("vq_d_codebook", codebook.grad)

# moving averages from given counts and sums, with this batch's codes
counts = formula((K,), 0.9, 0.4, 0.5, 1.0)
sums = formula((K, D), 0.53, 0.1, 0.8)
one_hot = torch.nn.functional.one_hot(codes, K).float()
new_counts = decay * counts + (1 - decay) * one_hot.sum(0)
total = new_counts.sum()
smoothed = (new_counts + epsilon) / (total + K * epsilon) * total
new_sums = decay * sums + (1 - decay) * one_hot.t() @ flat.detach()
put("vq_ema_counts", new_counts)
put("vq_ema_sums", new_sums)
put("vq_ema_codebook", new_sums / smoothed[:, None])

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "vq.txt"), "w") as f:
    f.write("# made by make_vq_reference.py with torch %s\n" % torch.__version__)
    f.write("\n".join(lines) + "\n")
