## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{X} =} ae_expost_sample (@var{model}, @var{n})
## @deftypefnx {} {[@var{X}, @var{Z}] =} ae_expost_sample (@var{model}, @var{n}, "Seed", @var{seed})
## Generate @var{n} samples from an autoencoder or VAE through the Gaussian
## mixture @code{ae_expost_fit} fitted to its codes: codes @var{Z}
## (@var{n}-by-LatentDim) drawn from the mixture (@code{ae_gmm_sample}),
## then decoded.  @var{X} has the format of the training data.  The same
## @var{seed} gives the same samples everywhere; without it the seed is
## drawn from Octave's @code{rand}.
## @seealso{ae_expost_fit, ae_gmm_sample, vae_sample}
## @end deftypefn

function [X, Z] = ae_expost_sample (model, n, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_expost_model__ ("ae_expost_sample", model);
  if (! isfield (model, "expost"))
    error ("autoencoder:invalidModel",
           "ae_expost_sample: MODEL has no mixture over its codes: fit one with ae_expost_fit");
  endif
  if (! (isnumeric (n) && isscalar (n) && isreal (n) && isfinite (n) && n == fix (n) && n >= 1))
    error ("autoencoder:outOfRange", "ae_expost_sample: N must be a positive integer");
  endif
  seed = __ae_sampling_seed__ ("ae_expost_sample", varargin);
  __ae_check_memory__ ("ae_expost_sample", sprintf ("drawing %d samples", n),
                       n * (24 * model.latent_dim + 12 * prod (model.input_size)));
  Z = ae_gmm_sample (model.expost, n, seed);
  X = __ae_decode__ ("ae_expost_sample", model, Z, [], []);
endfunction

%!shared model
%! randn ("seed", 5);
%! Z = [randn(200, 2) * 0.3; randn(200, 2) * 0.3 + [3 0]];
%! X = Z * [1 0 1 0.5; 0 1 -1 0.5];
%! model = ae_train (X, "LatentDim", 2, "HiddenSizes", [], "Activation", "identity",
%!                   "Epochs", 30, "BatchSize", 20, "LearnRate", 1e-2, "Verbose", false);
%! model = ae_expost_fit (model, X, "Components", 2);
%!test
%! [S, Z] = ae_expost_sample (model, 500, "Seed", 2);
%! assert (size (S), [500 4]);
%! assert (size (Z), [500 2]);
%! ## the samples are the decoded codes, and the codes follow the mixture
%! assert (S, ae_decode (model, Z), 1e-5);
%! assert (mean (Z), model.expost.weights * model.expost.means.', 0.15);
%! rand ("seed", 1);
%! assert (ae_expost_sample (model, 5, "Seed", 2), S(1:5, :));
%!error <no mixture over its codes> ae_expost_sample (rmfield (model, "expost"), 3)
%!error <N must be a positive integer> ae_expost_sample (model, 1.5)
