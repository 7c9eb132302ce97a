## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{X} =} vae_sample (@var{model}, @var{n})
## @deftypefnx {} {[@var{X}, @var{Z}] =} vae_sample (@var{model}, @var{n})
## Generate @var{n} new samples from a variational autoencoder: codes @var{Z}
## drawn from the prior N(0, I) with Octave's @code{randn}, decoded.
##
## @var{X} has the format of the training data (N-by-D or images).
##
## @seealso{vae_decode, vae_train}
## @end deftypefn

function [X, Z] = vae_sample (model, n)
  if (nargin != 2)
    print_usage ();
  endif
  __ae_check_model__ ("vae_sample", model, {"vae"});
  if (! (isnumeric (n) && isscalar (n) && isreal (n) && isfinite (n) && n == fix (n) && n >= 1))
    error ("autoencoder:outOfRange", "vae_sample: N must be a positive integer");
  endif
  ## the codes and, per sample, the output in double and the core's single copy
  __ae_check_memory__ ("vae_sample", sprintf ("drawing %d samples", n),
                       n * (16 * model.latent_dim + 12 * prod (model.input_size)));
  Z = randn (n, model.latent_dim);
  X = vae_decode (model, Z);
endfunction

%!test
%! rand ("seed", 4);
%! model = vae_train (rand (30, 8), "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! randn ("state", 7);
%! [X, Z] = vae_sample (model, 5);
%! assert (size (X), [5 8]);
%! assert (X, vae_decode (model, Z));
%! assert (all (X(:) > 0 & X(:) < 1));

%!error <Invalid call> vae_sample (1)
%!error <N must be a positive integer> vae_sample (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), 0)
%!error <MODEL must be a model struct> vae_sample (1, 2)
%!error id=autoencoder:outOfMemory vae_sample (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), 1e15)
%!error <N must be a positive integer> vae_sample (vae_train (rand (4, 2), "LatentDim", 1, "Epochs", 0, "Verbose", false), Inf)
