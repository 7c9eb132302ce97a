#!/bin/sh
# Ctrl-C during training: SIGINT sent to octave-cli mid-epoch stops training
# after the current batch, vae_train returns the model trained so far with the
# warning autoencoder:interrupted and saves it to its checkpoint file, and the
# session goes on to the next line.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp)
checkpoint=$(mktemp -u)
trap 'rm -f "$out" "$checkpoint"' EXIT

# interrupt_after PID PATTERN DELAY: once a line of $out matches PATTERN (or
# after 60 s), wait DELAY seconds, send SIGINT, wait for the session to end
interrupt_after () {
  for i in $(seq 1 600); do
    grep -q "$2" "$out" && break
    sleep 0.1
  done
  sleep "$3"
  kill -INT "$1"
  wait "$1" || true
  cat "$out"
}
"${OCTAVE:-octave-cli}" --no-gui --norc -q --eval "
  addpath ('$here/inst'); addpath ('$here/src');
  rand ('seed', 1);
  X = rand (20000, 784);
  m = vae_train (X, 'HiddenSizes', 256, 'Epochs', 1000, 'Threads', 1, ...
                 'CheckpointFile', '$checkpoint', 'CheckpointEvery', 100);
  [~, id] = lastwarn ();
  saved = ae_load_model ('$checkpoint');
  printf ('session alive: %d epochs, finite weights %d, warning %s, checkpoint same %d\n', ...
          numel (m.history.loss), all (isfinite (m.encoder(1).W(:))), id, isequaln (saved, m));
" > "$out" 2>&1 &
# wait for two finished epochs, then interrupt the third mid-epoch: the epoch
# takes about 0.5 s, the step between epochs milliseconds
interrupt_after $! "^epoch *2/" 0.2
grep -q "session alive: [2-9][0-9]* epochs, finite weights 1, warning autoencoder:interrupted, checkpoint same 1" "$out"

# The same for trainAutoencoder's scaled conjugate gradient: the gateway stops
# after the current iteration and the autoencoder trained so far comes back.
"${OCTAVE:-octave-cli}" --no-gui --norc -q --eval "
  addpath ('$here/inst'); addpath ('$here/src');
  rand ('seed', 1);
  X = rand (784, 4000);
  a = trainAutoencoder (X, 100, 'MaxEpochs', 400);
  [~, id] = lastwarn ();
  h = a.TrainingParameters.history;
  printf ('session alive: %d epochs, finite weights %d, warning %s, stopped: %s\n', ...
          numel (h.loss), all (isfinite (a.EncoderWeights(:))), id, h.stop_reason);
" > "$out" 2>&1 &
interrupt_after $! "^trainAutoencoder: epoch" 0.3
grep -q "session alive: [1-9][0-9]* epochs, finite weights 1, warning autoencoder:interrupted, stopped: interrupted" "$out"

# The same for gan_train: the core stops after the current step, and the
# GAN trained so far comes back and is in its checkpoint file.
"${OCTAVE:-octave-cli}" --no-gui --norc -q --eval "
  addpath ('$here/inst'); addpath ('$here/src');
  rand ('seed', 1);
  X = rand (28, 28, 1, 4000);
  m = gan_train (X, 'Epochs', 1000, 'Threads', 1, 'CheckpointFile', '$checkpoint', ...
                 'CheckpointEvery', 100);
  [~, id] = lastwarn ();
  saved = ae_load_model ('$checkpoint');
  printf ('session alive: %d epochs, finite weights %d, warning %s, checkpoint same %d\n', ...
          numel (m.history.gen_loss), all (isfinite (m.generator(1).W(:))), id, ...
          isequaln (saved, m));
" > "$out" 2>&1 &
interrupt_after $! "^epoch *1/" 0.3
grep -q "session alive: [1-9][0-9]* epochs, finite weights 1, warning autoencoder:interrupted, checkpoint same 1" "$out"

# SIGTERM (what `timeout` and a closing terminal send) is not a Ctrl-C: the
# core stops after the current batch and Octave ends the session, as it does
# without this package, instead of the training swallowing the signal.
termdir=$(mktemp -d)
trap 'rm -f "$out" "$checkpoint"; rm -rf "$termdir"' EXIT
cd "$termdir"   # Octave saves its variables to octave-workspace here
"${OCTAVE:-octave-cli}" --no-gui --norc -q --eval "
  addpath ('$here/inst'); addpath ('$here/src');
  X = rand (20000, 784);
  m = vae_train (X, 'HiddenSizes', 256, 'Epochs', 1000, 'Threads', 1);
  disp ('session went on after SIGTERM');
" > "$out" 2>&1 &
pid=$!
for i in $(seq 1 600); do
  grep -q "^epoch *2/" "$out" && break
  sleep 0.1
done
kill -TERM $pid
start=$(date +%s)
status=0
wait $pid || status=$?
echo "SIGTERM: Octave exited with status $status after $(( $(date +%s) - start )) s"
[ $status -ne 0 ] && ! grep -q "session went on" "$out" && [ $(( $(date +%s) - start )) -le 5 ]
