## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} __ae_dense_encoder__ (@var{fname}, @var{encoder}, @var{what})
## Raise "autoencoder:invalidOption" unless the layer list @var{encoder} holds
## only dense and activation layers, as the exact Jacobian of the contractive
## penalty (@var{what}) needs.
## @end deftypefn

function __ae_dense_encoder__ (fname, encoder, what)
  other = setdiff ({encoder.type}, ["dense", __ae_activations__("all")]);
  if (! isempty (other))
    error ("autoencoder:invalidOption",
           "%s: %s needs an encoder of fully connected and activation layers, not %s",
           fname, what, strjoin (other, ", "));
  endif
endfunction
