## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{Xhat} =} vae_decode (@var{model}, @var{Z})
## @deftypefnx {} {@var{Xhat} =} vae_decode (@var{model}, @var{Z}, @qcode{"Labels"}, @var{y})
## @deftypefnx {} {@var{Xhat} =} vae_decode (@var{model}, @var{Z}, @qcode{"Steps"}, @var{T})
## (A model over sequences needs @qcode{"Steps"}: each code becomes a
## C-by-@var{T} matrix of an N-by-1 cell array.)
## Decode the codes @var{Z} (N-by-LatentDim) with a variational autoencoder's
## decoder.
##
## A conditional VAE (trained with @qcode{"Labels"}) decodes each code with
## its label: @var{y} is a vector of N labels, or one label for all, each one
## of the model's @code{classes}.
##
## @var{Xhat} is N-by-D, or H-by-W-by-N (or H-by-W-by-C-by-N) images when the
## model was trained on images.  With the @qcode{"bce"} loss its values are
## the Bernoulli means, in (0, 1).
##
## @seealso{vae_encode, vae_sample, vae_train}
## @end deftypefn

function Xhat = vae_decode (model, Z, varargin)
  if (nargin != 2 && nargin != 4 && nargin != 6)
    print_usage ();
  endif
  __ae_check_model__ ("vae_decode", model, {"vae", "vaegan"});
  [steps, varargin] = __ae_steps__ ("vae_decode", model, varargin);
  [Ct, rest] = __ae_conditions__ ("vae_decode", model, varargin, rows (Z));
  if (! isempty (rest))
    error ("autoencoder:invalidOption", "vae_decode: the options are \"Labels\" and \"Steps\"");
  endif
  Xhat = __ae_decode__ ("vae_decode", model, Z, Ct, steps);
endfunction

%!shared model
%! rand ("seed", 3);
%! model = vae_train (rand (30, 8), "LatentDim", 2, "HiddenSizes", 4, "Epochs", 1, "Verbose", false);

%!test
%! Z = [0 0; 1 -1; 3 2];
%! Xhat = vae_decode (model, Z);
%! assert (size (Xhat), [3 8]);
%! h = max (double (model.decoder(1).W) * Z.' + double (model.decoder(1).b), 0);
%! expected = 1 ./ (1 + exp (-(double (model.decoder(3).W) * h + double (model.decoder(3).b))));
%! assert (Xhat, expected.', 1e-6);

%!error <Invalid call> vae_decode (model)
%!error <Z has 3 values per sample> vae_decode (model, ones (2, 3))
%!error <NaN or Inf> vae_decode (model, [NaN 1])
%!error <must be numeric> vae_decode (model, "ab")
