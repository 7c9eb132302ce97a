#!/usr/bin/python3
"""Medians of the interleaved benchmark runs in a JSONL file: this package's
seconds per epoch against PyTorch's in each thread setting it was run in
(torch threads + OpenBLAS threads), and the ratio to the fastest of them
(this package's time / PyTorch's: below 1 means this package is faster).
Each line gives the median over all epochs of all runs, the range of the
runs' own medians (the spread) and the slowest epoch. The ratio is also
taken round by round (a round is one run of this package and the runs after
it, up to its next run), so the spread of the ratio shows how far the
machine's load moved it; the worst round is named. Losses are printed beside
the times, so a faster run that learns less shows."""
import json
import statistics
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def run_median(r):
    return statistics.median(r["seconds_per_epoch"])


def median_seconds(rs):
    return statistics.median(s for r in rs for s in r["seconds_per_epoch"])


def setting_of(r):
    return (r.get("torch_threads", 1), r.get("blas_threads", 2))


def describe(name, rs):
    key = "test_loss" if "test_loss" in rs[0] else "loss"   # the conv VAE reports training loss
    seconds = median_seconds(rs)
    medians = [run_median(r) for r in rs]
    slowest = max(s for r in rs for s in r["seconds_per_epoch"])
    losses = [r[key] for r in rs if key in r]
    loss = ("  median %s per sample %.2f (%s)" % (key.replace("_", " "), statistics.median(losses),
                                                  ", ".join("%.2f" % l for l in losses))
            if losses else "")
    print("%-28s runs %d  median seconds/epoch %.3f (runs %.3f-%.3f, slowest epoch %.3f)%s"
          % (name, len(rs), seconds, min(medians), max(medians), slowest, loss))
    return seconds


ours = [r for r in runs if r["impl"] == "autoencoder"]
settings = {}
for r in runs:
    if r["impl"] == "pytorch":
        settings.setdefault(setting_of(r), []).append(r)
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
    # round by round: this package's run against the fastest setting's run of its round
    rounds, current = [], None
    for r in runs:
        if r["impl"] == "autoencoder":
            current = {"ours": r}
            rounds.append(current)
        elif current is not None and setting_of(r) == fastest[1:]:
            current["torch"] = r
    ratios = [run_median(c["ours"]) / run_median(c["torch"]) for c in rounds if "torch" in c]
    if len(ratios) > 1:
        worst = max(range(len(ratios)), key=lambda k: ratios[k])
        print("ratio round by round: median %.2fx, range %.2f-%.2fx over %d rounds"
              " (worst: round %d)" % (statistics.median(ratios), min(ratios), max(ratios),
                                      len(ratios), worst + 1))
