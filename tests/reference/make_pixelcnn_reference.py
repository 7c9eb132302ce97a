#!/usr/bin/python3
"""PixelCNN's pieces (van den Oord et al. 2016) in PyTorch on fixed inputs,
written to pixelcnn.txt for the check suite test_vq. Run with Debian's
python3-torch:

    /usr/bin/python3 tests/reference/make_pixelcnn_reference.py

Inputs come from closed formulas the C test evaluates too: value k of a
block = offset + scale * sin(a k + b). A masked convolution (3x3 filters,
stride 1, padding 1) is an ordinary convolution whose weights are multiplied
by the mask: taps below the centre row, and right of the centre on its row,
are zero, and mask "A" hides the centre too. Its output and the gradients
of sum(out * r) are written for both masks, then the cross-entropy of logits
N x C x H x W (a softmax over the channels at each position) against one-hot
targets, summed, with its gradient.
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


n, c_in, c_out, h, w, k = 2, 4, 5, 5, 6, 3
for kind in ("A", "B"):
    x = formula((n, c_in, h, w), 0.37, 0.2, 1.0).requires_grad_()
    weight = formula((c_out, c_in, k, k), 0.53, 0.4, 0.4).requires_grad_()
    bias = formula((c_out,), 0.91, 0.1, 0.3).requires_grad_()
    mask = torch.ones(k, k)
    mask[k // 2, k // 2 + (kind == "B"):] = 0
    mask[k // 2 + 1:, :] = 0
    out = torch.nn.functional.conv2d(x, weight * mask, bias, padding=k // 2)
    r = formula(out.shape, 0.29, 0.6)
    (out * r).sum().backward()
    put("masked_%s_out" % kind, out)
    put("masked_%s_d_in" % kind, x.grad)
    put("masked_%s_d_weight" % kind, weight.grad)
    put("masked_%s_d_bias" % kind, bias.grad)

classes = 7
logits = formula((n, classes, h, w), 0.47, 0.3, 3.0).requires_grad_()
labels = (formula((n, h, w), 1.3, 0.5, 0.5, 0.5) * (classes - 1e-3)).long()
ce = torch.nn.functional.cross_entropy(logits, labels, reduction="sum")
ce.backward()
put("ce_labels", labels.float())
put("ce_value", ce.reshape(1))
put("ce_d_logits", logits.grad)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "pixelcnn.txt"), "w") as f:
    f.write("# made by make_pixelcnn_reference.py with torch %s\n" % torch.__version__)
    f.write("\n".join(lines) + "\n")
