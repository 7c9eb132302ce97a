#!/usr/bin/python3
"""Keras's convolutional VAE example (keras.io/examples/generative/vae) in
PyTorch: encoder Conv2D(32, 3, stride 2, same, relu), Conv2D(64, 3, stride 2,
same, relu), flatten, Dense(16, relu), Dense(2) for the mean and Dense(2) for
the log-variance; decoder Dense(7*7*64, relu), reshape, Conv2DTranspose(64 and
32, 3, stride 2, same, relu), Conv2DTranspose(1, 3, same, sigmoid). Loss per
image: binary cross-entropy summed over the pixels plus the KL divergence,
averaged over the batch; Adam 1e-3, batch 128. Trained on all the images of a
folder's two IDX files (Keras concatenates MNIST's train and test sets), timed
per epoch. Prints one JSON line with the seconds and the last epoch's mean
training loss, reconstruction and KL.

    bench/conv_vae_pytorch.py DATA_DIR EPOCHS [TORCH_THREADS]
TensorFlow's "same" puts the odd padding row at the bottom and right, so the
strided convolutions pad (0, 1, 0, 1) and the strided transposed ones drop
their last row and column.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from idx import read_idx

torch.manual_seed(1)


class KerasVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, stride=2)
        self.conv2 = nn.Conv2d(32, 64, 3, stride=2)
        self.fc = nn.Linear(7 * 7 * 64, 16)
        self.stats = nn.Linear(16, 4)            # z_mean and z_log_var side by side
        self.project = nn.Linear(2, 7 * 7 * 64)
        self.up1 = nn.ConvTranspose2d(64, 64, 3, stride=2)
        self.up2 = nn.ConvTranspose2d(64, 32, 3, stride=2)
        self.out = nn.ConvTranspose2d(32, 1, 3, padding=1)

    def forward(self, x):
        h = F.relu(self.conv1(F.pad(x, (0, 1, 0, 1))))
        h = F.relu(self.conv2(F.pad(h, (0, 1, 0, 1))))
        h = F.relu(self.fc(h.flatten(1)))
        mu, logvar = self.stats(h).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        h = F.relu(self.project(z)).reshape(-1, 64, 7, 7)
        h = F.relu(self.up1(h)[:, :, :14, :14])
        h = F.relu(self.up2(h)[:, :, :28, :28])
        return torch.sigmoid(self.out(h)), mu, logvar


def main():
    data_dir, n_epochs = sys.argv[1], int(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    torch.set_num_threads(threads)
    load = lambda name: read_idx(os.path.join(data_dir, name))
    x = np.concatenate([load("train-images-idx3-ubyte.gz"), load("t10k-images-idx3-ubyte.gz")])
    x = torch.from_numpy(x.astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    model = KerasVAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    seconds = []
    for _ in range(n_epochs):
        start = time.perf_counter()
        order = torch.randperm(x.shape[0])
        sums = np.zeros(3)
        for first in range(0, x.shape[0], 128):
            batch = x[order[first:first + 128]]
            optimizer.zero_grad()
            recon, mu, logvar = model(batch)
            rec = F.binary_cross_entropy(recon, batch, reduction="sum") / batch.shape[0]
            kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / batch.shape[0]
            loss = rec + kl
            loss.backward()
            optimizer.step()
            sums += batch.shape[0] * np.array([loss.item(), rec.item(), kl.item()])
        seconds.append(time.perf_counter() - start)
    loss, rec, kl = sums / x.shape[0]
    print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "torch_threads": threads,
                      "blas_threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")), "images": x.shape[0],
                      "seconds_per_epoch": seconds, "loss": loss, "reconstruction": rec,
                      "kl": kl}))


if __name__ == "__main__":
    main()
