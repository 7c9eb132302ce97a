#!/usr/bin/python3
"""pytorch/examples' DCGAN (dcgan/main.py) adapted to 28x28 grey images:
generator ConvTranspose2d(nz, ngf*4, 7, 1, 0) - BN - ReLU -
ConvTranspose2d(ngf*4, ngf*2, 4, 2, 1) - BN - ReLU - ConvTranspose2d(ngf*2, 1, 4,
2, 1) - Tanh; discriminator Conv2d(1, ndf, 4, 2, 1) - LeakyReLU(0.2) -
Conv2d(ndf, ndf*2, 4, 2, 1) - BN - LeakyReLU(0.2) - Conv2d(ndf*2, 1, 7, 1, 0),
the logit (BCEWithLogitsLoss; the example's Sigmoid + BCELoss computes the
same). nz 100, ngf = ndf = 64, Adam 2e-4 (0.5, 0.999), batch 128, N(0, 0.02)
initialisation, the example's training loop. The first N images of Fashion-
MNIST's training file, scaled to [-1, 1]; seconds per epoch, one JSON line.

    bench/dcgan_pytorch.py DATA_DIR N_IMAGES EPOCHS TORCH_THREADS

Convolutions carry biases here, as this package's do (the example's have
none): the same arithmetic on both sides.
"""
import json
import os
import sys
import time

import torch
from torch import nn

from idx import read_idx

nz, ngf, ndf = 100, 64, 64


def weights_init(m):
    name = m.__class__.__name__
    if name.find("Conv") != -1:
        nn.init.normal_(m.weight, 0.0, 0.02)
        nn.init.zeros_(m.bias)
    elif name.find("BatchNorm") != -1:
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


def main():
    data_dir, n_images, n_epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"))[:n_images]
    x = torch.tensor(x, dtype=torch.float32).reshape(-1, 1, 28, 28) / 127.5 - 1
    G = nn.Sequential(
        nn.ConvTranspose2d(nz, ngf * 4, 7, 1, 0), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 2, 1, 4, 2, 1), nn.Tanh())
    D = nn.Sequential(
        nn.Conv2d(1, ndf, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True),
        nn.Conv2d(ndf, ndf * 2, 4, 2, 1), nn.BatchNorm2d(ndf * 2),
        nn.LeakyReLU(0.2, inplace=True), nn.Conv2d(ndf * 2, 1, 7, 1, 0))
    G.apply(weights_init)
    D.apply(weights_init)
    bce = nn.BCEWithLogitsLoss()
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    seconds, losses = [], None
    for epoch in range(n_epochs):
        start = time.perf_counter()
        order = torch.randperm(len(x))
        sums = [0.0, 0.0]
        n_steps = 0
        for first in range(0, len(x), 128):
            real = x[order[first:first + 128]]
            b = len(real)
            D.zero_grad()
            err_real = bce(D(real).flatten(), torch.ones(b))
            err_real.backward()
            fake = G(torch.randn(b, nz, 1, 1))
            err_fake = bce(D(fake.detach()).flatten(), torch.zeros(b))
            err_fake.backward()
            opt_d.step()
            G.zero_grad()
            err_g = bce(D(fake).flatten(), torch.ones(b))
            err_g.backward()
            opt_g.step()
            sums[0] += (err_real + err_fake).item()
            sums[1] += err_g.item()
            n_steps += 1
        seconds.append(time.perf_counter() - start)
        losses = [s / n_steps for s in sums]
    print(json.dumps({"impl": "pytorch", "torch_threads": threads,
                      "blas_threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
                      "seconds_per_epoch": seconds, "disc_loss": losses[0],
                      "gen_loss": losses[1]}))


if __name__ == "__main__":
    main()
