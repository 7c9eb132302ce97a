#!/usr/bin/python3
"""Batch normalization (torch.nn.BatchNorm2d and BatchNorm1d) on fixed
inputs, written to batchnorm.txt for the check suite test_batchnorm. Run with
Debian's python3-torch:

    /usr/bin/python3 tests/reference/make_batchnorm_reference.py

Inputs, scale, offset, running statistics and the probe r come from closed
formulas that the C test evaluates too: value k of a block = offset + scale *
sin(a k + b). One training step (batch statistics; backward of sum(out * r);
the running statistics' update, momentum 0.1, eps 1e-5) is followed by an
inference pass on another input with the updated running statistics.
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


for name, shape, module in (("bn2d", (2, 3, 4, 5), torch.nn.BatchNorm2d),
                            ("bn1d", (4, 6), torch.nn.BatchNorm1d)):
    channels = shape[1]
    bn = module(channels, eps=1e-5, momentum=0.1)
    with torch.no_grad():
        bn.weight.copy_(formula((channels,), 0.9, 0.2, 0.5, 1.0))
        bn.bias.copy_(formula((channels,), 1.3, 0.4, 0.3))
        bn.running_mean.copy_(formula((channels,), 0.7, 0.1, 0.2))
        bn.running_var.copy_(formula((channels,), 0.5, 0.3, 0.3, 1.0))
    x = formula(shape, 0.71, 0.1, 2.0, 0.5).requires_grad_()
    bn.train()
    out = bn(x)
    r = formula(out.shape, 0.37, 0.5)
    (out * r).sum().backward()
    put(name + "_train_out", out)
    put(name + "_d_in", x.grad)
    put(name + "_d_gamma", bn.weight.grad)
    put(name + "_d_beta", bn.bias.grad)
    put(name + "_running_mean", bn.running_mean)
    put(name + "_running_var", bn.running_var)
    bn.eval()
    put(name + "_eval_out", bn(formula(shape, 0.43, 0.7, 1.5)))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "batchnorm.txt"), "w") as f:
    f.write("# written by make_batchnorm_reference.py with torch %s\n" % torch.__version__)
    f.write("\n".join(lines) + "\n")
print("wrote batchnorm.txt:", len(lines), "arrays")
