## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} __ae_check_vq_model__ (@var{fname}, @var{model}, @var{needs_prior})
## Refuse anything but a VQ-VAE: an ae_train model whose encoder ends with a
## vector quantization layer; with @var{needs_prior}, one whose prior
## vq_prior_train has fitted.
## @end deftypefn

function __ae_check_vq_model__ (fname, model, needs_prior = false)
  __ae_check_model__ (fname, model, {"ae"});
  if (! (isstruct (model.encoder) && ! isempty (model.encoder)
         && strcmp (model.encoder(end).type, "vq")))
    error ("autoencoder:invalidModel",
           "%s: MODEL must be a VQ-VAE: an ae_train model whose Encoder ends with a vectorQuantizationLayer",
           fname);
  elseif (needs_prior && ! isfield (model, "prior"))
    error ("autoencoder:invalidModel",
           "%s: MODEL has no prior over its codes: fit one with vq_prior_train", fname);
  endif
endfunction
