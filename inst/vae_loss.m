## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{loss} =} vae_loss (@var{model}, @var{X})
## @deftypefnx {} {[@var{loss}, @var{reconstruction}, @var{kl}] =} vae_loss (@var{model}, @var{X}, @var{name}, @var{value}, @dots{})
## The negative ELBO of a variational autoencoder on @var{X}, as a mean per
## sample: @code{loss = reconstruction + beta * kl}, with the loss and beta the
## model was trained with.
##
## Options: @qcode{"Beta"} (the model's) to weigh the KL term otherwise;
## @qcode{"Seed"} (0), the seed of the codes sampled for the reconstruction
## term, or @qcode{"mean"} to decode the mean codes instead;
## @qcode{"Labels"}, each sample's label, which a conditional VAE (one
## trained with @qcode{"Labels"}) needs.
##
## @seealso{vae_train, ae_loss}
## @end deftypefn

function [loss, reconstruction, kl] = vae_loss (model, X, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_model__ ("vae_loss", model, {"vae"});
  Xt = __ae_check_data__ ("vae_loss", X, "X", __ae_input_size__ (model));
  [Ct, varargin] = __ae_conditions__ ("vae_loss", model, varargin, __ae_n_samples__ (Xt));
  p = inputParser ();
  p.FunctionName = "vae_loss";
  p.addParameter ("Beta", model.options.Beta);
  p.addParameter ("Seed", 0);
  opts = __ae_parse__ ("vae_loss", p, varargin);
  beta = opts.Beta;
  seed = opts.Seed;
  if (! (isnumeric (beta) && isscalar (beta) && isreal (beta) && isfinite (beta) && beta >= 0))
    error ("autoencoder:outOfRange", "vae_loss: Beta must be a finite scalar >= 0");
  endif
  if (strcmp (seed, "mean"))
    seed = -1;
  elseif (! (isnumeric (seed) && isscalar (seed) && seed == fix (seed) && seed >= 0
             && seed <= flintmax ()))
    error ("autoencoder:outOfRange", "vae_loss: Seed must be an integer >= 0 or \"mean\"");
  endif
  core_opts = struct ("loss", model.options.Loss, "reduction", model.options.Reduction,
                 "beta", beta, "seed", seed, "conditions", Ct);
  [reconstruction, kl] = __autoencoder__ ("evaluate", model, Xt, core_opts);
  loss = reconstruction + beta * kl;
endfunction

%!shared model, X
%! rand ("seed", 6);
%! X = rand (30, 8);
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);

%!test
%! ## with the mean code, the reconstruction term is the BCE of vae_reconstruct
%! [loss, recon, kl] = vae_loss (model, X, "Seed", "mean");
%! Xhat = vae_reconstruct (model, X);
%! bce = -sum (X .* log (Xhat) + (1 - X) .* log (1 - Xhat), 2);
%! assert (recon, mean (bce), 1e-4);
%! [~, mu, logvar] = vae_encode (model, X);
%! assert (kl, mean (-0.5 * sum (1 + logvar - mu.^2 - exp (logvar), 2)), 1e-5);
%! assert (loss, recon + kl, 1e-12);

%!test
%! [a, ~, kla] = vae_loss (model, X, "Seed", 1);
%! b = vae_loss (model, X, "Seed", 1);
%! [c, ~, klc] = vae_loss (model, X, "Seed", 2);
%! assert (a, b);
%! assert (a != c);
%! assert (kla, klc);
%! assert (vae_loss (model, X, "Beta", 0, "Seed", 1), a - kla, 1e-9);

%!error <Invalid call> vae_loss (model)
%!error <Beta must be> vae_loss (model, X, "Beta", -2)
%!error <Seed must be> vae_loss (model, X, "Seed", 1.5)
%!error <unknown option "Bta"> vae_loss (model, X, "Bta", 1)
