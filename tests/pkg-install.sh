#!/bin/sh
# The package tarball installs with `pkg install` into a scratch prefix, and
# `pkg load autoencoder` then provides working functions (the MEX file built
# by pkg from src/Makefile included): the installed files' BISTs of a few
# functions pass (the main trainer, a metric, a layer, the layer catalogue,
# the model files, the MATLAB-style trainer) and vae_train's demo draws its figure.
set -e
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make -s dist-octave >/dev/null
tarball=$(ls -t autoencoder-*.tar.gz | head -n 1)
cp "$tarball" "$work/"
cp INDEX "$work/INDEX.copy"
cd "$work"
"${OCTAVE:-octave-cli}" --no-gui --norc -q --eval "
  pkg ('prefix', '$work/pkg', '$work/pkg');
  ## both lists in the scratch folder: as root, pkg install writes to the
  ## global list, and a stale entry there would outlive this test
  pkg ('local_list', '$work/octave_packages');
  pkg ('global_list', '$work/octave_packages_global');
  pkg ('install', '$tarball');
  pkg load autoencoder
  ## every function the INDEX lists
  index = strsplit (fileread ('$(pwd)/INDEX.copy'), char (10));
  fns = strtrim (index(strncmp (index, ' ', 1)));
  missing = fns(cellfun (@(f) exist (f) != 2, fns));
  if (! isempty (missing)) error ('not installed: %s', strjoin (missing, ', ')); end
  if (isempty (strfind (which ('__autoencoder__'), '$work/pkg'))) error ('MEX file not installed'); end
  ## a trained model: a curve in 6 dimensions, 20 epochs
  t = linspace (0, 2 * pi, 200).';
  X = 0.5 + 0.4 * [cos(t), sin(t), cos(2 * t), sin(2 * t), cos(t) .* sin(t), sin(3 * t)];
  m = vae_train (X, 'LatentDim', 2, 'HiddenSizes', 8, 'Epochs', 20, 'Verbose', false);
  assert (numel (m.history.loss), 20);
  if (! (m.history.loss(end) < m.history.loss(1))) error ('the installed vae_train did not learn'); end
  __ae_headless_figures__ ();
  [passed, total] = deal (0);
  for f = {'vae_train', 'ae_ssim', 'convolution2dLayer', 'ae_layers', 'ae_save_model', 'trainAutoencoder'}
    if (isempty (strfind (which (f{1}), '$work/pkg'))) error ('%s is not the installed one', f{1}); end
    [ok, n] = test (f{1}, 'quiet');
    if (ok < n) error ('installed %s: %d of %d tests passed', f{1}, ok, n); end
    [passed, total] = deal (passed + ok, total + n);
  end
  evalc ('demo (\"vae_train\", 1)');
  print ('-dpng', '$work/demo.png');
  info = dir ('$work/demo.png');
  if (isempty (info) || info.bytes < 1000) error ('the demo drew no figure'); end
  printf ('pkg install: %d functions and the MEX file installed and working; a VAE trained for 20 epochs (loss %.4f, then %.4f); %d of %d BISTs of the installed files passed; vae_train demo drawn\n', ...
          numel (fns), m.history.loss([1 end]), passed, total);
"
