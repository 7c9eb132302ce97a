#!/usr/bin/python3
"""The LSTM autoencoder of bench/lstm_ae_octave.m in PyTorch (CPU): an LSTM
of H units over the C features of each step, its last hidden state to a
code of L values, the code repeated over the T steps into an LSTM of H
units, a linear layer per step back to C; mean squared error, Adam (1e-3),
batches of 64, the same sequences (bench/lstm_ae_data.py). Prints one
JSON line with the seconds of each epoch.
  python3 bench/lstm_ae_pytorch.py N C T H L EPOCHS TORCH_THREADS"""
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lstm_ae_data import sequences  # noqa: E402

n, c, t, h, latent, epochs, threads = (int(a) for a in sys.argv[1:8])
torch.set_num_threads(threads)
torch.manual_seed(1)
x = torch.from_numpy(sequences(n, c, t))          # [n][t][c]


class LstmAutoencoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = torch.nn.LSTM(c, h, batch_first=True)
        self.code = torch.nn.Linear(h, latent)
        self.decoder = torch.nn.LSTM(latent, h, batch_first=True)
        self.out = torch.nn.Linear(h, c)

    def forward(self, x):
        _, (h_last, _) = self.encoder(x)
        z = self.code(h_last[-1])
        y, _ = self.decoder(z.unsqueeze(1).expand(-1, x.shape[1], -1))
        return self.out(y)


model = LstmAutoencoder()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
seconds, loss_sum = [], 0.0
for epoch in range(epochs):
    start = time.perf_counter()
    order = torch.randperm(n)
    loss_sum = 0.0
    for first in range(0, n, 64):
        batch = x[order[first:first + 64]]
        loss = F.mse_loss(model(batch), batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * batch.shape[0]
    seconds.append(time.perf_counter() - start)
print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "torch_threads": threads,
                  "blas_threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
                  "seconds_per_epoch": seconds, "loss": loss_sum / n}))
