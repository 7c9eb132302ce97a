#!/usr/bin/python3
"""The pytorch/examples VAE (784-400-20, ReLU, sigmoid output, BCE summed plus
KL, Adam 1e-3, batch 128) on Fashion-MNIST's 60,000 training images, timed per
epoch, then scored on the 10,000 test images (loss per sample, codes sampled
as the example does). Prints one JSON line.

    bench/vae_pytorch.py DATA_DIR EPOCHS [TORCH_THREADS]
bench/run-bench runs it in each thread setting (torch.set_num_threads and
OPENBLAS_NUM_THREADS) and compares against the fastest.
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


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def forward(self, x):
        h1 = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h1), self.fc22(h1)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def main():
    data_dir, n_epochs = sys.argv[1], int(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    torch.set_num_threads(threads)
    load = lambda name: torch.from_numpy(
        read_idx(os.path.join(data_dir, name)).reshape(-1, 784).astype(np.float32) / 255)
    x_train = load("train-images-idx3-ubyte.gz")
    x_test = load("t10k-images-idx3-ubyte.gz")
    model = VAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    seconds = []
    for _ in range(n_epochs):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(x_train.shape[0])
        for first in range(0, x_train.shape[0], 128):
            batch = x_train[order[first:first + 128]]
            optimizer.zero_grad()
            recon, mu, logvar = model(batch)
            loss = loss_function(recon, batch, mu, logvar)
            loss.backward()
            optimizer.step()
        seconds.append(time.perf_counter() - start)
    model.eval()
    with torch.no_grad():
        total = 0.0
        for first in range(0, x_test.shape[0], 128):
            batch = x_test[first:first + 128]
            recon, mu, logvar = model(batch)
            total += loss_function(recon, batch, mu, logvar).item()
    print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "torch_threads": threads,
                      "blas_threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
                      "seconds_per_epoch": seconds, "test_loss": total / x_test.shape[0]}))


if __name__ == "__main__":
    main()
