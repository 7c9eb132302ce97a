#!/usr/bin/python3
"""Medians of the interleaved benchmark runs in a JSONL file: this package's
seconds per epoch against PyTorch's in each thread setting it was run in
(torch threads + OpenBLAS threads), and the ratio to the fastest of them
(PyTorch / this package: above 1 means this package is faster). Losses are
printed beside the times, so a faster run that learns less shows."""
import json
import statistics
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def median_seconds(rs):
    return statistics.median(s for r in rs for s in r["seconds_per_epoch"])


def describe(name, rs):
    key = "test_loss" if "test_loss" in rs[0] else "loss"   # the conv VAE reports training loss
    seconds = median_seconds(rs)
    losses = [r[key] for r in rs if key in r]
    loss = ("  median %s per sample %.2f (%s)" % (key.replace("_", " "), statistics.median(losses),
                                                  ", ".join("%.2f" % l for l in losses))
            if losses else "")
    print("%-28s runs %d  median seconds/epoch %.3f%s" % (name, len(rs), seconds, loss))
    return seconds


ours = [r for r in runs if r["impl"] == "autoencoder"]
settings = {}
for r in runs:
    if r["impl"] == "pytorch":
        settings.setdefault((r.get("torch_threads", 1), r.get("blas_threads", 2)), []).append(r)
ours_seconds = describe("autoencoder", ours) if ours else None
fastest = None
for (torch_threads, blas_threads), rs in sorted(settings.items()):
    seconds = describe("pytorch torch %d + OpenBLAS %d" % (torch_threads, blas_threads), rs)
    if fastest is None or seconds < fastest[0]:
        fastest = (seconds, torch_threads, blas_threads)
if ours_seconds and fastest:
    print("autoencoder / fastest pytorch (torch %d + OpenBLAS %d): %.2fx the time"
          " (speed ratio %.2f)" % (fastest[1], fastest[2], ours_seconds / fastest[0],
                                   fastest[0] / ours_seconds))
