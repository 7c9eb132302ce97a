#!/usr/bin/python3
"""Medians of the interleaved benchmark runs in a JSONL file, and the ratio of
seconds per epoch (PyTorch / this package: above 1 means this package is faster)."""
import json
import statistics
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by_impl = {}
for run in runs:
    by_impl.setdefault(run["impl"], []).append(run)
summary = {}
for impl, rs in by_impl.items():
    per_epoch = statistics.median(s for r in rs for s in r["seconds_per_epoch"])
    key = "test_loss" if "test_loss" in rs[0] else "loss"   # the conv VAE reports training loss
    loss = statistics.median(r[key] for r in rs)
    summary[impl] = per_epoch
    print("%-12s runs %d  median seconds/epoch %.3f  median %s per sample %.2f  (losses %s)"
          % (impl, len(rs), per_epoch, key.replace("_", " "), loss,
             ", ".join("%.2f" % r[key] for r in rs)))
if "pytorch" in summary and "autoencoder" in summary:
    print("speed ratio pytorch/autoencoder seconds per epoch: %.2f"
          % (summary["pytorch"] / summary["autoencoder"]))
