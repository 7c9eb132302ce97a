#!/usr/bin/python3
"""vaegan_train's default VAE-GAN (Larsen et al. 2016) written in PyTorch,
for bench/run-vaegan-bench:
  encoder       Conv2d(1, 64, 4, 2, 1) - BN - ReLU - Conv2d(64, 128, 4, 2, 1) - BN
                - ReLU - Linear(6272, 2 * 32): mean and log-variance, z sampled
  decoder       Linear(32, 6272) - 128x7x7 - BN - ReLU - ConvTranspose2d(128, 64, 4,
                2, 1) - BN - ReLU - ConvTranspose2d(64, 1, 4, 2, 1) - Sigmoid
  discriminator Conv2d(1, 64, 4, 2, 1) - LeakyReLU(0.2) - Conv2d(64, 128, 4, 2, 1)
                - BN - LeakyReLU(0.2) (the features D_l) - Linear(6272, 1), the logit
and its objective as vaegan_train's help gives it: each step, on a batch x,
x~ = Dec(z) and xp = Dec(zp), one pass of D on each of x, x~ and xp;
  D:       BCE(D(x), 1) + BCE(D(x~), 0) + BCE(D(xp), 0)
  encoder: Beta KL + L_like,  L_like = 1/2 |D_l(x~) - D_l(x)|^2 (batch mean)
  decoder: Gamma L_like + BCE(D(x~), 1) + BCE(D(xp), 1)
each gradient taken from the same passes (torch.autograd.grad for each
network's own loss), then Adam 2e-4 (0.5, 0.999) on D and on the VAE. Beta 10
and Gamma 1 (generation_table_demo's), batch 64, N(0, 0.02) initial weights.
The first N images of Fashion-MNIST's training file in [0, 1]; seconds per
epoch, one JSON line.

    bench/vaegan_pytorch.py DATA_DIR N_IMAGES EPOCHS TORCH_THREADS
"""
import json
import os
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F

from idx import read_idx

LATENT, BETA, GAMMA, BATCH = 32, 10.0, 1.0, 64


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Flatten())
        self.logit = nn.Linear(128 * 7 * 7, 1)

    def forward(self, x):
        f = self.features(x)
        return self.logit(f).flatten(), f


def weights_init(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(m.weight, 0.0, 0.02)
        nn.init.zeros_(m.bias)


def main():
    data_dir, n_images, n_epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x_all = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"))[:n_images]
    x_all = torch.tensor(x_all, dtype=torch.float32).reshape(-1, 1, 28, 28) / 255
    enc = nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.ReLU(), nn.Flatten(),
        nn.Linear(128 * 7 * 7, 2 * LATENT))
    dec = nn.Sequential(
        nn.Linear(LATENT, 128 * 7 * 7), nn.Unflatten(1, (128, 7, 7)), nn.BatchNorm2d(128),
        nn.ReLU(), nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Sigmoid())
    disc = Discriminator()
    for net in (enc, dec, disc):
        net.apply(weights_init)
    enc_params, dec_params = list(enc.parameters()), list(dec.parameters())
    disc_params = list(disc.parameters())
    opt_vae = torch.optim.Adam(enc_params + dec_params, lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc_params, lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    seconds, sums = [], None
    for epoch in range(n_epochs):
        start = time.perf_counter()
        order = torch.randperm(len(x_all))
        sums = [0.0, 0.0, 0.0, 0.0]
        n_steps = 0
        for first in range(0, len(x_all), BATCH):
            x = x_all[order[first:first + BATCH]]
            b = len(x)
            stats = enc(x)
            mu, logvar = stats[:, :LATENT], stats[:, LATENT:]
            z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
            recon = dec(z)
            prior = dec(torch.randn(b, LATENT))
            logit_real, f_real = disc(x)
            logit_recon, f_recon = disc(recon)
            logit_prior, _ = disc(prior)
            ones, zeros = torch.ones(b), torch.zeros(b)
            loss_d = bce(logit_real, ones) + bce(logit_recon, zeros) + bce(logit_prior, zeros)
            like = 0.5 * ((f_recon - f_real.detach()) ** 2).sum() / b
            kl = -0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum() / b
            gan = bce(logit_recon, ones) + bce(logit_prior, ones)
            grads_d = torch.autograd.grad(loss_d, disc_params, retain_graph=True)
            grads_enc = torch.autograd.grad(BETA * kl + like, enc_params, retain_graph=True)
            grads_dec = torch.autograd.grad(GAMMA * like + gan, dec_params)
            for p, g in zip(disc_params, grads_d):
                p.grad = g
            for p, g in zip(enc_params + dec_params, grads_enc + grads_dec):
                p.grad = g
            opt_d.step()
            opt_vae.step()
            for k, v in enumerate((loss_d, gan, kl, like)):
                sums[k] += v.item()
            n_steps += 1
        seconds.append(time.perf_counter() - start)
        sums = [s / n_steps for s in sums]
    print(json.dumps({"impl": "pytorch", "torch_threads": threads,
                      "blas_threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
                      "seconds_per_epoch": seconds, "disc_loss": sums[0], "gen_loss": sums[1],
                      "kl": sums[2], "feature_loss": sums[3]}))


if __name__ == "__main__":
    main()
