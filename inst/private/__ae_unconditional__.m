## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} __ae_unconditional__ (@var{fname}, @var{model})
## An "autoencoder:conditionalModel" error for the functions that do not
## take a conditional VAE's labels yet, naming those that do.
## @end deftypefn

function __ae_unconditional__ (fname, model)
  if (isfield (model, "classes"))
    error ("autoencoder:conditionalModel",
           "%s: does not take conditional VAEs (trained with \"Labels\") yet; vae_encode, vae_decode, vae_sample, vae_reconstruct and vae_loss take each sample's label",
           fname);
  endif
endfunction
