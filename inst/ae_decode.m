## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later
##
## This program is free software: you can redistribute it and/or modify it
## under the terms of the GNU General Public License as published by the Free
## Software Foundation, either version 3 of the License, or (at your option)
## any later version.  See the file COPYING.

## -*- texinfo -*-
## @deftypefn  {} {@var{Xhat} =} ae_decode (@var{model}, @var{Z})
## @deftypefnx {} {@var{Xhat} =} ae_decode (@var{model}, @var{Z}, "Steps", @var{T})
## Decode the N-by-LatentDim codes @var{Z} with an autoencoder's decoder (of
## either kind).  @var{Xhat} is N-by-D, or images when the model was trained on
## images.  A model over sequences unrolls each code into @var{T} steps
## (which it needs): @var{Xhat} is then an N-by-1 cell array of C-by-@var{T}
## matrices.
##
## @seealso{ae_encode, ae_train, vae_decode}
## @end deftypefn

function Xhat = ae_decode (model, Z, varargin)
  if (nargin != 2 && nargin != 4)
    print_usage ();
  endif
  __ae_check_model__ ("ae_decode", model, {"ae", "vae", "pca"});
  [steps, rest] = __ae_steps__ ("ae_decode", model, varargin);
  if (! isempty (rest))
    error ("autoencoder:invalidOption", "ae_decode: the only option is \"Steps\"");
  endif
  Xhat = __ae_decode__ ("ae_decode", model, Z, [], steps);
endfunction

%!test
%! rand ("seed", 12);
%! X = rand (30, 5);
%! model = ae_train (X, "LatentDim", 2, "HiddenSizes", [], "Epochs", 1, "Verbose", false);
%! Z = ae_encode (model, X);
%! expected = 1 ./ (1 + exp (-(double (model.decoder(1).W) * Z.' + double (model.decoder(1).b))));
%! assert (ae_decode (model, Z), expected.', 1e-6);
%! assert (ae_reconstruct (model, X), ae_decode (model, Z), 1e-6);

%!error <Invalid call> ae_decode (1)
%!error <Z has 1 values per sample> ae_decode (ae_train (rand (5, 3), "LatentDim", 2, "Epochs", 0, "Verbose", false), ones (2, 1))
%!error <Z must be an N-by-2 matrix> ae_decode (ae_train (rand (5, 3), "LatentDim", 2, "Epochs", 0, "Verbose", false), ones (2, 2, 2))
