#!/bin/sh
# Resource inputs are bad inputs too: each call below runs in its own Octave
# session under a watchdog (killed after 90 s) and an address-space cap
# (16 GB), so a hang fails this test instead of stalling the suite and a
# runaway allocation fails instead of waking the kernel's OOM killer. Each
# must end in time with the autoencoder: identifier it names (or, for the
# thread count, train with the warning), and the session must still answer.
here=$(cd "$(dirname "$0")/.." && pwd)
octave=${OCTAVE:-octave-cli}
watchdog=90
failures=0
count=0
slowest=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# expect ID CODE: CODE must raise the error (or the warning) ID
expect () {
  count=$((count + 1))
  start=$(date +%s)
  ( ulimit -v 16000000; exec timeout -s KILL $watchdog "$octave" --no-gui --norc -q --eval "
    addpath ('$here/inst'); addpath ('$here/src');
    rand ('seed', 1);
    lastwarn ('');
    try
      $2
      [~, id] = lastwarn ();
    catch err
      id = err.identifier;
      printf ('message: %s\n', err.message);
    end_try_catch
    printf ('identifier: %s\n', id);
    printf ('session alive: %d\n', 1 + 1);
  " ) >"$out" 2>&1
  status=$?
  seconds=$(( $(date +%s) - start ))
  [ $seconds -gt $slowest ] && slowest=$seconds
  if [ $status -eq 137 ]; then
    echo "HUNG (killed after $watchdog s): $2"
    failures=$((failures + 1))
  elif ! grep -q "^identifier: $1\$" "$out" || ! grep -q "^session alive: 2" "$out"; then
    echo "FAILED (exit $status, $seconds s): $2 should give $1; it gave:"
    grep -v "^error: ignoring const execution_exception" "$out" | tail -n 5
    failures=$((failures + 1))
  else
    printf '  %-26s %3d s  %s\n' "$1" $seconds "$(echo "$2" | tr -s ' ' | cut -c1-90)"
    grep "^message: " "$out" | cut -c1-160 | sed 's/^/      /'
  fi
}

vae='m = vae_train (rand (64, 6), "Epochs", 1, "Verbose", false'
expect autoencoder:threadsCapped "$vae, \"Threads\", 1000);"
expect autoencoder:outOfRange 'ae_train (rand (64, 6), "Epochs", Inf, "Verbose", false);'
expect autoencoder:outOfRange 'vae_train (rand (64, 6), "Epochs", 1e20, "Verbose", false);'
expect autoencoder:outOfMemory 'vae_train (rand (64, 784), "HiddenSizes", 1e9, "Verbose", false);'
expect autoencoder:outOfMemory 'ae_train (rand (64, 784), "HiddenSizes", [4e4 4e4], "Verbose", false);'
expect autoencoder:outOfMemory 'vae_train (rand (28, 28, 64), "Encoder", [convolution2dLayer(3, 1e6), reluLayer], "Verbose", false);'
expect autoencoder:outOfMemory 'ae_train (rand (28, 28, 64), "Encoder", [flattenLayer, fullyConnectedLayer(1e7)], "Verbose", false);'
expect autoencoder:outOfMemory 'trainAutoencoder (rand (784, 50), 2^24, "ShowProgressWindow", false);'
expect autoencoder:outOfMemory 'm = vae_train (rand (64, 6), "Epochs", 0, "Verbose", false); vae_sample (m, 1e12);'
expect autoencoder:outOfRange 'm = vae_train (rand (64, 6), "Epochs", 0, "Verbose", false); vae_sample (m, Inf);'
expect autoencoder:outOfMemory 'm = vae_train (rand (28, 28, 64), "LatentDim", 2, "Epochs", 0, "Verbose", false); vae_decode (m, zeros (1e8, 2, "single"));'
expect autoencoder:outOfRange 'ae_classifier_train (rand (64, 6), mod (1:64, 2), "Epochs", Inf, "Verbose", false);'
expect autoencoder:outOfRange 'trainAutoencoder (rand (6, 64), 2, "MaxEpochs", Inf);'
expect autoencoder:outOfMemory 'ae_classifier_train (rand (64, 6), mod (1:64, 2), "HiddenSizes", [1e6 1e6], "Verbose", false);'

echo "resource calls: $count calls, $failures failed; slowest $slowest s (watchdog $watchdog s, address space 16 GB)"
[ $failures -eq 0 ]
