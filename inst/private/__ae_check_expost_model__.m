## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {} __ae_check_expost_model__ (@var{fname}, @var{model})
## Refuse a model ex-post density estimation cannot serve: it takes an
## autoencoder or a VAE with a code vector, not a conditional, sequence or
## vector-quantized one (whose discrete codes have a prior of their own,
## vq_prior_train).
## @end deftypefn

function __ae_check_expost_model__ (fname, model)
  if (! (isstruct (model) && isfield (model, "kind") && any (strcmp (model.kind, {"ae", "vae"}))))
    error ("autoencoder:invalidModel", "%s: MODEL must be an autoencoder or a VAE (ae_train, vae_train)", fname);
  endif
  __ae_check_model__ (fname, model, {"ae", "vae"});
  if (isfield (model, "classes"))
    error ("autoencoder:invalidModel", "%s: a conditional VAE samples by its labels (vae_sample)", fname);
  elseif (isfield (model, "sequence") && model.sequence)
    error ("autoencoder:invalidModel", "%s: sequence models are not taken (yet)", fname);
  elseif (strcmp (model.encoder(end).type, "vq"))
    error ("autoencoder:invalidModel", "%s: a VQ-VAE's codes are discrete: fit its prior with vq_prior_train", fname);
  endif
endfunction
