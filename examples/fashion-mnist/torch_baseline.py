#!/usr/bin/python3
"""The PyTorch side of the training-throughput comparison in BENCHMARKS.md:
the same 29.7k-parameter CNN as config.json (conv 16-32-32 with batch norm,
dropout 0.2, dense 10; 1.48 M MACs per image), AdamW, batch 128, on the same
Fashion-MNIST files, on N threads. Prints samples/s per epoch and the test
accuracy. Not part of mote: Debian's python3-torch, installed by hand
(apt-get install python3-torch), only to measure against.

    /usr/bin/python3 examples/fashion-mnist/torch_baseline.py --epochs 1 --threads 2
"""
import argparse
import gzip
import time

import numpy as np
import torch
import torch.nn as nn

ap = argparse.ArgumentParser()
ap.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
ap.add_argument('--epochs', type=int, default=1)
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--limit', type=int, default=0)
args = ap.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(1)


def idx(path, offset):
    with gzip.open(path, 'rb') as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(split):
    x = idx(f'{args.data}/{split}-images-idx3-ubyte.gz', 16).reshape(-1, 1, 28, 28)
    y = idx(f'{args.data}/{split}-labels-idx1-ubyte.gz', 8)
    return torch.from_numpy(x.astype(np.float32) / 255), torch.from_numpy(y.astype(np.int64))


xtr, ytr = load('train')
xte, yte = load('t10k')
if args.limit:
    xtr, ytr = xtr[:args.limit], ytr[:args.limit]

model = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(),
    nn.Flatten(), nn.Dropout(0.2), nn.Linear(7 * 7 * 32, 10))
print('parameters', sum(p.numel() for p in model.parameters()))
opt = torch.optim.AdamW(model.parameters(), lr=0.003, weight_decay=1e-4)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(args.epochs):
    model.train()
    order = torch.randperm(len(xtr))
    start = time.perf_counter()
    cpu_start = time.process_time()
    for i in range(0, len(xtr), 128):
        idx_b = order[i:i + 128]
        opt.zero_grad()
        loss = loss_fn(model(xtr[idx_b]), ytr[idx_b])
        loss.backward()
        opt.step()
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    model.eval()
    with torch.no_grad():
        acc = (model(xte).argmax(1) == yte).float().mean().item()
    print(f'epoch {epoch + 1}: {len(xtr) / seconds:.0f} samples/s ({seconds:.1f} s), '
          f'{len(xtr) / cpu:.0f} samples per CPU-second, test accuracy {100 * acc:.2f}%')
