#!/usr/bin/python3
"""Forward and backward of the pytorch/examples MNIST VAE (784-400-20) on fixed
weights, inputs and noise, written to vae_784_400_20.txt for the check suite
test_torch_reference. Run with Debian's python3-torch:

    /usr/bin/python3 tests/reference/make_vae_reference.py

Weights, inputs and noise come from closed formulas that the C test evaluates
too, so only the results are stored. The network is the example's: fc1 784->400
relu, fc21/fc22 400->20 (mu, logvar), z = mu + exp(logvar/2) eps, fc3 20->400
relu, fc4 400->784 sigmoid; loss = BCE(sum) + KL(sum), here divided by the batch
size (the package reports means per sample).
"""
import math
import os

import torch
import torch.nn.functional as F

N_BATCH, N_IN, N_HIDDEN, N_LATENT = 8, 784, 400, 20
torch.set_num_threads(1)


def formula_weights(n_in, n_out, layer, gain=1.0):
    """Dense weight [n_in][n_out] then bias [n_out], as the C core stores them:
    value k of the layer's block = gain / sqrt(n_in) * sin(12.9898 k + 78.233 layer)."""
    bound = gain / math.sqrt(n_in)
    n = n_in * n_out + n_out
    k = torch.arange(n, dtype=torch.float64)
    block = (bound * torch.sin(12.9898 * k + 78.233 * layer)).float()
    return block[: n_in * n_out].reshape(n_in, n_out), block[n_in * n_out:]


def formula_values(n, a, b, scale, offset):
    k = torch.arange(n, dtype=torch.float64)
    return (offset + scale * torch.sin(a * k + b)).float()


w1, b1 = formula_weights(N_IN, N_HIDDEN, 1)
# a larger gain in the latent head gives the KL term weight in the loss
w2, b2 = formula_weights(N_HIDDEN, 2 * N_LATENT, 2, gain=8.0)
w3, b3 = formula_weights(N_LATENT, N_HIDDEN, 3)
w4, b4 = formula_weights(N_HIDDEN, N_IN, 4)
x = formula_values(N_BATCH * N_IN, 0.7, 1.3, 0.5, 0.5).reshape(N_BATCH, N_IN)
eps = formula_values(N_BATCH * N_LATENT, 1.7, 0.1, 1.5, 0.0).reshape(N_BATCH, N_LATENT)

# torch's Linear holds weight[out][in]; fc21/fc22 are the mu/logvar halves of layer 2
fc1 = torch.nn.Linear(N_IN, N_HIDDEN)
fc21 = torch.nn.Linear(N_HIDDEN, N_LATENT)
fc22 = torch.nn.Linear(N_HIDDEN, N_LATENT)
fc3 = torch.nn.Linear(N_LATENT, N_HIDDEN)
fc4 = torch.nn.Linear(N_HIDDEN, N_IN)
with torch.no_grad():
    for layer, (w, b) in ((fc1, (w1, b1)), (fc3, (w3, b3)), (fc4, (w4, b4))):
        layer.weight.copy_(w.t())
        layer.bias.copy_(b)
    fc21.weight.copy_(w2[:, :N_LATENT].t())
    fc21.bias.copy_(b2[:N_LATENT])
    fc22.weight.copy_(w2[:, N_LATENT:].t())
    fc22.bias.copy_(b2[N_LATENT:])

h1 = F.relu(fc1(x))
mu, logvar = fc21(h1), fc22(h1)
z = mu + torch.exp(0.5 * logvar) * eps
recon_x = torch.sigmoid(fc4(F.relu(fc3(z))))
bce = F.binary_cross_entropy(recon_x, x, reduction="sum") / N_BATCH
kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / N_BATCH
loss = bce + kld
loss.backward()

# gradients in the core's layout: weight [n_in][n_out], bias [n_out]
grads = {
    "grad_w1": fc1.weight.grad.t(), "grad_b1": fc1.bias.grad,
    "grad_w2": torch.cat([fc21.weight.grad.t(), fc22.weight.grad.t()], dim=1),
    "grad_b2": torch.cat([fc21.bias.grad, fc22.bias.grad]),
    "grad_w3": fc3.weight.grad.t(), "grad_b3": fc3.bias.grad,
    "grad_w4": fc4.weight.grad.t(), "grad_b4": fc4.bias.grad,
}

N_PROBE = 2000   # weight-gradient entries stored per layer, evenly spread
out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vae_784_400_20.txt")
with open(out_path, "w") as out:
    out.write("# written by make_vae_reference.py with torch %s\n" % torch.__version__)

    def put(name, values):
        values = values.detach().flatten().double().tolist()
        out.write("%s %d %s\n" % (name, len(values), " ".join("%.9g" % v for v in values)))

    put("loss", torch.tensor([loss.item()]))
    put("reconstruction", torch.tensor([bce.item()]))
    put("kl", torch.tensor([kld.item()]))
    put("mu", mu)
    put("logvar", logvar)
    put("output", recon_x[:2])
    for name, g in grads.items():
        flat = g.flatten()
        if name.startswith("grad_w"):
            stride = flat.numel() // N_PROBE
            put(name + "_norm", torch.tensor([flat.double().norm().item()]))
            put(name + "_probe", flat[::stride][:N_PROBE])
        else:
            put(name, flat)
print("wrote", out_path)
