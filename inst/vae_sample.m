## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{X} =} vae_sample (@var{model}, @var{n})
## @deftypefnx {} {[@var{X}, @var{Z}] =} vae_sample (@var{model}, @var{n}, "Seed", @var{seed})
## @deftypefnx {} {@dots{} =} vae_sample (@var{model}, @var{n}, "Labels", @var{y}, @dots{})
## @deftypefnx {} {@dots{} =} vae_sample (@var{model}, @var{n}, "Steps", @var{T}, @dots{})
## (A sequence VAE needs @qcode{"Steps"}: @var{X} is then an @var{n}-by-1
## cell array of C-by-@var{T} sequences.)
## Generate @var{n} new samples from a variational autoencoder: codes @var{Z}
## (N-by-LatentDim) drawn from the prior N(0, I) and decoded.
##
## The codes come from the C core's generator, the one training uses: the
## same @var{seed} (an integer in [0, 2^53]) gives the same codes on every
## machine and thread count.  Without @qcode{"Seed"} the seed is drawn from
## Octave's @code{rand}, so @code{rand ("seed", s)} before the call makes it
## repeatable too.
##
## @var{X} has the format of the training data (N-by-D or images).
##
## A conditional VAE (trained with @qcode{"Labels"}) generates samples of the
## classes it is given: @var{y} is one label for all @var{n} samples or a
## vector of @var{n} labels, each one of the model's @code{classes}.
## @code{vae_sample (model, 8, "Labels", 3)} draws eight samples of class 3.
##
## @seealso{vae_decode, vae_train}
## @end deftypefn

function [X, Z] = vae_sample (model, n, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  __ae_check_model__ ("vae_sample", model, {"vae", "vaegan"});
  if (! (isnumeric (n) && isscalar (n) && isreal (n) && isfinite (n) && n == fix (n) && n >= 1))
    error ("autoencoder:outOfRange", "vae_sample: N must be a positive integer");
  endif
  [steps, varargin] = __ae_steps__ ("vae_sample", model, varargin);
  [Ct, varargin] = __ae_conditions__ ("vae_sample", model, varargin, n);
  seed = __ae_sampling_seed__ ("vae_sample", varargin);
  ## the codes and, per sample, the output in double and the core's single copy
  __ae_check_memory__ ("vae_sample", sprintf ("drawing %d samples", n),
                       n * (16 * model.latent_dim
                            + 12 * prod (model.input_size) * max ([steps, 1])));
  Z = double (__autoencoder__ ("normal", seed, model.latent_dim, n).');
  X = __ae_decode__ ("vae_sample", model, Z, Ct, steps);
endfunction

%!test
%! rand ("seed", 4);
%! model = vae_train (rand (30, 8), "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! [X, Z] = vae_sample (model, 5, "Seed", 7);
%! assert (size (X), [5 8]);
%! ## the seed alone fixes the draw; Octave's generators play no part
%! rand ("seed", 99); randn ("seed", 99);
%! [X2, Z2] = vae_sample (model, 5, "Seed", 7);
%! assert (Z2, Z);
%! assert (X2, X);
%! assert (! isequal (vae_sample (model, 5, "Seed", 8), X));
%! ## the core's N(0, 1): 200,000 draws have mean and variance within 4 SE
%! [~, Zbig] = vae_sample (model, 100000, "Seed", 1);
%! assert (abs (mean (Zbig(:))) < 4 / sqrt (2e5));
%! assert (abs (var (Zbig(:)) - 1) < 4 * sqrt (2 / 2e5));
%! ## without a seed, Octave's rand state makes it repeatable
%! rand ("seed", 3); A = vae_sample (model, 3);
%! rand ("seed", 3); B = vae_sample (model, 3);
%! assert (A, B);
%! assert (X, vae_decode (model, Z));
%! assert (all (X(:) > 0 & X(:) < 1));

%!error <Invalid call> vae_sample (1)
%!error <N must be a positive integer> vae_sample (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), 0)
%!error <MODEL must be a model struct> vae_sample (1, 2)
%!error id=autoencoder:outOfMemory vae_sample (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), 1e15)
%!error <N must be a positive integer> vae_sample (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), Inf)
%!error id=autoencoder:outOfRange vae_sample (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), 2, "Seed", -1)
%!error id=autoencoder:outOfRange vae_sample (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), 2, "Seed", 1.5)
