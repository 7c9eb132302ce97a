## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{core_opts} =} __ae_progress_options__ (@var{core_opts}, @var{opts})
## Adds to a training command's options what its progress line needs: whether
## to draw it (a verbose run) and the run's epoch count for its label (0 for
## an open-ended run).
## @end deftypefn

function core_opts = __ae_progress_options__ (core_opts, opts)
  core_opts.progress = opts.Verbose;
  core_opts.epochs = merge (isfinite (opts.Epochs), opts.Epochs, 0);
endfunction
