#!/bin/sh
# Ctrl-C during the core's long computations outside training (a forward pass
# over a data set, an evaluation, the Jacobian norms, SSIM over a batch,
# precision and recall, a full-batch SCG iteration, training from files
# while the reader decodes): an interactive session
# gets its prompt back within a second and runs the next command; the
# interrupted call assigns nothing. Each call alone runs for several seconds.
# Prints the latency of each stop: the time from SIGINT to the next command.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
limit=${AE_STOP_LIMIT:-1.0}

# stop_latency NAME SETUP CALL [returns]: runs SETUP, then CALL (which assigns
# R) in an interactive octave-cli fed from a pipe, sends SIGINT 1.5 s into
# CALL, and checks that the next command ran within $limit seconds and R was
# not set; with "returns", that CALL came back (training returns its model).
stop_latency () {
  out="$work/$1.out"
  mkfifo "$work/$1.in"
  {
    cat <<EOF
addpath ('$here/inst'); addpath ('$here/src');
$2
printf ('started\n'); fflush (stdout); $3; printf ('finished\n');
printf ('next command at %.3f, R assigned %d\n', time (), exist ('R', 'var')); fflush (stdout);
exit (0)
EOF
    sleep 120
  } > "$work/$1.in" &
  feeder=$!
  "${OCTAVE:-octave-cli}" --no-gui --norc -q -i < "$work/$1.in" > "$out" 2>&1 &
  pid=$!
  for i in $(seq 1 900); do
    grep -q started "$out" && break
    sleep 0.1
  done
  sleep 1.5
  sent=$(date +%s.%N)
  kill -INT $pid
  # the whole line: seen half-written, a session was once killed before
  # "R assigned" reached the file and the stop counted as missed
  for i in $(seq 1 100); do
    grep -q "R assigned [01]" "$out" && break
    sleep 0.1
  done
  kill $feeder 2>/dev/null || true
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  if [ "$4" = returns ]; then
    grep -q "finished" "$out" || { echo "$1: the call did not return"; tail -5 "$out"; return 1; }
  elif grep -q finished "$out" || ! grep -q "R assigned 0" "$out"; then
    echo "$1: the call was not stopped"; tail -5 "$out"; return 1
  fi
  at=$(sed -n 's/.*next command at \([0-9.]*\).*/\1/p' "$out")
  latency=$(awk -v a="$at" -v s="$sent" 'BEGIN { printf "%.2f", a - s }')
  echo "$1: prompt back $latency s after Ctrl-C"
  awk -v l="$latency" -v m="$limit" 'BEGIN { exit !(l <= m) }' || { echo "$1: slower than $limit s"; return 1; }
}

# a dense autoencoder 784-2000-784 and 200,000 samples: a forward pass takes
# about 13 s on 2 cores
model="X = rand (64, 784, 'single'); m = ae_train (X, 'HiddenSizes', 2000, 'Epochs', 1, 'Verbose', false); Yt = rand (784, 200000, 'single');"
stop_latency forward "$model" "R = __autoencoder__ ('forward', m, Yt, 'reconstruct')"
stop_latency evaluate "$model" "R = __autoencoder__ ('evaluate', m, Yt, struct ('loss', 'mse', 'reduction', 'mean', 'beta', 0, 'seed', -1))"
stop_latency jacobian "$model" "R = __autoencoder__ ('jacobian_norms2', m, Yt)"
stop_latency scg "$model" "[m2, ~, ~, s] = __autoencoder__ ('train_scg', m, [], Yt, struct ('loss', 'mse', 'reduction', 'mean', 'beta', 0), 100); assert (s, 'interrupted')" returns
stop_latency ssim "A = rand (32, 32, 100000); B = rand (32, 32, 100000);" "R = ae_ssim (A, B)"
stop_latency precision_recall "F = randn (30000, 64); G = randn (30000, 64);" "R = ae_precision_recall (F, G)"
# 200 grey PNG files of 2500x2500 (a few kB each, about 60 ms each to decode
# and resize) read at 16x16: the trainer waits on the reader, which is in
# the middle of a batch of 100 (6 s) when Ctrl-C comes
files="d = tempname (); mkdir (d); imwrite (uint8 (128 * ones (2500)), fullfile (d, '000.png')); for k = 1:199, copyfile (fullfile (d, '000.png'), fullfile (d, sprintf ('%03d.png', k))); end; ds = augmentedImageDatastore ([16 16], imageDatastore (d));"
stop_latency datastore "$files" "R = ae_train (ds, 'HiddenSizes', 8, 'LatentDim', 2, 'BatchSize', 100, 'Epochs', 1, 'Verbose', false); confirm_recursive_rmdir (false); rmdir (d, 's')" returns
