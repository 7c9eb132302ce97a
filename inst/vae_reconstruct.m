## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{Xhat} =} vae_reconstruct (@var{model}, @var{X})
## @deftypefnx {} {@var{Xhat} =} vae_reconstruct (@var{model}, @var{X}, @qcode{"Labels"}, @var{y})
## Reconstruct data through a variational autoencoder in one call: encode to
## the mean code @var{mu} (no sampling, so the result is deterministic) and
## decode it.  @var{Xhat} has the format of @var{X}.  A conditional VAE
## (trained with @qcode{"Labels"}) needs each sample's label @var{y}, which
## both its encoder and its decoder read.
##
## @seealso{vae_encode, vae_decode, ae_reconstruct}
## @end deftypefn

function Xhat = vae_reconstruct (model, X, varargin)
  if (nargin != 2 && nargin != 4)
    print_usage ();
  endif
  __ae_check_model__ ("vae_reconstruct", model, {"vae", "vaegan"});
  Xhat = __ae_reconstruct__ ("vae_reconstruct", model, X, varargin);
endfunction

%!test
%! rand ("seed", 5);
%! X = rand (20, 8);
%! model = vae_train (X, "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);
%! [~, mu] = vae_encode (model, X);
%! assert (vae_reconstruct (model, X), vae_decode (model, mu), 1e-6);

%!error <Invalid call> vae_reconstruct (1)
%!error <MODEL must be a model struct> vae_reconstruct ([], 1)
