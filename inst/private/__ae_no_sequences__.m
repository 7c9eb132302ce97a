## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} __ae_no_sequences__ (@var{fname}, @var{model})
## An "autoencoder:invalidModel" error when @var{model} is over sequences
## (model.sequence), for the calls that do not take them yet.
## @end deftypefn

function __ae_no_sequences__ (fname, model)
  if (isfield (model, "sequence") && model.sequence)
    error ("autoencoder:invalidModel", "%s: models over sequences are not supported here yet",
           fname);
  endif
endfunction
