#!/usr/bin/python3
"""One DCGAN training step (pytorch/examples' dcgan: D on real towards 1 and
on G(z) towards 0, Adam step on D; G through the updated D towards 1, Adam
step on G; Adam lr 2e-4, betas (0.5, 0.999); batch normalization in training
mode with momentum 0.1) on small networks with fixed weights, written to
gan.txt for the check suite test_gan. Run with Debian's python3-torch:

    /usr/bin/python3 tests/reference/make_gan_reference.py

Each network's parameters are one flat vector in the core's layout (per
layer the weight, then the bias; a dense weight [n_in][n_out], PyTorch's
transposed; convolution weights as PyTorch's), value k = offset + scale *
sin(a k + b), as the C test computes them. Running statistics start at 0
and 1.
  G: code 3 -> dense 36 -> reshape 4x3x3 -> batch norm -> relu
     -> transposed conv 4->1, 4x4, stride 2, padding 1 (6x6) -> tanh
  D: batch norm -> conv 1->4, 4x4, stride 2, padding 1 (3x3) -> leaky relu
     0.2 -> conv 4->8, 3x3 (1x1) -> leaky relu 0.2 -> dense 8 -> 1
D's batch normalization reads its input, not a convolution's output as in
DCGAN: the gradient of a bias that batch normalization follows is zero up to
rounding, and Adam's first step turns any nonzero gradient into +-lr
whatever its size, so the two implementations' rounding would decide that
bias's step (G's dense bias gets exact zeros on both sides).
"""
import os

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
B = 5


def formula(n, a, b, scale=1.0, offset=0.0):
    k = torch.arange(n, dtype=torch.float64)
    return (offset + scale * torch.sin(a * k + b)).float()


def split(flat, layout):
    parts, at = [], 0
    for kind, shape in layout:
        n = torch.Size(shape).numel()
        t = flat[at:at + n].reshape(shape)
        parts.append(t.t() if kind == "dense" else t)
        at += n
    return parts


G_LAYOUT = [("dense", (3, 36)), ("bias", (36,)), ("bn", (4,)), ("bn", (4,)),
            ("tconv", (4, 1, 4, 4)), ("bias", (1,))]
D_LAYOUT = [("bn", (1,)), ("bn", (1,)), ("conv", (4, 1, 4, 4)), ("bias", (4,)),
            ("conv", (8, 4, 3, 3)), ("bias", (8,)), ("dense", (8, 1)), ("bias", (1,))]


def size(layout):
    return sum(torch.Size(s).numel() for _, s in layout)


def with_bn_defaults(flat, layout):
    # batch normalization's scale near 1: its block of the formula plus 1
    flat = flat.clone()
    at = 0
    first_bn = True
    for kind, shape in layout:
        n = torch.Size(shape).numel()
        if kind == "bn":
            if first_bn:
                flat[at:at + n] += 1
            first_bn = not first_bn
        at += n
    return flat


flat_g = with_bn_defaults(formula(size(G_LAYOUT), 0.61, 0.3, 0.3), G_LAYOUT).requires_grad_()
flat_d = with_bn_defaults(formula(size(D_LAYOUT), 0.47, 0.9, 0.3), D_LAYOUT).requires_grad_()
g_mean, g_var = torch.zeros(4), torch.ones(4)
d_mean, d_var = torch.zeros(1), torch.ones(1)


def G(z):
    w1, b1, gamma, beta, wt, bt = split(flat_g, G_LAYOUT)
    h = F.linear(z, w1, b1).reshape(-1, 4, 3, 3)
    h = torch.relu(F.batch_norm(h, g_mean, g_var, gamma, beta, True, 0.1, 1e-5))
    return torch.tanh(F.conv_transpose2d(h, wt, bt, stride=2, padding=1))


def D(x):
    gamma, beta, c1, c1b, c2, c2b, w, b = split(flat_d, D_LAYOUT)
    h = F.batch_norm(x, d_mean, d_var, gamma, beta, True, 0.1, 1e-5)
    h = F.leaky_relu(F.conv2d(h, c1, c1b, stride=2, padding=1), 0.2)
    h = F.leaky_relu(F.conv2d(h, c2, c2b), 0.2)
    return F.linear(h.flatten(1), w, b).flatten()


real = formula(B * 36, 0.71, 0.1, 0.9).reshape(B, 1, 6, 6)
z = formula(B * 3, 0.53, 0.4, 1.2).reshape(B, 3)
bce = torch.nn.BCEWithLogitsLoss()
opt_d = torch.optim.Adam([flat_d], lr=2e-4, betas=(0.5, 0.999))
opt_g = torch.optim.Adam([flat_g], lr=2e-4, betas=(0.5, 0.999))

opt_d.zero_grad()
out = D(real)
err_real = bce(out, torch.ones(B))
err_real.backward()
d_real = torch.sigmoid(out).mean()
fake = G(z)
out = D(fake.detach())
err_fake = bce(out, torch.zeros(B))
err_fake.backward()
d_fake = torch.sigmoid(out).mean()
opt_d.step()
opt_g.zero_grad()
out = D(fake)
err_g = bce(out, torch.ones(B))
err_g.backward()
opt_g.step()

lines = []


def put(name, t):
    values = t.detach().double().flatten().tolist()
    lines.append(name + " " + str(len(values)) + " " + " ".join("%.9g" % v for v in values))


put("disc_loss", err_real + err_fake)
put("gen_loss", err_g)
put("d_real", d_real)
put("d_fake", d_fake)
put("gen_params", flat_g)
put("disc_params", flat_d)
put("gen_running", torch.cat([g_mean, g_var]))
put("disc_running", torch.cat([d_mean, d_var]))
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "gan.txt"), "w") as f:
    f.write("# written by make_gan_reference.py with torch %s\n" % torch.__version__)
    f.write("\n".join(lines) + "\n")
print("wrote gan.txt:", len(lines), "arrays")
