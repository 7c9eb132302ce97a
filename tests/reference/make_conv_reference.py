#!/usr/bin/python3
"""Forward and backward of the convolutional layers on fixed inputs, written
to conv.txt for the check suite test_conv. Run with Debian's python3-torch:

    /usr/bin/python3 tests/reference/make_conv_reference.py

Inputs, weights and the probe r come from closed formulas that the C test
evaluates too: value k of a block = offset + scale * sin(a k + b). Each layer's
backward is that of the objective sum(out * r). Layouts are PyTorch's (NCHW;
conv weight [out][in][kh][kw], transposed conv weight [in][out][kh][kw]),
which the C core shares.
"""
import os

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
N, C_IN, H, W, C_OUT = 2, 3, 8, 6, 4


def formula(shape, a, b, scale=1.0, offset=0.0):
    n = 1
    for d in shape:
        n *= d
    k = torch.arange(n, dtype=torch.float64)
    return (offset + scale * torch.sin(a * k + b)).float().reshape(shape)


def backward(out, *tensors):
    r = formula(out.shape, 0.37, 0.5)
    (out * r).sum().backward()
    return [t.grad for t in tensors]


lines = []


def put(name, t):
    values = t.detach().double().flatten().tolist()
    lines.append(name + " " + str(len(values)) + " " + " ".join("%.9g" % v for v in values))


x = formula((N, C_IN, H, W), 0.71, 0.1).requires_grad_()
# convolution, 3x3, stride 2, "same": 8x6 -> 4x3, padding (top 0, bottom 1, left 0, right 1)
w = formula((C_OUT, C_IN, 3, 3), 1.13, 0.2, 0.3).requires_grad_()
b = formula((C_OUT,), 2.3, 0.3, 0.1).requires_grad_()
out = F.conv2d(F.pad(x, (0, 1, 0, 1)), w, b, stride=2)
put("conv_out", out)
for name, g in zip(("conv_d_in", "conv_d_weight", "conv_d_bias"), backward(out, x, w, b)):
    put(name, g)

# transposed convolution, 3x3, stride 2, padding 1, output padding 1: 4x3 -> 8x6
xt = formula((N, C_OUT, 4, 3), 0.53, 0.4).requires_grad_()
wt = formula((C_OUT, C_IN, 3, 3), 0.91, 0.6, 0.3).requires_grad_()
bt = formula((C_IN,), 1.7, 0.7, 0.1).requires_grad_()
out = F.conv_transpose2d(xt, wt, bt, stride=2, padding=1, output_padding=1)
put("tconv_out", out)
for name, g in zip(("tconv_d_in", "tconv_d_weight", "tconv_d_bias"), backward(out, xt, wt, bt)):
    put(name, g)

# max pooling 2x2 stride 2; average pooling 3x3 stride 2 padding 1; upsampling x2
for name, op in (("maxpool", lambda t: F.max_pool2d(t, 2, 2)),
                 ("avgpool", lambda t: F.avg_pool2d(t, 3, 2, padding=1, count_include_pad=True)),
                 ("upsample", lambda t: F.interpolate(t, scale_factor=2, mode="nearest"))):
    xp = formula((N, C_IN, H, W), 0.71, 0.1).requires_grad_()
    out = op(xp)
    put(name + "_out", out)
    put(name + "_d_in", backward(out, xp)[0])

# A small stack through the core's network (test_conv's stack test), its
# parameters one flat vector in the core's layout: a dense weight [n_in][n_out]
# (PyTorch's transposed), then its bias; convolution weights as PyTorch's.
#   conv 2->4, 3x3, stride 2, same; relu; max pool 2x2 stride 1; dense 24->6;
#   tanh; dense 6->36; reshape 3x4x3; transposed conv 3->3, 3x3, stride 2,
#   same (8x6); average pool 2x2 stride 2; upsample 2; conv 3->2 1x1; sigmoid
xs = formula((N, 2, H, W), 0.71, 0.1).requires_grad_()
sizes = [("conv", (4, 2, 3, 3)), ("bias", (4,)), ("dense", (24, 6)), ("bias", (6,)),
         ("dense", (6, 36)), ("bias", (36,)), ("conv", (3, 3, 3, 3)), ("bias", (3,)),
         ("conv", (2, 3, 1, 1)), ("bias", (2,))]
n_params = sum(torch.Size(s).numel() for _, s in sizes)
flat = formula((n_params,), 0.61, 0.3, 0.4).requires_grad_()
parts, at = [], 0
for kind, shape in sizes:
    n = torch.Size(shape).numel()
    t = flat[at:at + n].reshape(shape)
    parts.append(t.t() if kind == "dense" else t)
    at += n
c1w, c1b, d1w, d1b, d2w, d2b, tw, tb, c2w, c2b = parts
h = torch.relu(F.conv2d(F.pad(xs, (0, 1, 0, 1)), c1w, c1b, stride=2))   # 4 x 4x3
h = F.max_pool2d(h, 2, 1)                                                # 4 x 3x2
h = torch.tanh(F.linear(h.flatten(1), d1w, d1b))
h = F.linear(h, d2w, d2b).reshape(N, 3, 4, 3)
h = F.conv_transpose2d(h, tw, tb, stride=2)[:, :, 0:H, 0:W]   # "same": crop bottom/right
h = F.interpolate(F.avg_pool2d(h, 2, 2), scale_factor=2, mode="nearest")
out = torch.sigmoid(F.conv2d(h, c2w, c2b))
put("stack_out", out)
d_x, d_flat = backward(out, xs, flat)
put("stack_d_in", d_x)
put("stack_d_params", d_flat)

# Full kernels: the filter covers the whole unpadded input, one output
# position (DCGAN's first and last layers), which the core runs as dense
# products. 3 samples of 3x5x4 through 4 filters of 5x4 (stride 2: no
# effect), and the adjoint from 4x1x1 back to 3x5x4.
xf = formula((3, C_IN, 5, 4), 0.67, 0.2).requires_grad_()
wf = formula((C_OUT, C_IN, 5, 4), 0.83, 0.9, 0.3).requires_grad_()
bf = formula((C_OUT,), 1.9, 0.5, 0.1).requires_grad_()
out = F.conv2d(xf, wf, bf, stride=2)
put("full_conv_out", out)
for name, g in zip(("full_conv_d_in", "full_conv_d_weight", "full_conv_d_bias"),
                   backward(out, xf, wf, bf)):
    put(name, g)
xft = formula((3, C_OUT, 1, 1), 0.59, 0.3).requires_grad_()
wft = formula((C_OUT, C_IN, 5, 4), 0.77, 0.1, 0.3).requires_grad_()
bft = formula((C_IN,), 1.3, 0.2, 0.1).requires_grad_()
out = F.conv_transpose2d(xft, wft, bft, stride=2)
put("full_tconv_out", out)
for name, g in zip(("full_tconv_d_in", "full_tconv_d_weight", "full_tconv_d_bias"),
                   backward(out, xft, wft, bft)):
    put(name, g)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "conv.txt"), "w") as f:
    f.write("# written by make_conv_reference.py with torch %s\n" % torch.__version__)
    f.write("\n".join(lines) + "\n")
print("wrote conv.txt:", len(lines), "arrays")
